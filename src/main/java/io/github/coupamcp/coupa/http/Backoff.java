package io.github.coupamcp.coupa.http;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (a uniformly random wait in [0, min(max, base * 2^(retry-1))]): spreads the
 * retries of many clients hit by the same outage instead of synchronising them.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier jitter;

    public Backoff(Duration base, Duration max, DoubleSupplier jitter) {
        this.base = base;
        this.max = max;
        this.jitter = jitter;
    }

    /** Coupa's {@code Retry-After} when it gave one, else {@link #delay(int)}. */
    public Duration delay(int retry, Duration retryAfter) {
        return retryAfter != null ? retryAfter : delay(retry);
    }

    /** Wait before retry number {@code retry} (1 = first retry). */
    public Duration delay(int retry) {
        int shift = Math.min(30, Math.max(0, retry - 1));
        long ceiling = Math.min(max.toMillis(), base.toMillis() << shift);
        return Duration.ofMillis((long) (jitter.getAsDouble() * ceiling));
    }
}
