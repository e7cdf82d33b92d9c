package io.github.coupamcp.coupa.scan;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/** One scan: the calling thread pages the first page, then watches the workers (deadline, cancellation, progress). */
final class ScanRun<A> {
    /** How often the watching thread checks cancellation and the deadline. */
    private static final long POLL_MILLIS = 20;
    /** Refuse early only when the estimate is this far over budget: early estimates are rough. */
    private static final double EARLY_REFUSAL_FACTOR = 1.5;
    /**
     * Steal a half expected to hold at least this many pages: it then starts beyond the owner's next page. Each steal
     * costs about one request more; 1 shortened the tail a little (large: 23 steals, 2,024 requests instead of 5 and
     * 2,008) but cost 22 % more requests on a 100-page scan.
     */
    private static final int PAGES_WORTH_STEALING = 2;
    /**
     * The scan starts with partitions expected (at the first page's density) to hold as many pages as a partition
     * must hold to be split: each partition costs about one request more (its short last page), so a small set is not
     * cut into more partitions than stealing would create; idle workers spread the work as the density shows.
     */
    private static final long PAGES_PER_INITIAL_PARTITION = 2L * PAGES_WORTH_STEALING;
    /** Longest an idle worker waits before looking for work to steal again (it is woken after each page anyway). */
    private static final long IDLE_WAIT_MILLIS = 20;

    private final CoupaClient client;
    private final String resource;
    private final ScanQueries queries;
    private final Fold<A> fold;
    private final ScanOptions options;

    private final Instant asOf = Instant.now();
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong coveredIds = new AtomicLong();
    private final AtomicLong finishedPages = new AtomicLong();
    private final AtomicInteger partitions = new AtomicInteger();
    private final AtomicInteger steals = new AtomicInteger();
    /** Partitions created and not yet paged to their end: idle workers stay while any is left. */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** Notified after each page, when a partition may have become worth splitting. */
    private final Object paged = new Object();
    private final Queue<Partition> pending = new ConcurrentLinkedQueue<>();
    private final Set<Partition> active = ConcurrentHashMap.newKeySet();
    private final List<A> accumulators = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private long span;
    private long boundingRequests;

    ScanRun(CoupaClient client, String resource, ScanQueries queries, Fold<A> fold, ScanOptions options) {
        this.client = client;
        this.resource = resource;
        this.queries = queries;
        this.fold = fold;
        this.options = options;
        this.deadlineNanos = startNanos + options.deadline().toNanos();
    }

    private record Stop(ScanIncompleteException.Reason reason, Throwable failure, double estimate) {}

    ScanResult<A> run() {
        A first = fold.newAccumulator();
        accumulators.add(first);
        partitions.set(1);
        List<ObjectNode> page = fetch(queries.firstPage());
        if (page == null) {
            throw incomplete();
        }
        long[] ids = queries.ids(page, null);
        foldAll(first, page, ids.length);
        if (page.size() < queries.limit()) {
            span = 1;
            coveredIds.set(1);
            return result();
        }
        long lo = ids[0];
        long lastOfFirst = ids[ids.length - 1];
        List<ObjectNode> top = fetch(queries.largest());
        if (top == null) {
            throw incomplete();
        }
        long hi = top.isEmpty() ? lastOfFirst : Math.max(lastOfFirst, queries.id(top.get(0)));
        span = hi - lo + 1;
        coveredIds.set(lastOfFirst - lo + 1);
        boundingRequests = requests.get();
        if (hi > lastOfFirst) {
            pageConcurrently(lastOfFirst, hi, lastOfFirst - lo + 1);
        }
        Stop stopped = stop.get();
        if (stopped != null) {
            if (stopped.failure() instanceof RuntimeException e) {
                throw e;
            }
            if (stopped.failure() instanceof Error e) {
                throw e;
            }
            throw incomplete();
        }
        return result();
    }

