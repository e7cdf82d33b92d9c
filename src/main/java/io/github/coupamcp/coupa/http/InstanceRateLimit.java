package io.github.coupamcp.coupa.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The client-side rate limit of one Coupa connection, shared by every caller of its client object (API calls and
 * token requests alike); another connection to the same instance has its own.
 * <p>Adaptive (the default): callers queue in arrival order; the one at the head waits out any pause a 429 began,
 * then for its slot from Resilience4j's limiter. Only the head holds a reservation, so a lowered limit or a pause
 * applies to the very next request, not after a backlog of slots handed out at the old rate. At the ceiling, slots
 * come from the fixed limiter (configured rate and burst), so an instance that allows what is configured sees exactly
 * that. Below it, from a second limiter whose rate {@link AdaptiveRate} moves, with evenly spaced slots and no
 * burst: when Coupa allows less than configured, its burst allowance is likely smaller too, and back-to-back requests
 * that exactly drain it fail on the slightest jitter.
 * <p>Fixed ({@code COUPA_RATE_LIMIT_ADAPTIVE=false}): the configured rate and burst, every caller reserving its own
 * slot, 429s retried by each caller on its own.
 */
public final class InstanceRateLimit {
    /**
     * A request costs this many of the limiter's permits. Resilience4j's limiter changes only its permits per cycle
     * at run time; with a cycle of one request at the ceiling, fine-grained permits let that carry any rate down to
     * the floor.
     */
    static final int PERMITS_PER_REQUEST = 1_000_000;
    /** A slot closer than this is taken at once: a sleep that short is not precise anyway. */
    static final long SLOT_TOLERANCE_NANOS = 1_000_000;
    /** Each round of the head's wait sleeps or ends; this only guards against a sleeper that does not sleep. */
    private static final int MAX_ROUNDS = 10_000;

    private final RateLimiter limiter;
    private final RateLimiter atCeiling;
    private final AdaptiveRate adaptive;
    private final double ceiling;
    private final LongSupplier ticker;
    private final ReentrantLock queue = new ReentrantLock(true);

    private InstanceRateLimit(RateLimiter limiter, RateLimiter atCeiling, AdaptiveRate adaptive, double ceiling,
            LongSupplier ticker) {
        this.limiter = limiter;
        this.atCeiling = atCeiling;
        this.adaptive = adaptive;
        this.ceiling = ceiling;
        this.ticker = ticker;
    }

