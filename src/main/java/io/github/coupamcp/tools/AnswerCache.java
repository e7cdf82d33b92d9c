package io.github.coupamcp.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Recent scan results of the aggregate tools, one cache per Coupa connection: an equal question asked again within
 * the TTL is answered without scanning (and says so). Keyed by tool and the canonical arguments that decide the scan.
 * Bounded in entries; each holds one tally per group. Thread-safe.
 */
public final class AnswerCache {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 500;

    private final Cache<String, Object> cache;

    public AnswerCache(Duration ttl, Clock clock) {
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(ttl.isZero() ? 0 : MAX_ENTRIES)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    public static AnswerCache withDefaults(Clock clock) {
        return new AnswerCache(DEFAULT_TTL, clock);
    }

    <T> Optional<T> get(String key, Class<T> type) {
        Object value = cache.getIfPresent(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    void put(String key, Object value) {
        cache.put(key, value);
    }
}