    /**
     * Pages {@code (after, hi]} with up to {@link ScanOptions#concurrency()} workers, starting from as many partitions
     * as the first page's density ({@code firstSpan} ids for one full page) says are worth it.
     */
    private void pageConcurrently(long after, long hi, long firstSpan) {
        long width = hi - after;
        int workers = (int) Math.min(options.concurrency(), width);
        int n = initialPartitions(width, firstSpan, workers);
        long size = width / n;
        long rest = width % n;
        long start = after;
        for (int i = 0; i < n; i++) {
            long end = start + size + (i < rest ? 1 : 0);
            pending.add(new Partition(start, end));
            start = end;
        }
        partitions.addAndGet(n);
        unfinished.set(n);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "coupa-scan-" + resource + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                try {
                    work();
                } catch (RuntimeException | Error e) {
                    // after a stop (cancelled, deadline), an interrupted request's error is a consequence, not news
                    stop.compareAndSet(null, new Stop(null, e, -1));
                } finally {
                    done.countDown();
                }
            });
        }
        pool.shutdown();
        watch(done);
        if (stop.get() != null) {
            pool.shutdownNow(); // interrupts permit waits and backoff sleeps; a request in flight ends on its own
        }
    }

    private void watch(CountDownLatch done) {
        long nextProgress = System.nanoTime() + ScanEngine.PROGRESS_INTERVAL.toNanos();
        try {
            while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkCancelledOrLate();
                if (stop.get() != null) {
                    return;
                }
                if (System.nanoTime() - nextProgress >= 0) {
                    options.progress().accept(progress());
                    nextProgress = System.nanoTime() + ScanEngine.PROGRESS_INTERVAL.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWith(ScanIncompleteException.Reason.CANCELLED, -1);
        } catch (RuntimeException e) {
            stop.compareAndSet(null, new Stop(null, e, -1)); // the progress listener failed
        }
    }

    /** Expected pages of the range over {@link #PAGES_PER_INITIAL_PARTITION}, between 1 and {@code workers}. */
    static int initialPartitions(long width, long firstSpan, int workers) {
        long pages = width / Math.max(1, firstSpan);
        return (int) Math.max(1, Math.min(workers, pages / PAGES_PER_INITIAL_PARTITION));
    }

    /**
     * Pages partitions until none is left unfinished. A worker finding nothing to take or steal waits rather than
     * quits while others still page: a partition not paged yet, or paged only through a sparse stretch, may be
     * worth splitting after its next page.
     */
    private void work() {
        A accumulator = fold.newAccumulator();
        accumulators.add(accumulator);
        while (stop.get() == null) {
            Partition p = pending.poll();
            if (p == null) {
                p = steal();
            }
            if (p == null) {
                if (unfinished.get() == 0 || !awaitPage()) {
                    return;
                }
                continue;
            }
            active.add(p);
            page(p, accumulator);
        }
    }

    /** Waits for another worker's next page (bounded); false when interrupted (the scan is stopping). */
    private boolean awaitPage() {
        synchronized (paged) {
            try {
                paged.wait(IDLE_WAIT_MILLIS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void page(Partition p, A accumulator) {
        while (true) {
            long after = p.last();
            List<ObjectNode> page = fetch(queries.page(after, p.hi()));
            if (page == null) {
                return;
            }
            long[] ids = queries.ids(page, after);
            Partition.Taken taken = p.take(ids, page.size() >= queries.limit());
            coveredIds.addAndGet(taken.idsCovered());
            foldAll(accumulator, page, taken.keep());
            if (taken.done()) {
                active.remove(p);
                finishedPages.addAndGet(p.pages());
                unfinished.decrementAndGet();
                wakeIdleWorkers();
                return;
            }
            wakeIdleWorkers();
            refuseEarlyWhenClearlyOverBudget();
        }
    }

    /** Splits the partition with the most ids left, or null when none is worth splitting (then the worker ends). */
    private Partition steal() {
        Partition victim = null;
        long most = 0;
        for (Partition p : active) {
            long left = p.remaining();
            if (left > most) {
                most = left;
                victim = p;
            }
        }
        if (victim == null) {
            return null;
        }
        Partition upper = victim.splitUpperHalf(PAGES_WORTH_STEALING);
        if (upper != null) {
            unfinished.incrementAndGet();
            active.add(upper);
            steals.incrementAndGet();
            partitions.incrementAndGet();
        }
        return upper;
    }

    /**
     * Refuses once the estimate is clearly over budget: counting partitions not paged yet as one page each (a lower
     * bound), or extrapolating them too once every partition has paged.
     */
    private void refuseEarlyWhenClearlyOverBudget() {
        Estimate e = estimate();
        double limit = EARLY_REFUSAL_FACTOR * options.maxRequests();
        if (e.lowerBound() > limit || (e.complete() && e.expected() > limit)) {
            stopWith(ScanIncompleteException.Reason.REQUEST_BUDGET, e.expected());
        }
    }

    /**
     * Requests the whole scan would take: each partition extrapolated from its own pages so far, one not paged yet
     * at the pages per id of those that have (or one page when none has).
     */
    private Estimate estimate() {
        double known = 0;
        long knownWidth = 0;
        long unknownWidth = 0;
        int unknown = 0;
        List<Partition> partitions = new ArrayList<>(active);
        partitions.addAll(pending);
        for (Partition p : partitions) {
            double pages = p.estimatedPages();
            if (pages < 0) {
                unknown++;
                unknownWidth += p.width();
            } else {
                known += pages;
                knownWidth += p.width();
            }
        }
        double perId = knownWidth == 0 ? 0 : known / knownWidth;
        double sure = boundingRequests + finishedPages.get() + known;
        return new Estimate(sure + unknown, sure + Math.max(unknown, unknownWidth * perId), unknown == 0);
    }

    private record Estimate(double lowerBound, double expected, boolean complete) {}

    private void wakeIdleWorkers() {
        synchronized (paged) {
            paged.notifyAll();
        }
    }

    /** One list request, or null when the scan must stop first (then {@link #stop} says why). */
    private List<ObjectNode> fetch(CoupaQuery query) {
        checkCancelledOrLate();
        if (stop.get() != null) {
            return null;
        }
        if (requests.incrementAndGet() > options.maxRequests()) {
            requests.decrementAndGet();
            stopWith(ScanIncompleteException.Reason.REQUEST_BUDGET, -1);
            return null;
        }
        List<ObjectNode> page = client.list(resource, query);
        answered.incrementAndGet();
        return page;
    }

    private void checkCancelledOrLate() {
        // the scanning thread is interrupted when its caller is cancelled (workers only after a stop)
        if (options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
            stopWith(ScanIncompleteException.Reason.CANCELLED, -1);
        } else if (System.nanoTime() - deadlineNanos > 0) {
            stopWith(ScanIncompleteException.Reason.DEADLINE, -1);
        }
    }

    private void stopWith(ScanIncompleteException.Reason reason, double estimate) {
        stop.compareAndSet(null, new Stop(reason, null, estimate));
    }

    private void foldAll(A accumulator, List<ObjectNode> page, int count) {
        for (int i = 0; i < count; i++) {
            fold.accept(accumulator, page.get(i));
        }
        records.addAndGet(count);
    }

    private double fraction() {
        return span == 0 ? 0 : Math.min(1.0, coveredIds.get() / (double) span);
    }

    private ScanProgress progress() {
        return new ScanProgress(records.get(), answered.get(), fraction());
    }

    private ScanCoverage coverage() {
        return new ScanCoverage(records.get(), requests.get(), partitions.get(), steals.get(),
                Duration.ofNanos(System.nanoTime() - startNanos), asOf, fraction());
    }

    private ScanResult<A> result() {
        A merged = accumulators.get(0);
        for (int i = 1; i < accumulators.size(); i++) {
            merged = fold.merge(merged, accumulators.get(i));
        }
        options.progress().accept(progress());
        return new ScanResult<>(merged, coverage());
    }

    private ScanIncompleteException incomplete() {
        Stop stopped = stop.get();
        ScanCoverage coverage = coverage();
        double fraction = coverage.fractionCovered();
        double estimate = stopped.estimate() >= 0 ? stopped.estimate() : span == 0 ? -1 : estimate().expected();
        if (stopped.reason() == ScanIncompleteException.Reason.REQUEST_BUDGET) {
            estimate = Math.max(estimate, options.maxRequests() + 1); // the budget ran out: it takes more, for sure
        }
        Duration duration = fraction > 0 ? Duration.ofNanos((long) (coverage.elapsed().toNanos() / fraction)) : null;
        return new ScanIncompleteException(stopped.reason(), resource, coverage, options.maxRequests(),
                options.deadline(), estimate < 0 ? -1 : (long) Math.ceil(estimate), duration);
    }
}
