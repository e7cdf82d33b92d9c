package io.github.coupamcp.shape;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records a list page fetched from Coupa but could not return (the response budget or the limit cut it), kept
 * briefly so the next page is served without asking Coupa again: Coupa answers up to 50 records per request, a page
 * holds about 18. Purely an optimisation: cursors stay stateless, and a miss (expired, evicted, another replica)
 * simply fetches. One per Coupa connection; bounded by the characters of the records it holds. Thread-safe.
 */
public final class ReadAhead {
    /** How long records may wait for their page: a continued page is at most this old. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /**
     * Characters of JSON held at most, all listings together: about a hundred compact pages' leftovers (a few tens
     * of MB of heap at most); beyond it Caffeine evicts, and the pages concerned simply fetch.
     */
    public static final long DEFAULT_MAX_CHARS = 1_000_000;

    /**
     * Where a continuation starts: the listing (tool, digest of its canonical filters and projection arguments, the
     * projection sent to Coupa) and the keyset position: the last id returned and, in any other order than ascending
     * ids, the rest of the position ({@code sortedAfter}, as the list handler spells it; null in ascending id order).
     */
    public record Key(String tool, String listingDigest, String projection, long afterId, String sortedAfter) {
        public Key(String tool, String listingDigest, String projection, long afterId) {
            this(tool, listingDigest, projection, afterId, null);
        }
    }

    /**
     * Records after a key's position in the listing's order, whether Coupa may hold more after the last of them, and
     * (in a listing ordered by another field) whether the last one ends the records holding its sort value.
     */
    public record Rest(List<ObjectNode> records, boolean moreUpstream, boolean lastRunComplete) {
        public Rest(List<ObjectNode> records, boolean moreUpstream) {
            this(records, moreUpstream, false);
        }
    }

    private final Cache<Key, Rest> cache;

    public ReadAhead(Duration ttl, long maxChars, Clock clock) {
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxChars)
                .weigher((Key k, Rest rest) -> weight(rest))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    public static ReadAhead withDefaults(Clock clock) {
        return new ReadAhead(DEFAULT_TTL, DEFAULT_MAX_CHARS, clock);
    }

    /** Keeps {@code records} (ascending ids, all after {@code key.afterId()}) for the page continuing at key. */
    public void keep(Key key, List<ObjectNode> records, boolean moreUpstream) {
        keep(key, records, moreUpstream, false);
    }

    /** As {@link #keep(Key, List, boolean)}, saying whether the last record ends its sort value's records. */
    public void keep(Key key, List<ObjectNode> records, boolean moreUpstream, boolean lastRunComplete) {
        if (!records.isEmpty()) {
            cache.put(key, new Rest(List.copyOf(records), moreUpstream, lastRunComplete));
        }
    }

    /**
     * The records kept for exactly this listing and position, once: in ascending id order only those strictly after
     * the position are handed out, so a page never repeats a record the cursor has passed (other orders are kept
     * exactly as their handler cut them).
     */
    public Optional<Rest> take(Key key) {
        Rest rest = cache.getIfPresent(key);
        if (rest == null) {
            return Optional.empty();
        }
        cache.invalidate(key);
        if (key.sortedAfter() != null) {
            return Optional.of(rest);
        }
        List<ObjectNode> after = rest.records().stream()
                .filter(r -> r.path("id").asLong() > key.afterId())
                .toList();
        return Optional.of(new Rest(after, rest.moreUpstream(), rest.lastRunComplete()));
    }

    /** Forgets everything (as a restart or another replica would). */
    public void clear() {
        cache.invalidateAll();
    }

    private static int weight(Rest rest) {
        long chars = 0;
        for (ObjectNode r : rest.records()) {
            chars += r.toString().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, chars);
    }
}
