package io.github.coupamcp.coupa.scan;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How one scan may run: concurrent workers, upstream-request budget, deadline, an optional progress listener
 * (called on the scanning thread, at most every {@link ScanEngine#PROGRESS_INTERVAL}) and a cancellation signal
 * (polled by every worker between pages and by the scanning thread while it waits, so it must be thread-safe).
 */
public record ScanOptions(int concurrency, long maxRequests, Duration deadline, Consumer<ScanProgress> progress,
        BooleanSupplier cancelled) {
    /** Real Coupa answers a page in 300-500 ms: 12 requests in flight fill its 25 requests/s. */
    public static final int DEFAULT_CONCURRENCY = 12;
    public static final int MAX_CONCURRENCY = 64;
    /** 3,000 pages of 50: 150,000 records, two minutes at 25 requests/s. */
    public static final long DEFAULT_MAX_REQUESTS = 3_000;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);

    public ScanOptions {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("scan concurrency must be 1.." + MAX_CONCURRENCY + ", got "
                    + concurrency);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("a scan's request budget must be at least 1, got " + maxRequests);
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a scan's deadline must be positive, got " + deadline);
        }
        progress = progress == null ? p -> { } : progress;
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_CONCURRENCY, DEFAULT_MAX_REQUESTS, DEFAULT_DEADLINE, null, null);
    }

    public ScanOptions withConcurrency(int value) {
        return new ScanOptions(value, maxRequests, deadline, progress, cancelled);
    }

    public ScanOptions withMaxRequests(long value) {
        return new ScanOptions(concurrency, value, deadline, progress, cancelled);
    }

    public ScanOptions withDeadline(Duration value) {
        return new ScanOptions(concurrency, maxRequests, value, progress, cancelled);
    }

    public ScanOptions withProgress(Consumer<ScanProgress> value) {
        return new ScanOptions(concurrency, maxRequests, deadline, value, cancelled);
    }

    public ScanOptions withCancellation(BooleanSupplier value) {
        return new ScanOptions(concurrency, maxRequests, deadline, progress, value);
    }
}
