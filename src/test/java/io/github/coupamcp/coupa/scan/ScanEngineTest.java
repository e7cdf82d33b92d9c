package io.github.coupamcp.coupa.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.Op;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scan engine over an in-memory collection: partitioning, stealing, exactly-once, budget, deadline, cancel. */
@Timeout(30)
class ScanEngineTest {
    private static final String[] CURRENCIES = {"USD", "EUR", "CAD"};
    private final SortedRecordsClient client = new SortedRecordsClient();
    private final ScanEngine engine = new ScanEngine(client);

    /** {@code n} records with ids growing by 1-10, statuses alternating approved / pending_approval. */
    private List<Long> seed(int n, long firstId) {
        Random random = new Random(7);
        List<Long> ids = new ArrayList<>();
        long id = firstId;
        for (int i = 0; i < n; i++) {
            client.add(id, i % 2 == 0 ? "approved" : "pending_approval", CURRENCIES[i % 3],
                    (i % 1000) + "." + (i % 100 < 10 ? "0" : "") + (i % 100));
            ids.add(id);
            id += 1 + random.nextInt(10);
        }
        return ids;
    }

    private static ScanOptions options(int concurrency) {
        return ScanOptions.defaults().withConcurrency(concurrency);
    }

    private static long minimumRequests(long records) {
        return (records + 49) / 50;
    }

    @Test
    void foldsEveryRecordOnceInAboutTheMinimumNumberOfRequests() {
        List<Long> ids = seed(10_000, 5);

        ScanResult<List<Long>> r = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(8));

        assertThat(r.value()).hasSize(10_000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        ScanCoverage c = r.coverage();
        assertThat(c.records()).isEqualTo(10_000);
        assertThat(c.fractionCovered()).isEqualTo(1.0);
        assertThat(c.partitions()).isEqualTo(1 + 8 + c.steals());
        // one page per 50 records, plus at most one short last page per partition and the largest-id request
        assertThat(c.upstreamRequests()).isEqualTo(client.queries.size())
                .isBetween(minimumRequests(10_000), minimumRequests(10_000) + c.partitions() + 1);
        assertThat(client.maxInFlight).isLessThanOrEqualTo(8);
        assertThat(c.asOf()).isBeforeOrEqualTo(java.time.Instant.now());
    }

    @Test
    void pagesByIdWithBothBoundsInsideEachPartition() {
        seed(2_000, 1);

        engine.scan("invoices", CoupaQuery.builder().orderBy("total", CoupaQuery.Direction.DESC).offset(40).limit(7)
                .fields(Fields.of("status")).build(), new IdsFold(), options(4));

        assertThat(client.queries).allSatisfy(q -> {
            assertThat(q.orderBy()).isEqualTo("id");
            assertThat(q.offset()).isZero();
        });
        CoupaQuery first = client.queries.get(0);
        assertThat(first.limit()).isEqualTo(50);
        assertThat(first.direction()).isEqualTo(CoupaQuery.Direction.ASC);
        assertThat(first.filters()).isEmpty();
        assertThat(first.fields()).isEqualTo(Fields.of("id", "status"));
        CoupaQuery largest = client.queries.get(1);
        assertThat(largest.direction()).isEqualTo(CoupaQuery.Direction.DESC);
        assertThat(largest.limit()).isEqualTo(1);
        assertThat(largest.fields()).isEqualTo(Fields.of("id"));
        assertThat(client.queries.subList(2, client.queries.size())).allSatisfy(q -> {
            assertThat(q.direction()).isEqualTo(CoupaQuery.Direction.ASC);
            assertThat(q.limit()).isEqualTo(50);
            assertThat(q.fields()).isEqualTo(Fields.of("id", "status"));
            assertThat(q.filters()).extracting(CoupaQuery.Filter::paramName).containsExactly("id[gt]", "id[lt_or_eq]");
        });
    }

    @Test
    void aResultOfOnePageCostsOneRequestAndNoneCostsOne() {
        seed(30, 1);
        ScanResult<List<Long>> small = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(12));
        assertThat(small.value()).hasSize(30);
        assertThat(small.coverage().upstreamRequests()).isEqualTo(1);
        assertThat(small.coverage().partitions()).isEqualTo(1);

