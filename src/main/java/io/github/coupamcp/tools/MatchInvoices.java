package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.ForwardingCoupaClient;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second step of a match: the invoices billing each batch of PO numbers ({@code invoice-lines[po-number][in]},
 * voided and abandoned left out by Coupa), several batches at once so a slow Coupa still answers at its rate budget,
 * each batch folded and checked against its orders' lines as soon as it is complete. Every request counts against
 * what is left of the match's budget; the calling thread watches the deadline, cancellation and progress.
 */
final class MatchInvoices {
    /** PO numbers per invoice request: one page's worth, and a URL well within limits. */
    static final int BATCH = CoupaQuery.MAX_LIMIT;
    static final String RESOURCE = "invoices";
    static final List<String> NOT_BILLING = List.of("voided", "abandoned");
    private static final long POLL_MILLIS = 20;

    /** What the batches found and cost. */
    static final class Checked {
        final MatchTally overBilled = new MatchTally(MatchToolHandler.KEEP);
        final MatchTally notReceived = new MatchTally(MatchToolHandler.KEEP);
        final MatchTally priceVariance = new MatchTally(MatchToolHandler.KEEP);
        final Set<Long> invoices = new HashSet<>();
        long invoiceLines;
        long records;
        int partitions;
        int steals;

        void addAll(Checked other) {
            overBilled.addAll(other.overBilled);
            notReceived.addAll(other.notReceived);
            priceVariance.addAll(other.priceVariance);
            invoices.addAll(other.invoices);
            invoiceLines += other.invoiceLines;
            records += other.records;
            partitions += other.partitions;
            steals += other.steals;
        }
    }

    /** The step stopped before every batch was checked: why, how far it got and what it cost. */
    static final class Stopped extends RuntimeException {
        final ScanIncompleteException.Reason reason;
        final int ordersChecked;
        final long requests;

        Stopped(ScanIncompleteException.Reason reason, int ordersChecked, long requests) {
            super(reason.name(), null, false, false);
            this.reason = reason;
            this.ordersChecked = ordersChecked;
            this.requests = requests;
        }
    }

    /** Thrown by the counting client when the budget is spent; never leaves this class. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super("budget spent", null, false, false);
        }
    }

    private final CoupaClient client;
    private final ScanOptions limits;
    private final long budget;
    private final Duration deadline;
    private final AtomicLong requests = new AtomicLong();

    /** {@code budget} and {@code deadline} are what the order scan left of the match's. */
    MatchInvoices(CoupaClient client, ScanOptions limits, long budget, Duration deadline) {
        this.client = client;
        this.limits = limits;
        this.budget = budget;
        this.deadline = deadline;
    }

    /** Requests made so far (all of them once {@link #check} returns or throws). */
    long requests() {
        return requests.get();
    }

    /**
     * Checks every batch; {@code progress} is called on this thread with the orders checked so far. Throws
     * {@link Stopped} on the budget, the deadline or cancellation, and rethrows a Coupa failure as is.
     */
    Checked check(List<List<String>> batches, MatchOrders.Orders orders, BigDecimal tolerancePct,
            IntConsumer progress) {
        Queue<List<String>> pending = new ConcurrentLinkedQueue<>(batches);
        AtomicInteger checked = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<ScanIncompleteException.Reason> stop = new AtomicReference<>();
        List<Checked> results = Collections.synchronizedList(new ArrayList<>());
        ScanEngine engine = new ScanEngine(new Counting());
        ScanOptions perBatch = limits.withConcurrency(1).withMaxRequests(Math.max(1, budget)).withDeadline(deadline)
                .withCancellation(() -> stop.get() != null || failure.get() != null);
        int workers = Math.min(limits.concurrency(), batches.size());
        CountDownLatch done = new CountDownLatch(workers);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "coupa-match-invoices-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                Checked mine = new Checked();
                results.add(mine);
                try {
                    List<String> batch;
                    while (stop.get() == null && failure.get() == null && (batch = pending.poll()) != null) {
                        checkBatch(engine, perBatch, batch, orders, tolerancePct, mine);
                        checked.addAndGet(batch.size());
                    }
                } catch (BudgetSpent e) {
                    stop.compareAndSet(null, ScanIncompleteException.Reason.REQUEST_BUDGET);
                } catch (ScanIncompleteException e) {
                    if (e.reason() != ScanIncompleteException.Reason.CANCELLED) { // cancelled: by another's stop
                        stop.compareAndSet(null, e.reason());
                    }
                } catch (RuntimeException | Error e) {
                    if (stop.get() == null) {
                        failure.compareAndSet(null, e);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        pool.shutdown();
        watch(done, checked, stop, failure, progress);
        if (stop.get() != null || failure.get() != null) {
            pool.shutdownNow();
        }
        if (stop.get() != null) {
            throw new Stopped(stop.get(), checked.get(), requests.get());
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        Checked all = new Checked();
        results.forEach(all::addAll);
        return all;
    }

    private void watch(CountDownLatch done, AtomicInteger checked, AtomicReference<ScanIncompleteException.Reason> stop,
            AtomicReference<Throwable> failure, IntConsumer progress) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        int reported = 0;
        try {
            while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (limits.cancelled().getAsBoolean()) {
                    stop.compareAndSet(null, ScanIncompleteException.Reason.CANCELLED);
                } else if (System.nanoTime() - deadlineNanos > 0) {
                    stop.compareAndSet(null, ScanIncompleteException.Reason.DEADLINE);
                }
                if (stop.get() != null || failure.get() != null) {
                    return;
                }
                if (checked.get() > reported) {
                    reported = checked.get();
                    progress.accept(reported);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.compareAndSet(null, ScanIncompleteException.Reason.CANCELLED);
        }
    }

    private void checkBatch(ScanEngine engine, ScanOptions options, List<String> batch, MatchOrders.Orders orders,
            BigDecimal tolerancePct, Checked into) {
        ScanResult<MatchBilling.Billed> scanned = engine.scan(RESOURCE, query(batch), new MatchBilling(orders.lines,
                new HashSet<>(batch), tolerancePct, MatchToolHandler.KEEP), options);
        MatchBilling.Billed billed = scanned.value();
        billed.lines.forEach((lineId, billing) -> MatchRules.check(orders.lines.get(lineId), billing,
                into.overBilled, into.notReceived));
        into.priceVariance.addAll(billed.priceVariance);
        into.invoices.addAll(billed.invoices);
        into.invoiceLines += billed.invoiceLines;
        into.records += scanned.coverage().records();
        into.partitions += scanned.coverage().partitions();
        into.steals += scanned.coverage().steals();
    }

    /** Invoices billing any line of these orders, except voided and abandoned ones. */
    static CoupaQuery query(List<String> poNumbers) {
        CoupaQuery.Builder q = CoupaQuery.builder().fields(MatchBilling.FIELDS)
                .filter("status", Op.NOT_IN, NOT_BILLING);
        if (poNumbers.size() == 1) {
            q.filter("invoice-lines[po-number]", Op.EQ, poNumbers.get(0));
        } else {
            q.filter("invoice-lines[po-number]", Op.IN, poNumbers);
        }
        return q.build();
    }

    /** The match's client, counting every list request against what is left of the budget. */
    private final class Counting extends ForwardingCoupaClient {
        Counting() {
            super(client);
        }

        @Override
        public List<ObjectNode> list(String resource, CoupaQuery query) {
            if (requests.incrementAndGet() > budget) {
                requests.decrementAndGet();
                throw new BudgetSpent();
            }
            return super.list(resource, query);
        }

        @Override
        public void close() {
            // the connection's client outlives the match
        }
    }
}
