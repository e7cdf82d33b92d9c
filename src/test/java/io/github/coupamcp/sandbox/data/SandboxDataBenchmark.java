package io.github.coupamcp.sandbox.data;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generation time, retained heap and render() cost per scale. Prints figures; asserts nothing about timings.
 * Run with {@code mvn -B -Pbench test -Dtest=SandboxDataBenchmark}.
 */
@Tag("benchmark")
class SandboxDataBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void generateAndRenderPerScale() {
        System.out.printf("%-7s %10s %10s %12s %14s %14s %14s%n", "scale", "invoices", "gen ms", "heap MB",
                "render us/inv", "render us/po", "render us/sup");
        for (Scale scale : Scale.values()) {
            long heapBefore = usedAfterGc();
            long t0 = System.nanoTime();
            SandboxStore store = SandboxData.generate(42, scale);
            long genMs = (System.nanoTime() - t0) / 1_000_000;
            long heap = usedAfterGc() - heapBefore;
            double inv = renderCost(store.collection("invoices"));
            double po = renderCost(store.collection("purchase_orders"));
            double sup = renderCost(store.collection("suppliers"));
            System.out.printf("%-7s %10d %10d %12.1f %14.1f %14.1f %14.1f%n", scale,
                    store.collection("invoices").size(), genMs, heap / 1e6, inv, po, sup);
            System.out.printf("   renderFields(status, updated-at): invoice %.1f us, purchase order %.1f us%n",
                    renderFieldsCost(store.collection("invoices")), renderFieldsCost(store.collection("purchase_orders")));
            sizes(store);
            System.out.printf("   default JSON per record: invoice %.1f KB, purchase order %.1f KB, supplier %.1f KB%n",
                    jsonKb(store.collection("invoices")), jsonKb(store.collection("purchase_orders")),
                    jsonKb(store.collection("suppliers")));
            store = null;
        }
    }

    private static void sizes(SandboxStore store) {
        StringBuilder sb = new StringBuilder("   sizes:");
        for (SandboxCollection c : store.collections()) {
            sb.append(' ').append(c.name()).append('=').append(c.size());
        }
        System.out.println(sb);
    }

    /** Microseconds per render() over up to 20k records, after a warm-up pass, like the query engine's scans. */
    private static double renderCost(SandboxCollection c) {
        List<Long> ids = new ArrayList<>();
        for (long id : c.ids()) {
            ids.add(id);
            if (ids.size() == 20_000) {
                break;
            }
        }
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            for (long id : ids) {
                sink += c.render(id).size();
            }
        }
        int passes = Math.max(1, 60_000 / ids.size());
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            for (long id : ids) {
                ObjectNode n = c.render(id);
                sink += n.size();
            }
        }
        long ns = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.println();
        }
        return ns / 1000.0 / ((long) passes * ids.size());
    }

    /** Microseconds per renderFields() of two scalar fields, what a filtered or sorted scan needs. */
    private static double renderFieldsCost(SandboxCollection c) {
        java.util.Set<String> fields = java.util.Set.of("status", "updated-at");
        long sink = 0;
        int n = 0;
        long t0 = 0;
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                t0 = System.nanoTime();
                n = 0;
            }
            for (long id : c.ids()) {
                sink += c.renderFields(id, fields).size();
                n++;
            }
        }
        long ns = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.println();
        }
        return ns / 1000.0 / n;
    }

    /** Average serialised size of the default rendering, over the first 500 records. */
    private static double jsonKb(SandboxCollection c) {
        long bytes = 0;
        int n = 0;
        for (long id : c.ids()) {
            bytes += io.github.coupamcp.json.Json.MAPPER.writeValueAsString(c.render(id)).length();
            if (++n == 500) {
                break;
            }
        }
        return bytes / 1024.0 / n;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
