package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.Scale;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * find_duplicate_invoices over the large sandbox (100,000 invoices): what the fold keeps per invoice, and the whole
 * tool call (upstream requests vs ceil(N/50), wall time, peak heap, answer size). Prints figures; asserts only that
 * every invoice was scanned. No latency or rate limit here: ScanEngineBenchmark measures the engine under those.
 * Run: {@code mvn -B -o -Pbench test -Dtest=FindDuplicatesBenchmark -DargLine=-Xmx512m}.
 */
@Tag("benchmark")
class FindDuplicatesBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void largeSandbox() throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().scale(Scale.LARGE).seed(42)
                .tokenPropagationDelay(Duration.ZERO).rateLimitEnabled(false).build())) {
            SandboxCollection invoices = sandbox.store().collection("invoices");
            int n = invoices.size();
            System.out.printf("%n=== find_duplicate_invoices, large sandbox: %,d invoices (max heap %d MiB) ===%n", n,
                    Runtime.getRuntime().maxMemory() >> 20);

            DuplicatesBlock.Match match = new DuplicatesBlock.Match("supplier.id", "supplier.name",
                    "total-with-taxes", "currency.code", "invoice-date", "invoice-number");
            DuplicateFold fold = new DuplicateFold(match);
            invoices.ids().forEach(invoices::render); // renders cache nested records (suppliers, users): not the fold's
            long before = usedAfterGc();
            DuplicateFold.Candidates candidates = fold.newAccumulator();
            for (long id : invoices.ids()) {
                fold.accept(candidates, project(invoices.render(id)));
            }
            long kept = usedAfterGc() - before;
            int keys = candidates.byKey.size();
            candidates = DuplicateFold.prune(candidates);
            long pruned = usedAfterGc() - before;
            System.out.printf("    fold: %,d keys; retained %.1f MiB (%,d bytes per invoice); after pruning keys "
                            + "seen once: %,d keys, %.2f MiB%n", keys, kept / 1048576.0, kept / n,
                    candidates.byKey.size(), pruned / 1048576.0);

            ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
            try (HttpCoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                    .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                    .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO).build())) {
                ToolCatalog catalog = registry.catalog(client);
                long heapBefore = usedAfterGc();
                AtomicLong peak = new AtomicLong(heapBefore);
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
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
                ToolOutcome out = catalog.call("find_duplicate_invoices", Json.object().put("within_days", 30));
                double seconds = (System.nanoTime() - start) / 1e9;
                sampling.set(false);
                sampler.join(1_000);
                assertThat(out.isError()).as(out.text()).isFalse();
                ObjectNode s = out.structured();
                long requests = s.at("/scan/upstream_requests").asLong();
                System.out.printf("    tool call: %,d records, %,d upstream requests vs ceil(N/50) = %,d (ratio %.3f), "
                                + "%.1f s, peak used heap %d MiB (%d MiB before, the sandbox's data included); "
                                + "%,d pairs found, answer %,d characters%n", s.at("/scan/records").asLong(), requests,
                        (n + 49) / 50, requests / (double) ((n + 49) / 50), seconds, peak.get() >> 20,
                        heapBefore >> 20, s.get("pairs_found").asLong(),
                        io.github.coupamcp.shape.ResponseBudget.measure(s, out.text()));
                assertThat(s.at("/scan/records").asLong()).isEqualTo(n);
            }
        }
    }

    private static ObjectNode project(ObjectNode r) {
        ObjectNode projected = Json.object();
        projected.set("id", r.get("id"));
        projected.set("invoice-number", r.get("invoice-number"));
        projected.set("invoice-date", r.get("invoice-date"));
        projected.set("total-with-taxes", r.get("total-with-taxes"));
        projected.putObject("currency").set("code", r.at("/currency/code"));
        projected.putObject("supplier").put("id", r.at("/supplier/id").asLong()).put("name",
                r.at("/supplier/name").asString());
        return projected;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
