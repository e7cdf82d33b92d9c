package io.github.coupamcp.e2e;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmarks (b), (c), (d) of the MCP issue. They print figures measured side by side in one run and assert no
 * timings. Run: {@code mvn -B -Pbench verify} (after a build) or {@code mvn -B -Pbench verify -Dit.test=McpBenchmarkIT}.
 */
@Tag("benchmark")
class McpBenchmarkIT {
    private static final int WARMUP = 300;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 100;

    /** (b) Per-call overhead of MCP over HTTP compared with calling the sandbox directly, p50 and p99. */
    @Test
    void perCallOverheadOverHttp() throws Exception {
        ItSandbox it = ItSandbox.shared();
        it.sandbox.control().rateLimitEnabled(false);
        Map<String, String> env = new java.util.HashMap<>(it.serverEnv());
        env.put("COUPA_RATE_LIMIT", "100000");
        env.put("COUPA_RATE_LIMIT_BURST", "100000");
        ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
        CoupaConfig config = CoupaConfig.builderFromEnv(env).defaultScopes(registry.requiredScopes()).build();
        long id = it.invoiceIds().iterator().next();
        ObjectNode args = Json.object().put("id", id);

        try (ServerProcess server = ServerProcess.start(env, "http", "--port", "0");
                CoupaClient direct = HttpCoupaClient.create(config)) {
            String base = server.awaitHttpBaseUrl(Duration.ofSeconds(40));
            McpSyncClient mcp = Transport.STREAMABLE.connect(Map.of(), base);
            ToolCatalog catalog = registry.catalog(direct);
            Map<String, LongSupplier> paths = new java.util.LinkedHashMap<>();
            paths.put("sandbox direct (CoupaClient.get)", timed(() -> direct.get("invoices", id, null)));
            paths.put("tool in-process (ToolCatalog.call)", timed(() -> catalog.call("get_invoice", args)));
            paths.put("MCP Streamable HTTP (ping only)", timed(mcp::ping));
            paths.put("MCP Streamable HTTP (tools/call)", timed(() -> mcp.callTool(
                    new CallToolRequest("get_invoice", Map.of("id", id)))));
            Map<String, List<Long>> samples = new java.util.LinkedHashMap<>();
            paths.forEach((name, call) -> {
                samples.put(name, new ArrayList<>());
                for (int i = 0; i < WARMUP; i++) {
                    call.getAsLong();
                }
            });
            for (int round = 0; round < ROUNDS; round++) { // interleaved, so drift hits every path alike
                paths.forEach((name, call) -> {
                    for (int i = 0; i < PER_ROUND; i++) {
                        samples.get(name).add(call.getAsLong());
                    }
                });
            }
            mcp.closeGracefully();
            System.out.printf("%n(b) get_invoice, %d calls per path after %d warm-up calls%n", ROUNDS * PER_ROUND,
                    WARMUP);
            System.out.printf("%-38s %10s %10s%n", "path", "p50 ms", "p99 ms");
            double directP50 = percentile(samples.values().iterator().next(), 50);
            double directP99 = percentile(samples.values().iterator().next(), 99);
            samples.forEach((name, values) -> System.out.printf("%-38s %10.2f %10.2f%n", name,
                    percentile(values, 50), percentile(values, 99)));
            List<Long> mcpSamples = samples.get("MCP Streamable HTTP (tools/call)");
            System.out.printf("MCP overhead over direct: p50 +%.2f ms (x%.1f), p99 +%.2f ms%n",
                    percentile(mcpSamples, 50) - directP50, percentile(mcpSamples, 50) / directP50,
                    percentile(mcpSamples, 99) - directP99);
        } finally {
            it.sandbox.control().rateLimitEnabled(true);
        }
    }

