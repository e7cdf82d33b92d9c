package io.github.coupamcp.coupa.http;

import io.github.coupamcp.config.CoupaConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The rate limiter and circuit breaker of one Coupa connection (one {@code HttpCoupaClient}, one tenant), shared by
 * every caller of that client object: every MCP session served by it, and its token requests. Two connections, even
 * to the same instance URL, never share guards: each has its own settings, its own limit (one saturating its limit
 * does not slow the other) and its own breaker (one's failures do not open the other's). Holds no thread or
 * connection, so it needs no closing.
 */
public final class InstanceGuards {
    /** Circuit: open when at least half of the last 20 exchanges (10 at minimum) failed with 502/503/504 or I/O. */
    static final int CIRCUIT_WINDOW = 20;
    static final int CIRCUIT_MIN_CALLS = 10;
    static final float CIRCUIT_FAILURE_PERCENT = 50f;
    static final int CIRCUIT_HALF_OPEN_CALLS = 2;

    private final InstanceRateLimit rateLimit;
    private final CircuitBreaker circuitBreaker;
    private final Clock clock;
    private final Duration circuitOpenDuration;
    private volatile Instant circuitOpenedAt = Instant.MIN;

    /** Guards of a new connection: limit at the configured rate, circuit closed. */
    public InstanceGuards(CoupaConfig config, ClientRuntime runtime) {
        // the name shows in Resilience4j's events only: the instance, for whoever reads them
        String name = config.instanceUrl().toLowerCase(Locale.ROOT);
        double perSecond = config.rateLimitPerSecond();
        this.rateLimit = config.rateLimitAdaptive()
                ? InstanceRateLimit.adaptive(name, perSecond, rateLimiterConfig(config), config.backoffBase(),
                        config.backoffMax(), runtime.ticker())
                : InstanceRateLimit.fixed(name, rateLimiterConfig(config), perSecond, runtime.ticker());
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(CIRCUIT_WINDOW)
                .minimumNumberOfCalls(CIRCUIT_MIN_CALLS)
                .failureRateThreshold(CIRCUIT_FAILURE_PERCENT)
                .permittedNumberOfCallsInHalfOpenState(CIRCUIT_HALF_OPEN_CALLS)
                .waitDurationInOpenState(config.circuitOpenDuration())
                .clock(runtime.clock())
                .build());
        this.clock = runtime.clock();
        this.circuitOpenDuration = config.circuitOpenDuration();
        circuitBreaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                circuitOpenedAt = clock.instant();
            }
        });
    }

    /**
     * The limiter at the configured rate: the fixed one, and the adaptive one at its ceiling. Resilience4j's limiter
     * hands out a fixed number of permits per cycle. With half the burst per cycle, two back-to-back cycles never
     * exceed Coupa's burst, while the average stays at the configured rate (25/s burst 20 gives 10 permits every
     * 400 ms).
     */
    static RateLimiterConfig rateLimiterConfig(CoupaConfig config) {
        int perCycle = Math.max(1, config.rateLimitBurst() / 2);
        long cycleNanos = Math.max(1_000L, (long) (perCycle * 1e9 / config.rateLimitPerSecond()));
        return RateLimiterConfig.custom()
                .limitForPeriod(perCycle)
                .limitRefreshPeriod(Duration.ofNanos(cycleNanos))
                .timeoutDuration(config.retryDeadline())
                .build();
    }

    public InstanceRateLimit rateLimit() {
        return rateLimit;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** Roughly how long the open circuit goes on failing fast: zero once trial calls are let through. */
    public Duration circuitRetryIn() {
        Duration left = Duration.between(clock.instant(), circuitOpenedAt.plus(circuitOpenDuration));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
