package io.github.coupamcp.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runtime switches of a running sandbox: rate limit, injected faults, token timing and revocation, and the request
 * log. Tests and benchmarks use it in-process; the admin endpoint ({@link AdminEndpoint}) exposes the same over
 * HTTP. Thread-safe; changes apply to the next request.
 */
public final class SandboxControl {
    private final TokenBucket bucket;
    private final FaultInjector faults;
    private final TokenService tokens;
    private final RequestLog log;
    private final SandboxOptions initial;

    SandboxControl(SandboxOptions initial, TokenBucket bucket, FaultInjector faults, TokenService tokens,
            RequestLog log) {
        this.initial = initial;
        this.bucket = bucket;
        this.faults = faults;
        this.tokens = tokens;
        this.log = log;
    }

    public RateLimitSettings rateLimit() {
        return bucket.settings();
    }

    public void rateLimit(RateLimitSettings settings) {
        bucket.update(Objects.requireNonNull(settings, "settings"));
    }

    public void rateLimitEnabled(boolean enabled) {
        RateLimitSettings s = bucket.settings();
        bucket.update(new RateLimitSettings(enabled, s.perSecond(), s.burst(), s.retryAfter()));
    }

    public void rateLimit(double perSecond, int burst) {
        RateLimitSettings s = bucket.settings();
        bucket.update(new RateLimitSettings(true, perSecond, burst, s.retryAfter()));
    }

    public List<FaultRule> faults() {
        return faults.rules();
    }

    /** Replaces every fault rule; counters for "Nth request" rules start from zero. */
    public void faults(List<FaultRule> rules) {
        faults(rules, initial.faultSeed());
    }

    public void faults(List<FaultRule> rules, long seed) {
        faults.replace(List.copyOf(rules), seed);
    }

    /** Replaces every fault rule with this one. */
    public void fault(FaultRule rule) {
        faults(List.of(rule));
    }

    /** Adds a rule next to the current ones, whose "Nth request" counters keep running. */
    public void addFault(FaultRule rule) {
        faults.add(Objects.requireNonNull(rule, "rule"));
    }

    public void clearFaults() {
        faults(List.of());
    }

    public Duration tokenPropagationDelay() {
        return tokens.propagationDelay();
    }

    public void tokenPropagationDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        tokens.propagationDelay(delay);
    }

    public Duration tokenLifetime() {
        return tokens.lifetime();
    }

    /** Lifetime of tokens issued from now on. */
    public void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        tokens.lifetime(lifetime);
    }

    /** Every token issued so far is refused from now on (401, "revoked"). */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /** Every token issued so far counts as expired from now on (401, "expired"). */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    public RequestStats stats() {
        return log.snapshot();
    }

    public void resetStats() {
        log.reset();
    }

    /** Back to the start-up settings: no extra faults, initial rate limit and token timing, empty request log. */
    public void reset() {
        faults(initial.faults());
        bucket.update(initial.rateLimit());
        tokens.propagationDelay(initial.tokenPropagationDelay());
        tokens.lifetime(initial.tokenLifetime());
        log.reset();
    }
}
