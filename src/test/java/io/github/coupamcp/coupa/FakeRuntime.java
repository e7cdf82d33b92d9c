package io.github.coupamcp.coupa;

import io.github.coupamcp.coupa.http.ClientRuntime;
import io.github.coupamcp.testing.MutableClock;

/** The client's time and chance for tests: a hand-moved clock, its no-op sleeper, jitter fixed at its maximum. */
public final class FakeRuntime {
    private FakeRuntime() {}

    /** Fake time, no real waiting, deterministic backoff (jitter 1.0 gives the full exponential ceiling). */
    public static ClientRuntime of(MutableClock clock) {
        return new ClientRuntime(clock, clock::sleep, () -> 1.0);
    }
}
