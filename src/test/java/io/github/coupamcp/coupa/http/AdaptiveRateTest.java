package io.github.coupamcp.coupa.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The AIMD rule on a hand-moved ticker: nothing waits, every step is decided by the test. */
class AdaptiveRateTest {
    private static final double CEILING = 25;
    private static final Duration BASE = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(8);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Double> changes = new ArrayList<>();
    private final AdaptiveRate rate = new AdaptiveRate("https://acme.coupahost.com", CEILING, BASE, MAX, now::get,
            changes::add);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private Duration rateLimitedNow(Duration retryAfter) {
        return rate.onRateLimited(now.get(), retryAfter);
    }

    @Test
    void startsAtTheCeilingWithNoPause() {
        assertThat(rate.limit()).isEqualTo(CEILING);
        assertThat(rate.pauseRemaining()).isZero();
        assertThat(rate.pauses()).isZero();
    }

    @Test
    void a429HalvesTheLimitAndPausesForItsRetryAfter() {
        Duration pause = rateLimitedNow(Duration.ofSeconds(3));

        assertThat(rate.limit()).isEqualTo(12.5);
        assertThat(changes).containsExactly(12.5);
        assertThat(pause).isEqualTo(Duration.ofSeconds(3));
        assertThat(rate.pauseRemaining()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rate.pauses()).isEqualTo(1);
        advance(Duration.ofMillis(2_500));
        assertThat(rate.pauseRemaining()).isEqualTo(Duration.ofMillis(500));
        advance(Duration.ofMillis(500));
        assertThat(rate.pauseRemaining()).isZero();
    }

    @Test
    void the429sOfOneOverloadLowerTheLimitOnce() {
        long sentBefore = now.get();
        advance(Duration.ofMillis(10));
        long decreasedAt = now.get();
        rateLimitedNow(Duration.ofSeconds(1));
        // Sent after the decrease but answered within the minimum interval: the same overload.
        advance(Duration.ofMillis(100));
        rate.onRateLimited(decreasedAt + 1, Duration.ofSeconds(1));
        // Nineteen more 429s to requests sent before the decrease, arriving over the next 2 s: the same overload.
        for (int i = 0; i < 19; i++) {
            advance(Duration.ofMillis(100));
            rate.onRateLimited(sentBefore, Duration.ofSeconds(1));
        }
        assertThat(rate.limit()).isEqualTo(12.5);
        assertThat(changes).containsExactly(12.5);
        // A request sent after the decrease, answered 429 more than the interval later: a new overload (a second
        // after the pause that followed the decrease: gently).
        rate.onRateLimited(decreasedAt + 1, Duration.ofSeconds(1));
        assertThat(rate.limit()).isEqualTo(12.5 * AdaptiveRate.GENTLE_DECREASE_FACTOR);
    }

    @Test
    void aNewOverloadAtTheLoweredLimitLowersItAgainDownToTheFloor() {
        for (int i = 0; i < 12; i++) {
            rateLimitedNow(Duration.ZERO);
            advance(AdaptiveRate.MIN_DECREASE_INTERVAL);
        }
        assertThat(changes).startsWith(12.5, 6.25, 3.125, 1.5625, 0.78125, 0.5);
        assertThat(rate.limit()).isEqualTo(AdaptiveRate.FLOOR);
        assertThat(changes).hasSize(6);
    }

    @Test
    void a429AfterAQuietSpellMeansTheLimitWasJustCrossedLowerItGentlyThenProbeSlowly() {
        rateLimitedNow(Duration.ofSeconds(1)); // 25 -> 12.5, pause until +1 s
        advance(Duration.ofSeconds(1));
        advance(AdaptiveRate.QUIET);
        rateLimitedNow(Duration.ofSeconds(1));
        assertThat(rate.limit()).isEqualTo(12.5 * AdaptiveRate.GENTLE_DECREASE_FACTOR);
        advance(Duration.ofSeconds(2));
        rate.onAccepted();
        assertThat(rate.limit()).as("the limit just found is held").isEqualTo(12.5 * 0.85);
        advance(AdaptiveRate.HOLD);
        rate.onAccepted();
        assertThat(rate.limit()).as("then probed slowly, no fast climb back to the rate that was just crossed")
                .isCloseTo(12.5 * 0.85 * 1.01, within(1e-9));
        // But a 429 within a second of the end of that pause: still far too high, halve.
        rateLimitedNow(Duration.ofSeconds(1));
        advance(Duration.ofMillis(1_500));
        rateLimitedNow(Duration.ZERO);
        assertThat(rate.limit()).isCloseTo(12.5 * 0.85 * 1.01 * 0.85 * 0.5, within(1e-9));
    }

