package io.github.coupamcp.sandbox;

import java.util.function.LongSupplier;

/**
 * The sandbox's rate limiter: a token bucket refilled continuously at {@code perSecond} up to {@code burst}.
 * One lock-protected critical section of a few arithmetic operations per request; never the bottleneck.
 */
final class TokenBucket {
    private final LongSupplier nanoTime;
    private RateLimitSettings settings;
    private double tokens;
    private long lastRefill;

    TokenBucket(RateLimitSettings settings, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.settings = settings;
        this.tokens = settings.burst();
        this.lastRefill = nanoTime.getAsLong();
    }

    /** Takes one token; returns 0 when allowed, otherwise the nanoseconds until a token will be available. */
    synchronized long tryAcquire() {
        if (!settings.enabled()) {
            return 0;
        }
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / settings.perSecond() * 1e9);
    }

    synchronized RateLimitSettings settings() {
        return settings;
    }

    /** New settings take effect at once with a full bucket. */
    synchronized void update(RateLimitSettings next) {
        settings = next;
        tokens = next.burst();
        lastRefill = nanoTime.getAsLong();
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        double elapsedSeconds = (now - lastRefill) / 1e9;
        lastRefill = now;
        tokens = Math.min(settings.burst(), tokens + elapsedSeconds * settings.perSecond());
    }
}
