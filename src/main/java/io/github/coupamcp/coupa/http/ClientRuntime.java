package io.github.coupamcp.coupa.http;

import io.github.coupamcp.coupa.CoupaException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time and chance, injectable: the clock (token ages, deadlines, circuit breaker), the sleeper (backoff, waiting out
 * the token propagation window, rate limit), the jitter source (a fraction in [0, 1)) and the ticker (monotonic
 * nanoseconds, for the rate limit). Tests pass a fake clock whose sleeper advances it, so nothing really waits.
 */
public record ClientRuntime(Clock clock, Sleeper sleeper, DoubleSupplier jitter, LongSupplier ticker) {
    public ClientRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** The ticker reads {@code clock}, so a fake clock drives it too. */
    public ClientRuntime(Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this(clock, sleeper, jitter, () -> {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    /**
     * Waits through the sleeper; an interrupt becomes {@link CoupaException.Unavailable} for the call being retried
     * (with the interrupt flag restored), so no caller handles InterruptedException itself.
     */
    public void pause(Duration d, String method, String path, String requestId) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoupaException.Unavailable("interrupted while waiting to retry " + method + " " + path, method,
                    path, requestId, e);
        }
    }

    public static ClientRuntime system() {
        return new ClientRuntime(Clock.systemUTC(), Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(),
                System::nanoTime);
    }
}
