package io.github.coupamcp.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and the most recent requests, for tests and benchmarks. Counting is lock-free (LongAdder); only the
 * short ring buffer of recent requests takes a lock.
 */
final class RequestLog {
    /** Status recorded when the connection was dropped without an answer. */
    static final int NO_RESPONSE = 0;

    private final int capacity;
    private final LongAdder total = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder faultsInjected = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byResource = new ConcurrentHashMap<>();
    private final RequestStats.Entry[] recent;
    private long written;

    RequestLog(int capacity) {
        this.capacity = capacity;
        this.recent = new RequestStats.Entry[capacity];
    }

    /**
     * Records one finished request.
     *
     * @param resource the {@code /api/<resource>} segment, or null for other paths
     * @param fault the injected fault kind, or null
     */
    void record(String method, String path, String query, String resource, int status, String fault, long micros) {
        total.increment();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (resource != null) {
            byResource.computeIfAbsent(resource, r -> new LongAdder()).increment();
        }
        if (status == 429) {
            rateLimited.increment();
        }
        if (fault != null) {
            faultsInjected.increment();
        }
        RequestStats.Entry entry = new RequestStats.Entry(Instant.now(), method, path, query, status, fault,
                micros);
        synchronized (recent) {
            recent[(int) (written++ % capacity)] = entry;
        }
    }

    void countTokenRequest() {
        tokenRequests.increment();
    }

    RequestStats snapshot() {
        List<RequestStats.Entry> last = new ArrayList<>();
        synchronized (recent) {
            long from = Math.max(0, written - capacity);
            for (long i = from; i < written; i++) {
                last.add(recent[(int) (i % capacity)]);
            }
        }
        return new RequestStats(total.sum(), sums(byStatus), sums(byResource), rateLimited.sum(),
                tokenRequests.sum(), faultsInjected.sum(), last);
    }

    void reset() {
        total.reset();
        rateLimited.reset();
        tokenRequests.reset();
        faultsInjected.reset();
        byStatus.clear();
        byResource.clear();
        synchronized (recent) {
            java.util.Arrays.fill(recent, null);
            written = 0;
        }
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
        Map<K, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
