package io.github.coupamcp.sandbox;

/** Token-bucket settings: {@code perSecond} refill rate, {@code burst} bucket size, optional Retry-After. */
public record RateLimitSettings(boolean enabled, double perSecond, int burst, boolean retryAfter) {
    public RateLimitSettings {
        validate(perSecond, burst);
    }

    static void validate(double perSecond, int burst) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a positive number: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
    }
}
