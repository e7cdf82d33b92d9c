package io.github.coupamcp.coupa.http;

import java.time.Duration;

/** Waits between attempts. Injectable so retry tests run in milliseconds (a fake sleeper advances a fake clock). */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real one. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };
}
