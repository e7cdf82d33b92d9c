package io.github.coupamcp.coupa.scan;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import java.time.Duration;
import java.util.Objects;

/**
 * Streams every record matching a query through a {@link Fold}, in constant memory, fast enough to use Coupa's
 * whole rate budget although each page takes hundreds of milliseconds.
 *
 * <p>The first page ({@code order_by=id}) and the largest matching id bound the id range of the matches; the range
 * after the first page is split into partitions paged concurrently by up to {@link ScanOptions#concurrency()}
 * workers, keyset inside each ({@code id[gt]=last&id[lt_or_eq]=hi}); as many partitions as the first page's density
 * says hold several pages each, so a small set is not paged in slivers. A worker without work splits the largest
 * partition still being paged (once its density is known) and takes its upper half. Ids never change and each belongs to exactly one partition, so records changing status
 * mid-scan are neither counted twice nor missed. Every request goes through the {@link CoupaClient}, so scans share
 * its rate limiter, retries and circuit breaker with everything else on the connection.
 *
 * <p>A scan that would exceed its request budget or deadline, or is cancelled, throws
 * {@link ScanIncompleteException} saying what it covered and what the whole scan would cost; it refuses early once
 * every partition has paged and the estimate is clearly over budget. A Coupa failure is rethrown as is.
 * Costs about ceil(N/50) requests plus one per partition and steal, and one request to find the largest id.
 */
public final class ScanEngine {
    /** Least time between two progress events of one scan. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final CoupaClient client;

    public ScanEngine(CoupaClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Folds every record of {@code resource} matching {@code query} (filters and projection; its order, offset and
     * limit are ignored). Blocks the calling thread, which also delivers progress events; interrupting it cancels.
     */
    public <A> ScanResult<A> scan(String resource, CoupaQuery query, Fold<A> fold, ScanOptions options) {
        Objects.requireNonNull(resource, "resource");
        return new ScanRun<>(client, resource, new ScanQueries(resource, Objects.requireNonNull(query, "query")),
                Objects.requireNonNull(fold, "fold"), Objects.requireNonNull(options, "options")).run();
    }
}