    /**
     * (c) stdio cold start, spawn to the initialize answer, median of 7 interleaved runs against the sandbox: this
     * server by default, with an AppCDS archive and with the README's AppCDS recipe, beside Node's reference server
     * {@code @modelcontextprotocol/server-everything} (installed with npm into target/; skipped, with a message,
     * when node or npm is missing). (d) size of tools/list.
     */
    @Test
    void coldStartWithAndWithoutAppCdsBesideNodeAndToolsListSize() throws Exception {
        Map<String, String> env = ItSandbox.shared().serverEnv();
        Path archive = Files.createTempDirectory("coupa-mcp-cds").resolve("coupa-mcp.jsa");
        try (ServerProcess cds = ServerProcess.start(Map.of(), "cds", "--output", archive.toString())) {
            Integer code = cds.awaitExit(Duration.ofSeconds(120));
            if (code == null || code != 0 || !Files.exists(archive)) {
                throw new IllegalStateException("cds failed: " + cds.stderr());
            }
        }
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        variants.put(DEFAULT, ServerProcess.command(List.of(), List.of("stdio")));
        variants.put("AppCDS", ServerProcess.command(List.of("-XX:SharedArchiveFile=" + archive), List.of("stdio")));
        variants.put(README_RECIPE, ServerProcess.command(List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), List.of("stdio")));
        NodeReference.command().ifPresent(node -> variants.put(NODE, node));
        int runs = 7;
        Map<String, long[]> times = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(v -> times.put(v, new long[runs]));
        String toolsList = null;
        for (int run = 0; run < runs; run++) { // interleaved runs, so drift hits every variant alike
            for (var variant : variants.entrySet()) {
                long[] result = new long[1];
                String listLine = coldStart(variant.getValue(), env, result);
                times.get(variant.getKey())[run] = result[0];
                if (!variant.getKey().equals(NODE)) {
                    toolsList = listLine;
                }
            }
        }
        System.out.printf("%n(c) stdio cold start: spawn -> initialize answer, median of %d interleaved runs "
                + "(archive %d MB)%n", runs, Files.size(archive) / (1024 * 1024));
        long base = median(times.get(DEFAULT));
        times.forEach((name, values) -> System.out.printf("%-38s %6d ms  (%3.0f%% of default; best %d ms)%n", name,
                median(values), 100.0 * median(values) / base, Arrays.stream(values).min().orElse(0)));
        if (times.containsKey(NODE)) {
            double node = median(times.get(NODE));
            System.out.printf("medians: default / Node = %.2fx (target <= 2.0), AppCDS / Node = %.2fx, "
                    + "README recipe / Node = %.2fx (target <= 1.3)%n", base / node,
                    median(times.get("AppCDS")) / node, median(times.get(README_RECIPE)) / node);
        }
        Files.deleteIfExists(archive);

        JsonNode list = Json.MAPPER.readTree(toolsList);
        System.out.printf("%n(d) tools/list answer: %d characters for %d tools%n", toolsList.length(),
                list.path("result").path("tools").size());
        for (JsonNode tool : list.path("result").path("tools")) {
            System.out.printf("    %-24s %6d%n", tool.path("name").asString(), tool.toString().length());
        }
    }

    private static final String DEFAULT = "default JVM flags";
    private static final String README_RECIPE = "AppCDS + C1 only + SerialGC (README)";
    private static final String NODE = "Node server-everything (reference)";

    /** Spawns a stdio server, times the initialize answer, then lists the tools; returns the tools/list line. */
    private static String coldStart(List<String> command, Map<String, String> env, long[] millis) throws Exception {
        Path errors = Files.createTempFile("cold-start", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            OutputStream stdin = server.getOutputStream();
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            stdin.write((StdioProcessIT.INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (stdout.readLine() == null) {
                throw new IllegalStateException("no initialize answer from " + command + ": "
                        + Files.readString(errors));
            }
            millis[0] = (System.nanoTime() - start) / 1_000_000;
            stdin.write(("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String list = stdout.readLine();
            stdin.close();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            return list;
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    private static LongSupplier timed(Runnable call) {
        return () -> {
            long start = System.nanoTime();
            call.run();
            return System.nanoTime() - start;
        };
    }

    private static double percentile(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
