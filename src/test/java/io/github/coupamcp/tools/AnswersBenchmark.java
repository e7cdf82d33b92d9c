package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every figure of the "answers, not rows" benchmark, in one run: {@code summarize_invoices} grouped by supplier,
 * called as an agent calls it (through the tool catalog), against a sandbox that behaves like real Coupa under load
 * (300 ms added to every API request, 25 requests/s, burst 20). Prints figures; asserts only that the answers are
 * right, never timings.
 * <ol>
 *   <li>MEDIUM (10,000 invoices) and LARGE (100,000): upstream requests vs ceil(N/50), wall time vs the physical
 *       bound ceil(N/50)/25 s, peak used heap during the scan (absolute, the sandbox's data included, and above the
 *       heap before it: the scan's own share, which must not grow with N), answer size in characters.</li>
 *   <li>LARGE again with one worker (a sequential pager): wall time, and the ratio to the concurrent scan. Takes
 *       about 11 minutes (2,000 pages, one after the other).</li>
 *   <li>Paging {@code list_invoices} end to end (MEDIUM, no added latency: only the request count matters):
 *       upstream requests vs ceil(records/50), with the read-ahead and with every page a miss.</li>
 * </ol>
 * Run alone: {@code mvn -B -o -Pbench test -Dtest=AnswersBenchmark -DargLine="-Xmx256m -Xmn32m"}: the heap bound
 * (the large sandbox's data, about 150 MiB, lives in the same JVM), and a young generation of the same size at both
 * scales, where a scan's short-lived pages live, so that the peaks above the baseline compare.
 */
@Tag("benchmark")
class AnswersBenchmark {
    private static final double RATE = 25.0;
    private static final int BURST = 20;
    private static final long LATENCY_MILLIS = 300;
    private static final int TOP = 10;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES) // the sequential pager alone takes about 11
    void summarizeInvoicesBySupplierAndListPaging() throws Exception {
        System.out.printf("%n=== answers benchmark (%d cores, max heap %d MiB; %d ms added per request, sandbox "
                        + "limited to %.0f req/s burst %d; scan concurrency %d) ===%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, LATENCY_MILLIS,
                RATE, BURST, ScanOptions.DEFAULT_CONCURRENCY);
        System.out.printf("%n[1] summarize_invoices {group_by: supplier, top: %d}, concurrent scan%n", TOP);
        try (Sandbox medium = start(Scale.MEDIUM)) {
            summarize(medium, "MEDIUM", ScanOptions.DEFAULT_CONCURRENCY);
        }
        try (Sandbox large = start(Scale.LARGE)) {
            Measured concurrent = summarize(large, "LARGE", ScanOptions.DEFAULT_CONCURRENCY);
            System.out.printf("%n[2] the same LARGE scan with a sequential pager (1 worker)%n");
            Measured sequential = summarize(large, "LARGE", 1);
            assertThat(withoutScan(sequential.answer)).isEqualTo(withoutScan(concurrent.answer));
            System.out.printf("    sequential %.1f s vs concurrent %.1f s: the concurrent scan is %.1f x faster%n",
                    sequential.seconds, concurrent.seconds, sequential.seconds / concurrent.seconds);
        }
        System.out.printf("%n[3] paging list_invoices end to end (MEDIUM, no added latency)%n");
        listPaging();
    }

    private record Measured(ObjectNode answer, double seconds) {}

    private static Sandbox start(Scale scale) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).scale(scale).seed(42)
                .tokenPropagationDelay(Duration.ZERO).rateLimit(RATE, BURST).rateLimitEnabled(true).retryAfter(true)
                .build());
        sandbox.control().fault(FaultRule.latency(LATENCY_MILLIS).onPath("/api/"));
        return sandbox;
    }

    private static HttpCoupaClient client(Sandbox sandbox, ToolRegistry registry, double rate, int burst) {
        HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret()).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).rateLimit(rate, burst).build());
        client.awaitToken();
        return client;
    }

    private static Measured summarize(Sandbox sandbox, String scale, int concurrency) throws InterruptedException {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().cursorKey(ToolHarness.KEY)
                .scanConcurrency(concurrency).scanMaxRequests(5_000).scanDeadline(Duration.ofMinutes(30)).build());
        long n = sandbox.store().collection("invoices").size();
        try (HttpCoupaClient client = client(sandbox, registry, RATE, BURST)) {
            ToolCatalog catalog = registry.catalog(client);
            ObjectNode args = Json.object().put("group_by", "supplier").put("top", TOP).put("fresh", true);
            Thread.sleep(1_000); // the sandbox's bucket refills after the token request: start from a full burst
            sandbox.control().resetStats();
            HeapPeak heap = HeapPeak.start();
            long start = System.nanoTime();
            ToolOutcome outcome = catalog.call("summarize_invoices", args);
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();
            assertThat(outcome.isError()).as(outcome.text()).isFalse();
            ObjectNode answer = outcome.structured();
            assertThat(answer.path("overall").path("count").asLong()).isEqualTo(n);
            long requests = answer.path("scan").path("upstream_requests").asLong();
            long minimum = (n + 49) / 50;
            double bound = minimum / RATE;
            String structured = Json.MAPPER.writeValueAsString(answer);
            System.out.printf("    %-6s N = %,d, %s: upstream requests %,d vs ceil(N/50) = %,d (ratio %.3f; the sandbox "
                            + "saw %,d invoice GETs, %d answered 429)%n", scale, n, concurrency == 1 ? "1 worker"
                            : concurrency + " workers", requests, minimum, requests / (double) minimum,
                    sandbox.control().stats().resource("invoices"), sandbox.control().stats().rateLimited());
            System.out.printf("           wall %.1f s vs physical bound ceil(N/50)/25 = %.1f s (%+.1f %%; target within "
                    + "15 %%) | %.1f req/s%n", seconds, bound, 100 * (seconds / bound - 1), requests / seconds);
            System.out.printf("           peak used heap %d MiB, %d MiB above the %d MiB before the scan (the sandbox's "
                            + "data); %+d MiB kept after it%n", heap.peak() >> 20, (heap.peak() - heap.before()) >> 20,
                    heap.before() >> 20, (heap.after() - heap.before()) >> 20);
            System.out.printf("           answer: %,d characters (text %,d + structuredContent %,d; target <= 4,000 "
                    + "for top %d), %d groups shown%n", outcome.text().length() + structured.length(),
                    outcome.text().length(), structured.length(), TOP, answer.path("groups").size());
            return new Measured(answer, seconds);
        }
    }

    /** The answer without its scan block (requests, partitions and times differ between two scans). */
    private static ObjectNode withoutScan(ObjectNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("scan");
        return copy;
    }

    private static void listPaging() {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().cursorKey(ToolHarness.KEY).build());
        try (Sandbox medium = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).scale(Scale.MEDIUM).build());
                HttpCoupaClient client = client(medium, registry, 100_000, 100_000)) {
            int records = medium.store().collection("invoices").size();
            long minimum = (records + 49) / 50;
            long before = client.metrics().requests();
            long start = System.nanoTime();
            ListPagingCostTest.Paged paged = ListPagingCostTest.pageAll(java.util.List.of(registry.catalog(client)),
                    records);
            long withReadAhead = client.metrics().requests() - before;
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(paged.ids()).hasSize(records).doesNotHaveDuplicates();
            // as before the read-ahead existed: two replicas in turn, so every page fetches
            before = client.metrics().requests();
            ListPagingCostTest.pageAll(java.util.List.of(registry.catalog(client), registry.catalog(client)), records);
            long without = client.metrics().requests() - before;
            System.out.printf("    %,d records in %,d pages, ceil(N/50) = %,d%n", records, paged.pages(), minimum);
            System.out.printf("    upstream requests with the read-ahead: %,6d (%.2f x ceil(N/50), target <= 1.2; %d ms)%n",
                    withReadAhead, withReadAhead / (double) minimum, millis);
            System.out.printf("    upstream requests, every page a miss:  %,6d (%.2f x ceil(N/50))%n", without,
                    without / (double) minimum);
        }
    }

    /** Peak used heap sampled every 20 ms between start and stop, after a GC before. */
    private static final class HeapPeak {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean sampling = new AtomicBoolean(true);
        private final AtomicLong peak;
        private final long before;
        private final Thread sampler;
        private long after;

        private HeapPeak() {
            System.gc();
            before = memory.getHeapMemoryUsage().getUsed();
            peak = new AtomicLong(before);
            Supplier<Long> used = () -> memory.getHeapMemoryUsage().getUsed();
            sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(used.get(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
        }

        static HeapPeak start() {
            HeapPeak h = new HeapPeak();
            h.sampler.start();
            return h;
        }

        void stop() throws InterruptedException {
            sampling.set(false);
            sampler.join(1_000);
            System.gc();
            after = memory.getHeapMemoryUsage().getUsed();
        }

        /** Used heap after a GC once the scan is over: what its answer keeps. */
        long after() {
            return after;
        }

        long peak() {
            return peak.get();
        }

        long before() {
            return before;
        }
    }
}
