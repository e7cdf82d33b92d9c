package io.github.coupamcp.coupa.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The permit queue over Resilience4j's limiter, on a fake clock whose sleeper moves it. */
class InstanceRateLimitTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final LongSupplier ticker = () -> {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private InstanceRateLimit adaptive(double ceiling) {
        return InstanceRateLimit.adaptive("https://acme.coupahost.com", ceiling, fixed(ceiling, 1),
                Duration.ofMillis(250), Duration.ofSeconds(8), ticker);
    }

    private static io.github.resilience4j.ratelimiter.RateLimiterConfig fixed(double perSecond, int perCycle) {
        return io.github.resilience4j.ratelimiter.RateLimiterConfig.custom().limitForPeriod(perCycle)
                .limitRefreshPeriod(Duration.ofNanos((long) (perCycle * 1e9 / perSecond)))
                .timeoutDuration(Duration.ofSeconds(45)).build();
    }

    @Test
    void atTheCeilingTheConfiguredBurstPassesAtOnce() throws Exception {
        InstanceRateLimit limit = InstanceRateLimit.adaptive("x", 25, fixed(25, 10), Duration.ofMillis(250),
                Duration.ofSeconds(8), ticker);
        Instant start = clock.instant();
        for (int i = 0; i < 10; i++) {
            assertThat(limit.acquire(LONG, clock::sleep)).isZero();
        }
        assertThat(clock.instant()).isEqualTo(start);
    }

    @Test
    void belowTheCeilingPermitsAreEvenlySpacedWithoutABurst() throws Exception {
        InstanceRateLimit limit = InstanceRateLimit.adaptive("x", 10, fixed(10, 5), Duration.ofMillis(250),
                Duration.ofSeconds(8), ticker);
        limit.onRateLimited(limit.now(), Duration.ZERO); // 10 -> 5 req/s
        limit.acquire(LONG, clock::sleep);
        List<Instant> granted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            limit.acquire(LONG, clock::sleep);
            granted.add(clock.instant());
        }
        assertThat(limit.limit()).isEqualTo(5.0);
        for (int i = 1; i < granted.size(); i++) {
            assertThat(Duration.between(granted.get(i - 1), granted.get(i))).isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void aLoweredLimitAppliesToTheVeryNextPermit() throws Exception {
        InstanceRateLimit limit = adaptive(20);
        limit.acquire(LONG, clock::sleep);
        limit.onRateLimited(limit.now(), Duration.ZERO);
        limit.acquire(LONG, clock::sleep);
        Instant first = clock.instant();
        limit.acquire(LONG, clock::sleep);
        assertThat(limit.limit()).isEqualTo(10.0);
        assertThat(Duration.between(first, clock.instant())).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aPauseThatBeginsWhileTheHeadWaitsForItsSlotVoidsTheSlot() throws Exception {
        InstanceRateLimit limit = adaptive(2);
        limit.acquire(LONG, clock::sleep);
        Instant start = clock.instant();
        // The head sleeps toward its slot (500 ms away); meanwhile another caller's request draws a 429.
        boolean[] first = {true};
        Sleeper sleeper = d -> {
            clock.sleep(d);
            if (first[0]) {
                first[0] = false;
                limit.onRateLimited(limit.now() - 1, Duration.ofSeconds(3));
            }
        };
        Duration waited = limit.acquire(LONG, sleeper);
        // Not at its old slot: after the 3 s pause, then at the lowered limit (1 req/s).
        assertThat(Duration.between(start, clock.instant())).isEqualTo(waited).isGreaterThanOrEqualTo(
                Duration.ofMillis(3_500));
    }

    @Test
    void aPauseLongerThanTheCallersDeadlineFailsAtOnceSayingHowLong() {
        InstanceRateLimit limit = adaptive(25);
        limit.onRateLimited(limit.now(), Duration.ofSeconds(30));
        Instant before = clock.instant();
        assertThatThrownBy(() -> limit.acquire(Duration.ofSeconds(10), clock::sleep))
                .isInstanceOfSatisfying(InstanceRateLimit.PermitTimeout.class, e -> {
                    assertThat(e.wouldWait()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.pause()).isEqualTo(Duration.ofSeconds(30));
                });
        assertThat(clock.instant()).as("nothing waited").isEqualTo(before);
    }

    @Test
    void callersQueuedAheadCountTowardTheExpectedWait() throws Exception {
        InstanceRateLimit limit = adaptive(1);
        limit.acquire(LONG, clock::sleep);
        CountDownLatch headWaiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The head holds the queue while it waits for its slot (a real sleeper blocked by the test).
        Future<Duration> head = pool.submit(() -> limit.acquire(LONG, d -> {
            headWaiting.countDown();
            release.await(10, TimeUnit.SECONDS);
            clock.sleep(d);
        }));
        assertThat(headWaiting.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> limit.acquire(Duration.ofMillis(500), clock::sleep))
                .isInstanceOfSatisfying(InstanceRateLimit.PermitTimeout.class, e -> {
                    assertThat(e.ahead()).isEqualTo(1);
                    assertThat(e.wouldWait()).isEqualTo(Duration.ofSeconds(1));
                });
        release.countDown();
        assertThat(head.get(10, TimeUnit.SECONDS)).isPositive();
        // With room in its deadline, the next caller queues and gets its slot a second after the head's.
        Instant headDone = clock.instant();
        limit.acquire(Duration.ofSeconds(5), clock::sleep);
        assertThat(Duration.between(headDone, clock.instant())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theFixedLimiterKeepsItsRateAndBurstWhatever429sSay() throws Exception {
        InstanceRateLimit limit = InstanceRateLimit.fixed("x", fixed(25, 10), 25, ticker);
        assertThat(limit.onRateLimited(limit.now(), Duration.ofSeconds(3))).isNull();
        Instant start = clock.instant();
        for (int i = 0; i < 10; i++) {
            assertThat(limit.acquire(LONG, clock::sleep)).isZero();
        }
        limit.acquire(LONG, clock::sleep);
        assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofMillis(400));
        assertThat(limit.limit()).isEqualTo(25.0);
        assertThat(limit.isAdaptive()).isFalse();
    }
}