        ScanResult<List<Long>> none = engine.scan("invoices", CoupaQuery.builder().eq("status", "voided").build(),
                new IdsFold(), options(12));
        assertThat(none.value()).isEmpty();
        assertThat(none.coverage().upstreamRequests()).isEqualTo(1);
        assertThat(none.coverage().fractionCovered()).isEqualTo(1.0);
    }

    @Test
    void exactlyOnePageOfMatchesCostsTwoRequests() {
        seed(50, 1);
        ScanResult<List<Long>> r = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(12));
        assertThat(r.value()).hasSize(50).doesNotHaveDuplicates();
        assertThat(r.coverage().upstreamRequests()).isEqualTo(2);
    }

    @Test
    void aWorkerThatRunsOutOfWorkStealsTheUpperHalfOfTheLargestRange() {
        // 100 sparse records spread over a wide id range, then 5,000 dense ones at the top: the top partition
        // holds almost everything, the others finish after one page each and must help.
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            client.add(id * 1_000, "approved", "USD", "1.00");
            ids.add(id * 1_000);
        }
        for (long id = 100_001; id <= 105_000; id++) {
            client.add(id, "approved", "EUR", "2.00");
            ids.add(id);
        }
        client.latencyMillis = 1;

        ScanResult<List<Long>> r = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(4));

        assertThat(r.value()).hasSize(ids.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(r.coverage().steals()).isPositive();
        // the first page is sparse, so the scan starts with one partition: the workers spread out by stealing
        assertThat(r.coverage().partitions()).isEqualTo(1 + 1 + r.coverage().steals());
        assertThat(r.coverage().upstreamRequests())
                .isLessThanOrEqualTo(minimumRequests(ids.size()) + r.coverage().partitions() + 1);
        assertThat(client.maxInFlight).isGreaterThan(1);
    }

    /**
     * A few hundred or thousand records are not cut into one partition per worker (each partition costs a request
     * more): 300 dense records took 52 requests where ceil(300/50) = 6 would do.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} records, ids growing by 1 to {1}")
    @org.junit.jupiter.params.provider.CsvSource({"300, 1", "300, 10", "120, 1", "1000, 1", "1000, 40", "2500, 5"})
    void smallAndSparseSetsCostAboutOneRequestPerFiftyRecords(int n, int maxGap) {
        Random random = new Random(n + maxGap);
        List<Long> ids = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < n; i++) {
            client.add(id, "approved", "USD", "1.00");
            ids.add(id);
            id += 1 + random.nextInt(maxGap);
        }
        client.latencyMillis = 1;

        ScanResult<List<Long>> r = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(12));

        assertThat(r.value()).hasSize(n).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        // the first page and the largest id bound the range; the rest is one request per 50 records, give or take
        assertThat(r.coverage().upstreamRequests()).isEqualTo(client.queries.size())
                .isLessThanOrEqualTo((long) (1.2 * minimumRequests(n)) + 2);
    }

    @Test
    void statusChurnDuringAConcurrentScanCausesNeitherSkipsNorDuplicates() {
        List<Long> ids = seed(6_000, 1);
        // Records flip between two statuses of the filter after every page (they stay matches) ...
        Set<Long> stay = new HashSet<>();
        // ... or move in and out of the filter (they may be seen once or not at all, never twice).
        Set<Long> wander = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            (i % 4 == 3 ? wander : stay).add(ids.get(i));
        }
        Random random = new Random(3);
        List<Long> all = List.copyOf(ids);
        client.afterEachList = () -> {
            for (int k = 0; k < 200; k++) {
                long id;
                synchronized (random) {
                    id = all.get(random.nextInt(all.size()));
                }
                String now = client.status(id);
                if (stay.contains(id)) {
                    client.setStatus(id, now.equals("approved") ? "pending_approval" : "approved");
                } else {
                    client.setStatus(id, now.equals("draft") ? "approved" : "draft");
                }
            }
        };
        CoupaQuery q = CoupaQuery.builder().filter("status", Op.IN, "approved", "pending_approval").build();

        ScanResult<List<Long>> r = engine.scan("invoices", q, new IdsFold(), options(6));

        assertThat(r.value()).doesNotHaveDuplicates();
        assertThat(r.value()).containsAll(stay);
        assertThat(new HashSet<>(r.value())).isSubsetOf(new HashSet<>(ids));
    }

    @Test
    void theQuerysIdBoundsAreKeptAndNeverSentTwice() {
        List<Long> ids = seed(3_000, 1);
        long lower = ids.get(500);
        long upper = ids.get(2_500);
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.GT, Long.toString(lower))
                .filter("id", Op.LT, Long.toString(upper)).build();

        ScanResult<List<Long>> r = engine.scan("invoices", q, new IdsFold(), options(5));

        assertThat(r.value()).hasSize(1_999).doesNotHaveDuplicates().allMatch(id -> id > lower && id < upper);
        assertThat(client.queries).allSatisfy(sent -> {
            List<String> names = sent.filters().stream().map(CoupaQuery.Filter::paramName).toList();
            assertThat(names).doesNotHaveDuplicates();
            assertThat(names.stream().filter(n -> n.startsWith("id[")).count()).isLessThanOrEqualTo(2);
        });

        List<Long> below = engine.scan("invoices", CoupaQuery.builder().filter("id", Op.LT_OR_EQ,
                Long.toString(ids.get(99))).build(), new IdsFold(), options(5)).value();
        assertThat(below).containsExactlyInAnyOrderElementsOf(ids.subList(0, 100));
        List<Long> above = engine.scan("invoices", CoupaQuery.builder().filter("id", Op.GT_OR_EQ,
                Long.toString(ids.get(2_900))).build(), new IdsFold(), options(5)).value();
        assertThat(above).containsExactlyInAnyOrderElementsOf(ids.subList(2_900, 3_000));
    }

    @Test
    void aNonNumericIdBoundIsRefusedBeforeAnyRequest() {
        seed(10, 1);
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.GT, "abc").build();
        assertThatThrownBy(() -> engine.scan("invoices", q, new IdsFold(), options(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id[gt]");
        assertThat(client.queries).isEmpty();
    }

    @Test
    void refusesToLoopWhenTheServerIgnoresTheKeyset() {
        seed(500, 1);
        client.ignoreIdFilters = true;
        assertThatThrownBy(() -> engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(3)))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("out of order"));
    }

    @Test
    void mergedTotalsPerCurrencyEqualTheDirectSums() {
        seed(7_777, 3);
        Map<String, BigDecimal> expected = new TreeMap<>();
        long count = 0;
        for (var rec : client.records.values()) {
            if (rec.get("status").asString().equals("approved")) {
                count++;
                expected.merge(rec.get("currency").get("code").asString(), new BigDecimal(rec.get("total").asString()),
                        BigDecimal::add);
            }
        }
        CoupaQuery q = CoupaQuery.builder().eq("status", "approved").build();

        ScanResult<CurrencyTotals.Acc> r = engine.scan("invoices", q, new CurrencyTotals("total"), options(7));

        assertThat(r.value().count).isEqualTo(count);
        assertThat(r.value().totals).isEqualTo(expected);
    }

    @Test
    void aScanClearlyOverBudgetIsRefusedEarlyWithAnEstimate() {
        seed(10_000, 1); // about 202 requests

        assertThatThrownBy(() -> engine.scan("invoices", CoupaQuery.all(), new IdsFold(),
                options(4).withMaxRequests(60)))
                .isInstanceOfSatisfying(ScanIncompleteException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ScanIncompleteException.Reason.REQUEST_BUDGET);
                    assertThat(e.coverage().upstreamRequests()).isLessThan(60);
                    assertThat(e.coverage().fractionCovered()).isBetween(0.0, 0.5);
                    assertThat(e.estimatedRequests()).isBetween(150L, 260L);
                    assertThat(e.getMessage()).contains("budget of 60", "about " + e.estimatedRequests(),
                            "Narrow the filters").doesNotContain("Exception");
                });
    }

    @Test
    void aScanJustOverBudgetStopsAtTheBudgetAndSaysWhatItCovered() {
        seed(10_000, 1); // about 202 requests: not clearly over a budget of 180, so it tries

        assertThatThrownBy(() -> engine.scan("invoices", CoupaQuery.all(), new IdsFold(),
                options(4).withMaxRequests(180)))
                .isInstanceOfSatisfying(ScanIncompleteException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ScanIncompleteException.Reason.REQUEST_BUDGET);
                    assertThat(e.coverage().upstreamRequests()).isEqualTo(180);
                    assertThat(e.coverage().records()).isBetween(8_000L, 9_999L);
                    assertThat(e.coverage().fractionCovered()).isBetween(0.8, 0.9999);
                    assertThat(e.estimatedRequests()).isBetween(181L, 230L);
                });
        assertThat(client.queries).hasSize(180);
    }

    @Test
    void aScanPastItsDeadlineStopsWithAnEstimateOfTheTimeNeeded() {
        seed(20_000, 1);
        client.latencyMillis = 5;
        long start = System.nanoTime();

        assertThatThrownBy(() -> engine.scan("invoices", CoupaQuery.all(), new IdsFold(),
                options(2).withDeadline(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(ScanIncompleteException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ScanIncompleteException.Reason.DEADLINE);
                    assertThat(e.coverage().fractionCovered()).isLessThan(1.0);
                    assertThat(e.estimatedRequests()).isGreaterThan(e.coverage().upstreamRequests());
                    assertThat(e.estimatedDuration()).isGreaterThan(Duration.ofMillis(200));
                    assertThat(e.getMessage()).contains("ran past its deadline of 0.2 s", "Narrow the filters");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void cancellingStopsEveryWorkerPromptlyAndReleasesTheThreads() throws Exception {
        seed(50_000, 1);
        client.latencyMillis = 3;
        AtomicBoolean cancel = new AtomicBoolean();
        client.afterEachList = () -> {
            if (client.queries.size() >= 30) {
                cancel.set(true);
            }
        };

        assertThatThrownBy(() -> engine.scan("cancelled_invoices", CoupaQuery.all(), new IdsFold(),
                options(6).withCancellation(cancel::get)))
                .isInstanceOfSatisfying(ScanIncompleteException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ScanIncompleteException.Reason.CANCELLED);
                    assertThat(e.getMessage()).contains("cancelled").doesNotContain("Narrow");
                });
        // at most the requests already in flight when the signal came
        assertThat(client.queries.size()).isBetween(30, 30 + 6);
        awaitNoScanThreads("coupa-scan-cancelled_invoices-");
        int after = client.queries.size();
        Thread.sleep(50); // nothing may page on: the count must not move
        assertThat(client.queries).hasSize(after);
    }

    @Test
    void interruptingTheScanningThreadCancels() throws Exception {
        seed(50_000, 1);
        client.latencyMillis = 3;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread scanner = new Thread(() -> {
            try {
                engine.scan("interrupted_invoices", CoupaQuery.all(), new IdsFold(), options(4));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        scanner.start();
        long bound = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.queries.size() < 10 && System.nanoTime() < bound) {
            Thread.onSpinWait();
        }
        scanner.interrupt();
        scanner.join(5_000);
        assertThat(scanner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOfSatisfying(ScanIncompleteException.class,
                e -> assertThat(e.reason()).isEqualTo(ScanIncompleteException.Reason.CANCELLED));
        awaitNoScanThreads("coupa-scan-interrupted_invoices-");
    }

    @Test
    void aCoupaFailureInAWorkerStopsTheScanAndIsRethrownAsIs() throws Exception {
        seed(10_000, 1);
        AtomicInteger calls = new AtomicInteger();
        CoupaException failure = new CoupaException.ServerError("Coupa is down", 503, "GET", "/api/invoices", "r-1");
        client.afterEachList = () -> {
            if (calls.incrementAndGet() == 20) {
                throw failure;
            }
        };
        assertThatThrownBy(() -> engine.scan("failing_invoices", CoupaQuery.all(), new IdsFold(), options(4)))
                .isSameAs(failure);
        awaitNoScanThreads("coupa-scan-failing_invoices-");
    }

    @Test
    void progressEventsNeverGoBackwardsAndEndAtTheWholeRange() {
        seed(5_000, 1);
        client.latencyMillis = 15; // about 35 rounds of 3 pages: over a second, several progress intervals
        List<ScanProgress> events = new CopyOnWriteArrayList<>();
        Set<String> threads = new HashSet<>();

        ScanResult<List<Long>> r = engine.scan("invoices", CoupaQuery.all(), new IdsFold(), options(3)
                .withProgress(p -> {
                    events.add(p);
                    threads.add(Thread.currentThread().getName());
                }));

        assertThat(events).hasSizeGreaterThan(1);
        for (int i = 1; i < events.size(); i++) {
            ScanProgress a = events.get(i - 1);
            ScanProgress b = events.get(i);
            assertThat(b.records()).isGreaterThanOrEqualTo(a.records());
            assertThat(b.upstreamRequests()).isGreaterThanOrEqualTo(a.upstreamRequests());
            assertThat(b.fractionCovered()).isGreaterThanOrEqualTo(a.fractionCovered());
        }
        assertThat(events.get(0).fractionCovered()).isLessThan(1.0);
        assertThat(events.get(events.size() - 1)).isEqualTo(new ScanProgress(5_000, r.coverage().upstreamRequests(),
                1.0));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void badOptionsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ScanOptions.defaults().withConcurrency(0))
                .hasMessageContaining("concurrency must be 1..64");
        assertThatThrownBy(() -> ScanOptions.defaults().withMaxRequests(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ScanOptions.defaults().withDeadline(Duration.ZERO)).hasMessageContaining("positive");
    }

    private static void awaitNoScanThreads(String prefix) throws InterruptedException {
        long bound = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < bound) {
            boolean any = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
            if (!any) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("scan threads " + prefix + "* still alive after 5 s");
    }
}
