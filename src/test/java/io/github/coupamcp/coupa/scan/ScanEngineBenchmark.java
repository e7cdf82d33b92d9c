package io.github.coupamcp.coupa.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.Scale;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The scan engine against a sandbox that behaves like real Coupa under load: 300 ms added to every API request and
 * 25 requests/s (burst 20). Prints figures; asserts only correctness (the fold equals the data), never timings.
 * Run: {@code mvn -B -o -Pbench test -Dtest=ScanEngineBenchmark -DargLine=-Xmx256m} (the heap bound: the large
 * sandbox's data, about 150 MiB, lives in the same JVM).
 * <ol>
 *   <li>Full scans (count and totals per currency of every invoice) at MEDIUM and LARGE scale: upstream requests
 *       vs ceil(N/50), wall time vs the physical bound ceil(N/50)/25 s, peak used heap sampled during each scan
 *       (the sandbox's data set included).</li>
 *   <li>On the first 5,000 invoices of the large set: the same scan with one worker (a sequential pager) and with
 *       the default concurrency, and the throughput ratio.</li>
 * </ol>
 */
@Tag("benchmark")
class ScanEngineBenchmark {
    private static final double RATE = 25.0;
    private static final int BURST = 20;
    private static final long LATENCY_MILLIS = 300;
    private static final int SUBSET = 5_000;
    private static final Fields PROJECTION = Fields.of("id", "total-with-taxes", Fields.nested("currency", "code"));

    @Test
    void fullScansUnderLatencyAndTheRateLimit() throws Exception {
        System.out.printf("%n=== scan engine benchmark (%d cores, max heap %d MiB; %d ms per request, sandbox limited"
                        + " to %.0f req/s burst %d; concurrency %d) ===%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, LATENCY_MILLIS, RATE, BURST, ScanOptions.DEFAULT_CONCURRENCY);
        System.out.printf("%n[1] full scans: count and totals per currency of every invoice%n");
        try (Sandbox medium = start(Scale.MEDIUM)) {
            fullScan(medium, "MEDIUM");
        }
        try (Sandbox large = start(Scale.LARGE)) {
            fullScan(large, "LARGE");
            subsetSequentialVsConcurrent(large);
        }
    }

    private static Sandbox start(Scale scale) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).scale(scale).seed(42)
                .tokenPropagationDelay(Duration.ZERO).rateLimit(RATE, BURST).rateLimitEnabled(true).retryAfter(true)
                .build());
        sandbox.control().fault(FaultRule.latency(LATENCY_MILLIS).onPath("/api/"));
        return sandbox;
    }

    private static HttpCoupaClient client(Sandbox sandbox) {
        HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(Sandbox.scopesOf(sandbox.store())).tokenPropagationDelay(Duration.ZERO)
                .rateLimit(RATE, BURST).build());
        client.awaitToken();
        return client;
    }

    private static void fullScan(Sandbox sandbox, String scale) throws InterruptedException {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        CurrencyTotals.Acc expected = expected(invoices, Long.MAX_VALUE);
        try (HttpCoupaClient client = client(sandbox)) {
            Thread.sleep(1_000); // the sandbox's bucket refills after the token request: start from a full burst
            sandbox.control().resetStats();
            Measured m = measure(client, CoupaQuery.builder().fields(PROJECTION).build(), ScanOptions.defaults());
            long n = m.result.value().count;
            long minimum = (n + 49) / 50;
            double bound = minimum / RATE;
            ScanCoverage c = m.result.coverage();
            System.out.printf("    %-6s N = %,d: upstream requests %,d vs ceil(N/50) = %,d (ratio %.3f; sandbox saw %,d"
                            + " invoice GETs, %d answered 429)%n", scale, n, c.upstreamRequests(), minimum,
                    c.upstreamRequests() / (double) minimum, sandbox.control().stats().resource("invoices"),
                    sandbox.control().stats().rateLimited());
            System.out.printf("           wall %.1f s vs physical bound ceil(N/50)/25 = %.1f s (%.1f %% over) | "
                            + "partitions %d, steals %d | %.1f req/s | peak used heap %d MiB (%d MiB before)%n",
                    m.seconds, bound, 100 * (m.seconds / bound - 1), c.partitions(), c.steals(),
                    c.upstreamRequests() / m.seconds, m.peakHeap >> 20, m.heapBefore >> 20);
            System.out.printf("           totals per currency %s%n", m.result.value().totals);
            assertThat(m.result.value().count).isEqualTo(expected.count);
            assertThat(m.result.value().totals).isEqualTo(expected.totals);
        }
    }

    private static void subsetSequentialVsConcurrent(Sandbox sandbox) throws InterruptedException {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        long upper = invoices.ids().stream().sorted().skip(SUBSET - 1).findFirst().orElseThrow();
        CurrencyTotals.Acc expected = expected(invoices, upper);
        CoupaQuery subset = CoupaQuery.builder().filter("id", Op.LT_OR_EQ, Long.toString(upper)).fields(PROJECTION)
                .build();
        System.out.printf("%n[2] the first %,d invoices (id <= %d): sequential pager (1 worker) vs concurrent scan%n",
                SUBSET, upper);
        try (HttpCoupaClient client = client(sandbox)) {
            Thread.sleep(1_000);
            Measured sequential = measure(client, subset, ScanOptions.defaults().withConcurrency(1));
            Thread.sleep(1_000);
            Measured concurrent = measure(client, subset, ScanOptions.defaults());
            for (Measured m : new Measured[] {sequential, concurrent}) {
                assertThat(m.result.value().count).isEqualTo(expected.count);
                assertThat(m.result.value().totals).isEqualTo(expected.totals);
            }
            double seqRate = sequential.result.value().count / sequential.seconds;
            double conRate = concurrent.result.value().count / concurrent.seconds;
            System.out.printf("    sequential: %.1f s, %d requests (%.2f req/s, %.0f records/s); full large scan "
                            + "extrapolated: %.0f s%n", sequential.seconds, sequential.result.coverage()
                            .upstreamRequests(), sequential.result.coverage().upstreamRequests() / sequential.seconds,
                    seqRate, 100_000 / seqRate);
            System.out.printf("    concurrent: %.1f s, %d requests (%.2f req/s, %.0f records/s)%n", concurrent.seconds,
                    concurrent.result.coverage().upstreamRequests(),
                    concurrent.result.coverage().upstreamRequests() / concurrent.seconds, conRate);
            System.out.printf("    throughput ratio concurrent / sequential = %.1f%n", conRate / seqRate);
        }
    }

    private record Measured(ScanResult<CurrencyTotals.Acc> result, double seconds, long peakHeap, long heapBefore) {}

    private static Measured measure(HttpCoupaClient client, CoupaQuery query, ScanOptions options)
            throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        ScanResult<CurrencyTotals.Acc> result = new ScanEngine(client).scan("invoices", query,
                new CurrencyTotals("total-with-taxes"), options.withDeadline(Duration.ofMinutes(5))
                        .withMaxRequests(5_000));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampling.set(false);
        sampler.join(1_000);
        return new Measured(result, seconds, peak.get(), before);
    }

    /** The brute force, from the sandbox's store. */
    private static CurrencyTotals.Acc expected(SandboxCollection invoices, long maxId) {
        CurrencyTotals.Acc acc = new CurrencyTotals.Acc();
        Map<String, BigDecimal> totals = acc.totals;
        for (long id : invoices.ids()) {
            if (id <= maxId) {
                JsonNode r = invoices.render(id);
                acc.count++;
                totals.merge(r.path("currency").path("code").asString(),
                        new BigDecimal(r.path("total-with-taxes").asString()), BigDecimal::add);
            }
        }
        return acc;
    }
}
