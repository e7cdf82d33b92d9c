package io.github.coupamcp.coupa.http;

import java.time.Duration;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule that learns one instance's real rate limit (additive increase, multiplicative decrease); it neither waits
 * nor sends. Coupa's limit is not documented per instance and proxies in front of it may allow less, so the
 * configured rate is only a ceiling:
 * <ul>
 *   <li>a 429 lowers the limit (down to a floor) and pauses every caller for its {@code Retry-After}, or for a
 *       backoff when Coupa gave none. The first 429, or one within {@link #QUIET} of the end of the pause that
 *       followed the last decrease, halves the limit: Coupa's burst allowance ran out at once, the limit is far too
 *       high. A later one means the limit has just been crossed: it drops by 15 % and holds for {@link #HOLD}.
 *       The 429s of one overload count once: a 429 lowers the limit again only if its request was sent after the
 *       last decrease and at least {@link #MIN_DECREASE_INTERVAL} later, and the backoff doubles only for a 429 to
 *       a request sent after the last pause began (base, 2 x base ... up to max);</li>
 *   <li>each second without a 429 raises the limit by 4 % of the ceiling (1 req/s at 25) up to 90 % of the rate that
 *       drew the last halving, and by 1 % of the limit above it (and after a 15 % drop): the limit regains lost
 *       ground fast, then probes slowly, so 429s (and the pauses they cost) stay rare once the limit is learnt.
 *       Never above the ceiling.</li>
 * </ul>
 * Times are nanoseconds of the injected ticker (a fake one in tests). Thread-safe.
 */
final class AdaptiveRate {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveRate.class);

    static final double DECREASE_FACTOR = 0.5;
    /** Decrease after a quiet spell: the limit was only just crossed. */
    static final double GENTLE_DECREASE_FACTOR = 0.85;
    /**
     * After a gentle decrease the limit stays put this long before probing again: the real limit was just found, and
     * each probe past it costs a pause of every caller (a whole second when Coupa sends {@code Retry-After: 1}).
     */
    static final Duration HOLD = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofSeconds(1);
    /** Lowest limit, requests per second (or the ceiling when that is lower). */
    static final double FLOOR = 0.5;
    static final Duration MIN_DECREASE_INTERVAL = Duration.ofMillis(500);
    static final Duration INCREASE_INTERVAL = Duration.ofSeconds(1);
    /** Fast increase per interval, as a share of the ceiling. */
    static final double STEP_SHARE = 0.04;
    /** Up to this share of the rate that drew the last halving the limit climbs fast; above it, slowly. */
    static final double CAUTIOUS_SHARE = 0.9;
    /** Slow increase per interval, as a share of the limit. */
    static final double SLOW_STEP_SHARE = 0.01;

    private final String name;
    private final double ceiling;
    private final double floor;
    private final double step;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final LongSupplier ticker;
    private final DoubleConsumer onChange;

    private double limit;
    /** Fast increase below this: 90 % of the limit at the last halving; the ceiling until the first 429. */
    private double cautiousAbove;
    private long lastDecrease;
    /** When the pause that followed the last decrease ended (or ends). */
    private long calmSince;
    private boolean decreased;
    /** The last decrease was gentle: hold the limit for {@link #HOLD} after its pause. */
    private boolean holding;
    private long lastIncrease;
    private long pauseStart;
    private long pausedUntil;
    private long pauses;
    /** Rounds of 429s since the last acceptance after a pause: the backoff exponent when Coupa gives no Retry-After. */
    private int rounds;

    /**
     * @param name     the instance, for the logs
     * @param onChange told the new limit (requests per second) after each change, under this object's lock
     */
    AdaptiveRate(String name, double ceiling, Duration backoffBase, Duration backoffMax, LongSupplier ticker,
            DoubleConsumer onChange) {
        this.name = name;
        this.ceiling = ceiling;
        this.floor = Math.min(FLOOR, ceiling);
        this.step = ceiling * STEP_SHARE;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.ticker = ticker;
        this.onChange = onChange;
        this.limit = ceiling;
        this.cautiousAbove = ceiling;
        long now = ticker.getAsLong();
        this.lastIncrease = now;
        this.pauseStart = now;
        this.pausedUntil = now;
    }

    /** The limit in force, requests per second. */
    synchronized double limit() {
        return limit;
    }

    /** How long every caller must still hold back after a 429; zero when no pause is running. */
    synchronized Duration pauseRemaining() {
        return Duration.ofNanos(Math.max(0, pausedUntil - ticker.getAsLong()));
    }

    /** Counts pauses begun or lengthened: a permit reserved before the count moved may fall inside a pause. */
    synchronized long pauses() {
        return pauses;
    }

    /**
     * Coupa answered 429 to a request sent at {@code sentAt} (ticker nanos). Lowers the limit unless this 429 belongs
     * to an overload already counted, and pauses every caller for {@code retryAfter} (null: a backoff growing with
     * consecutive overloads). Returns how long the pause still runs.
     */
    synchronized Duration onRateLimited(long sentAt, Duration retryAfter) {
        long now = ticker.getAsLong();
        boolean newOverload = !decreased
                || sentAt - lastDecrease > 0 && now - lastDecrease >= MIN_DECREASE_INTERVAL.toNanos();
        if (pauses == 0 || sentAt - pauseStart > 0) {
            rounds++;
        }
        if (newOverload) {
            double before = limit;
            boolean gentle = decreased && now - calmSince >= QUIET.toNanos();
            limit = Math.max(floor, before * (gentle ? GENTLE_DECREASE_FACTOR : DECREASE_FACTOR));
            cautiousAbove = gentle ? limit : before * CAUTIOUS_SHARE;
            holding = gentle;
            decreased = true;
            lastDecrease = now;
            if (limit != before) {
                onChange.accept(limit);
            }
        }
        Duration wait = retryAfter != null ? retryAfter : backoff(rounds);
        long until = now + wait.toNanos();
        if (until - pausedUntil > 0) {
            if (now - pausedUntil >= 0) {
                pauseStart = now;
            }
            pausedUntil = until;
            pauses++;
        }
        // Sustained success is counted from the end of the pause.
        long restart = pausedUntil - now > 0 ? pausedUntil : now;
        if (restart - lastIncrease > 0) {
            lastIncrease = restart;
        }
        if (newOverload) {
            calmSince = pausedUntil;
        }
        Duration remaining = Duration.ofNanos(pausedUntil - now);
        if (newOverload) {
            LOG.info("coupa rate limit for {}: 429 {}, limit lowered to {} req/s (ceiling {}); all calls pause {} ms",
                    name, retryAfter != null ? "with Retry-After " + retryAfter.toMillis() + " ms" : "without Retry-After",
                    format(limit), format(ceiling), remaining.toMillis());
        } else {
            LOG.debug("coupa rate limit for {}: 429 from the same overload, limit stays {} req/s; pause {} ms", name,
                    format(limit), remaining.toMillis());
        }
        return remaining;
    }

    /** Coupa accepted a request (any answer but 429 and 5xx): after a second of these, raise the limit a step. */
    synchronized void onAccepted() {
        long now = ticker.getAsLong();
        if (now - pausedUntil < 0) {
            return;
        }
        rounds = 0;
        if (limit >= ceiling || now - lastIncrease < INCREASE_INTERVAL.toNanos()
                || holding && now - calmSince < HOLD.toNanos()) {
            return;
        }
        double before = limit;
        limit = Math.min(ceiling, limit < cautiousAbove ? Math.min(cautiousAbove, limit + step)
                : limit * (1 + SLOW_STEP_SHARE));
        lastIncrease = now;
        onChange.accept(limit);
        LOG.debug("coupa rate limit for {}: raised from {} to {} req/s (ceiling {})", name, format(before),
                format(limit), format(ceiling));
    }

    /** Exponential: base, 2 x base, 4 x base ... up to max. */
    private Duration backoff(int round) {
        int shift = Math.min(20, Math.max(0, round - 1));
        long millis = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << shift);
        return Duration.ofMillis(millis);
    }

    static String format(double perSecond) {
        return String.format(java.util.Locale.ROOT, "%.2f", perSecond);
    }
}