    @Test
    void aPauseIsNeverShortenedByALater429() {
        rateLimitedNow(Duration.ofSeconds(5));
        advance(Duration.ofSeconds(1));
        rateLimitedNow(Duration.ofSeconds(1));
        assertThat(rate.pauseRemaining()).isEqualTo(Duration.ofSeconds(4));
        assertThat(rate.pauses()).isEqualTo(1);
        rateLimitedNow(Duration.ofSeconds(6));
        assertThat(rate.pauseRemaining()).isEqualTo(Duration.ofSeconds(6));
        assertThat(rate.pauses()).as("a lengthened pause voids slots reserved before").isEqualTo(2);
    }

    @Test
    void withoutRetryAfterThePauseBacksOffPerRoundNotPer429() {
        long sent = now.get();
        assertThat(rateLimitedNow(null)).isEqualTo(BASE);
        // 429s to requests sent before that pause began: same round, same backoff.
        assertThat(rate.onRateLimited(sent, null)).isEqualTo(BASE);
        advance(BASE);
        assertThat(rateLimitedNow(null)).isEqualTo(Duration.ofMillis(500));
        advance(Duration.ofMillis(500));
        assertThat(rateLimitedNow(null)).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        // Coupa accepted a request after the pause: the next overload starts from the base again.
        rate.onAccepted();
        assertThat(rateLimitedNow(null)).isEqualTo(BASE);
    }

    @Test
    void sustainedSuccessRaisesTheLimitOneStepPerSecondFastThenSlowlyAndNeverAboveTheCeiling() {
        rateLimitedNow(Duration.ofSeconds(1)); // 25 -> 12.5; fast up to 90 % of 25 = 22.5
        rate.onAccepted();
        assertThat(rate.limit()).as("no raise during the pause").isEqualTo(12.5);
        advance(Duration.ofSeconds(1));
        rate.onAccepted();
        assertThat(rate.limit()).as("pause just over: no second of success yet").isEqualTo(12.5);
        advance(Duration.ofMillis(999));
        rate.onAccepted();
        assertThat(rate.limit()).isEqualTo(12.5);
        advance(Duration.ofMillis(1));
        rate.onAccepted();
        rate.onAccepted();
        assertThat(rate.limit()).as("one step per second, however many successes").isEqualTo(13.5);
        for (int i = 0; i < 9; i++) {
            advance(Duration.ofSeconds(1));
            rate.onAccepted();
        }
        assertThat(rate.limit()).isEqualTo(22.5);
        advance(Duration.ofSeconds(1));
        rate.onAccepted();
        assertThat(rate.limit()).as("above 90 %% of the rate that drew the halving: 1 %% of the limit per second")
                .isCloseTo(22.725, within(1e-9));
        for (int i = 0; i < 100; i++) {
            advance(Duration.ofSeconds(1));
            rate.onAccepted();
        }
        assertThat(rate.limit()).isEqualTo(CEILING);
        assertThat(changes).allMatch(l -> l <= CEILING);
        assertThat(changes.get(changes.size() - 1)).isEqualTo(CEILING);
    }

    @Test
    void aLowCeilingIsItsOwnFloor() {
        AdaptiveRate slow = new AdaptiveRate("x", 0.2, BASE, MAX, now::get, changes::add);
        slow.onRateLimited(now.get(), null);
        assertThat(slow.limit()).isEqualTo(0.2);
        assertThat(changes).isEmpty();
    }
}
