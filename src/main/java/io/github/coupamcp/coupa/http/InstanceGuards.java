package io.github.coupamcp.coupa.http;

import io.github.coupamcp.config.CoupaConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limiter and circuit breaker of one Coupa instance, shared by every client object (every MCP session) of
 * the process: Coupa's limit is per instance, not per session. The first client of an instance sets them up; later
 * ones with different settings get the existing guards (and a warning); the last client to close releases them.
 */
public final class InstanceGuards {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceGuards.class);
    private static final SharedRegistry<String, InstanceGuards> REGISTRY = new SharedRegistry<>();

    /** Circuit: open when at least half of the last 20 exchanges (10 at minimum) failed with 502/503/504 or I/O. */
    static final int CIRCUIT_WINDOW = 20;
    static final int CIRCUIT_MIN_CALLS = 10;
    static final float CIRCUIT_FAILURE_PERCENT = 50f;
    static final int CIRCUIT_HALF_OPEN_CALLS = 2;

    private final String key;
    private final InstanceRateLimit rateLimit;
    private final CircuitBreaker circuitBreaker;
    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Duration circuitOpenDuration;
    private volatile Instant circuitOpenedAt = Instant.MIN;
    private final boolean adaptive;

    private InstanceGuards(String name, CoupaConfig config, ClientRuntime runtime) {
        this.key = name;
        this.perSecond = config.rateLimitPerSecond();
        this.burst = config.rateLimitBurst();
        this.adaptive = config.rateLimitAdaptive();
        this.rateLimit = adaptive
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

    public static InstanceGuards forInstance(CoupaConfig config, ClientRuntime runtime) {
        String key = config.instanceUrl().toLowerCase(Locale.ROOT);
        InstanceGuards guards = REGISTRY.acquire(key, k -> new InstanceGuards(k, config, runtime));
        if (guards.perSecond != config.rateLimitPerSecond() || guards.burst != config.rateLimitBurst()
                || guards.adaptive != config.rateLimitAdaptive()) {
            LOG.warn("instance {} already has a{} rate limit of {}/s burst {}; keeping it", key,
                    guards.adaptive ? "n adaptive" : " fixed", guards.perSecond, guards.burst);
        }
        return guards;
    }

    /** Releases one client's use; the last one drops the guards (a new client of the instance starts closed). */
    public void release() {
        REGISTRY.release(key, this);
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
