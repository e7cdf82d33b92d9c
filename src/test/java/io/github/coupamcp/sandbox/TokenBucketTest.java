package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private TokenBucket bucket(double perSecond, int burst) {
        return new TokenBucket(new RateLimitSettings(true, perSecond, burst, true), now::get);
    }

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = bucket(25, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        long wait = bucket.tryAcquire();
        assertThat(wait).isEqualTo(40_000_000L); // one token every 40 ms at 25/s
        now.addAndGet(40_000_000L);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = bucket(25, 3);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        assertThat(bucket.tryAcquire()).isPositive();
    }

    @Test
    void disabledOrUpdatedSettingsApplyAtOnce() {
        TokenBucket bucket = bucket(1, 1);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
        bucket.update(new RateLimitSettings(false, 1, 1, true));
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        bucket.update(new RateLimitSettings(true, 1, 2, true));
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();
    }
}
