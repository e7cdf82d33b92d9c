package io.github.coupamcp.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** What the latency benchmarks share: timing a call, sampling several paths side by side, percentiles. */
public final class Timings {
    private Timings() {}

    /** A call that returns how long it took, in nanoseconds. */
    public static LongSupplier timed(Runnable call) {
        return () -> {
            long start = System.nanoTime();
            call.run();
            return System.nanoTime() - start;
        };
    }

    /**
     * Samples every path in rounds of {@code perRound} calls each, warm-up rounds first (about {@code warmup} calls
     * per path, not kept), then {@code rounds} kept: interleaved, so drift hits every path alike, and no connection
     * idles long enough for a server to close it.
     */
    public static Map<String, List<Long>> interleaved(Map<String, LongSupplier> paths, int warmup, int rounds,
            int perRound) {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        paths.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        int warmUpRounds = (warmup + perRound - 1) / perRound;
        for (int round = 0; round < warmUpRounds + rounds; round++) {
            boolean kept = round >= warmUpRounds;
            paths.forEach((name, call) -> {
                for (int i = 0; i < perRound; i++) {
                    long nanos = call.getAsLong();
                    if (kept) {
                        samples.get(name).add(nanos);
                    }
                }
            });
        }
        return samples;
    }

    /** The {@code p}th percentile of nanosecond samples, in milliseconds. */
    public static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1e6;
    }
}