    /**
     * Learns the instance's limit, starting at {@code ceiling} requests per second and never above it; {@code fixed}
     * is the limiter's configuration at the ceiling (rate and burst).
     */
    static InstanceRateLimit adaptive(String name, double ceiling, RateLimiterConfig fixed, Duration backoffBase,
            Duration backoffMax, LongSupplier ticker) {
        long cycleNanos = Math.max(1_000L, (long) (1e9 / ceiling));
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofNanos(cycleNanos))
                .limitForPeriod(PERMITS_PER_REQUEST)
                // only the head of the queue reserves, one request's worth: its own deadline is checked instead
                .timeoutDuration(Duration.ofDays(1))
                .build();
        RateLimiter limiter = new AtomicRateLimiter(name, config, Map.of(), ticker::getAsLong);
        AdaptiveRate rate = new AdaptiveRate(name, ceiling, backoffBase, backoffMax, ticker,
                limit -> limiter.changeLimitForPeriod(permitsPerCycle(limit, ceiling)));
        return new InstanceRateLimit(limiter, new AtomicRateLimiter(name, fixed, Map.of(), ticker::getAsLong), rate,
                ceiling, ticker);
    }

    /** The configured rate and burst, unchanged whatever Coupa answers. */
    static InstanceRateLimit fixed(String name, RateLimiterConfig config, double perSecond, LongSupplier ticker) {
        return new InstanceRateLimit(new AtomicRateLimiter(name, config, Map.of(), ticker::getAsLong), null, null,
                perSecond, ticker);
    }

    static int permitsPerCycle(double limit, double ceiling) {
        return (int) Math.max(1, Math.round(PERMITS_PER_REQUEST * limit / ceiling));
    }

    public boolean isAdaptive() {
        return adaptive != null;
    }

    /** Requests per second in force now. */
    public double limit() {
        return adaptive == null ? ceiling : adaptive.limit();
    }

    /** The ticker's now, to stamp when a request was sent. */
    long now() {
        return ticker.getAsLong();
    }

    /**
     * Waits until the caller may send: its turn in the queue, the end of any pause, then its slot. Returns the time
     * waited. Throws {@link PermitTimeout} without waiting when the calls queued ahead and the pause would already
     * take longer than {@code maxWait}, and as soon as the wait would pass it.
     */
    Duration acquire(Duration maxWait, Sleeper sleeper) throws InterruptedException, PermitTimeout {
        long start = ticker.getAsLong();
        long budget = Math.max(0, maxWait.toNanos());
        if (adaptive == null) {
            long slot = limiter.reservePermission();
            if (slot < 0 || slot > budget) {
                throw new PermitTimeout(Duration.ofNanos(slot < 0 ? limiter.getRateLimiterConfig()
                        .getTimeoutDuration().toNanos() : slot), 0, ceiling, Duration.ZERO);
            }
            sleeper.sleep(Duration.ofNanos(slot));
            return Duration.ofNanos(slot);
        }
        int ahead = queue.getQueueLength() + (queue.isLocked() ? 1 : 0);
        Duration pause = adaptive.pauseRemaining();
        long expected = pause.toNanos() + (long) (ahead * 1e9 / adaptive.limit());
        if (expected > budget) {
            throw new PermitTimeout(Duration.ofNanos(expected), ahead, adaptive.limit(), pause);
        }
        if (!queue.tryLock(budget, TimeUnit.NANOSECONDS)) {
            throw new PermitTimeout(Duration.ofNanos(budget), ahead, adaptive.limit(), adaptive.pauseRemaining());
        }
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long waited = ticker.getAsLong() - start;
                pause = adaptive.pauseRemaining();
                if (!pause.isZero()) {
                    if (waited + pause.toNanos() > budget) {
                        throw new PermitTimeout(Duration.ofNanos(waited + pause.toNanos()), 0, adaptive.limit(),
                                pause);
                    }
                    sleeper.sleep(pause);
                    continue;
                }
                long pauses = adaptive.pauses();
                long slot = adaptive.limit() >= ceiling ? atCeiling.reservePermission()
                        : limiter.reservePermission(PERMITS_PER_REQUEST);
                if (slot < 0 || waited + slot > budget) {
                    throw new PermitTimeout(Duration.ofNanos(waited + Math.max(0, slot)), 0, adaptive.limit(),
                            Duration.ZERO);
                }
                if (slot >= SLOT_TOLERANCE_NANOS) {
                    sleeper.sleep(Duration.ofNanos(slot));
                }
                if (adaptive.pauses() == pauses) {
                    return Duration.ofNanos(ticker.getAsLong() - start);
                }
                // a 429 paused every caller while this one waited for its slot: the slot is void
            }
            throw new PermitTimeout(Duration.ofNanos(ticker.getAsLong() - start), 0, adaptive.limit(), pause);
        } finally {
            queue.unlock();
        }
    }

    /**
     * Coupa answered 429 to a request sent at {@code sentAt} ({@link #now()}). Adaptive: lowers the limit and pauses
     * every caller; returns how long the pause still runs. Fixed: null (the caller backs off on its own).
     */
    Duration onRateLimited(long sentAt, Duration retryAfter) {
        return adaptive == null ? null : adaptive.onRateLimited(sentAt, retryAfter);
    }

    /** Coupa accepted a request: sustained acceptance raises an adaptive limit. */
    void onAccepted() {
        if (adaptive != null) {
            adaptive.onAccepted();
        }
    }

    /** The wait a caller would need exceeds what its deadline leaves. */
    static final class PermitTimeout extends Exception {
        private final Duration wouldWait;
        private final int ahead;
        private final double limit;
        private final Duration pause;

        PermitTimeout(Duration wouldWait, int ahead, double limit, Duration pause) {
            super(null, null, false, false);
            this.wouldWait = wouldWait;
            this.ahead = ahead;
            this.limit = limit;
            this.pause = pause;
        }

        Duration wouldWait() {
            return wouldWait;
        }

        int ahead() {
            return ahead;
        }

        double limit() {
            return limit;
        }

        Duration pause() {
            return pause;
        }
    }
}
