package io.github.coupamcp.e2e;

import static io.github.coupamcp.testing.Timings.percentile;
import static io.github.coupamcp.testing.Timings.timed;

import io.github.coupamcp.config.AuthConfig;
import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.mcp.HttpServer;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.Operations;
import io.github.coupamcp.metrics.ServiceMetrics;
import io.github.coupamcp.oauth.TestIssuer;
import io.github.coupamcp.testing.Timings;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpRequest;
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
    /** Enough for C2 to compile the hot paths of both JVMs (test and server), measured in both. */
    private static final int WARMUP = 1_000;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 200;

    /**
     * (b) What MCP over Streamable HTTP adds to a tool call: the same get_invoice against the same sandbox (its rate
     * limit off, and the servers' own limits out of reach), measured interleaved in one run on every path: the
     * sandbox called directly, the tool in process, an {@link HttpServer} in this JVM serving that very catalogue
     * (so that only the transport differs), and the packaged jar as users run it, each without and with OAuth,
     * each with the SDK's client and with a bare keep-alive client (which leaves the server's share alone).
     */
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
        String rawCall = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_invoice\",\"arguments\":{\"id\":" + id + "}}}";
        List<AutoCloseable> open = new ArrayList<>();
        try (TestIssuer issuer = new TestIssuer();
                CoupaClient direct = HttpCoupaClient.create(config)) {
            Map<String, String> oauthEnv = new java.util.HashMap<>(env);
            oauthEnv.put(AuthConfig.ENV_ISSUER, issuer.issuer());
            oauthEnv.put(AuthConfig.ENV_AUDIENCE, TestIssuer.AUDIENCE);
            oauthEnv.put(AuthConfig.ENV_SCOPES, "mcp");
            // valid for longer than the benchmark may take on a busy machine (the default is five minutes)
            String token = issuer.token(claims -> claims.expirationTime(java.util.Date.from(
                    java.time.Instant.now().plus(Duration.ofMinutes(30)))));
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            ServerProcess jar = track(open, ServerProcess.start(env, "http", "--port", "0"));
            ServerProcess jarOAuth = track(open, ServerProcess.start(oauthEnv, "http", "--port", "0"));
            // the catalogue as the jar wires it (metered), shared by the in-process path and this JVM's server
            ServiceMetrics metrics = new ServiceMetrics();
            ToolCatalog catalog = metrics.meter(registry.catalog(direct));
            Operations operations = new Operations(() -> null, metrics.registry());
            HttpServer local = track(open, HttpServer.start(ServerConfig.builder().port(0).build(),
                    new McpServerFactory(catalog, "bench"), operations));
            HttpServer localOAuth = track(open, HttpServer.start(ServerConfig.builder().port(0)
                    .auth(issuer.config("mcp")).build(), new McpServerFactory(catalog, "bench"), operations));
            String jarUrl = jar.awaitHttpBaseUrl(Duration.ofSeconds(40));
            String jarOAuthUrl = jarOAuth.awaitHttpBaseUrl(Duration.ofSeconds(40));

            Map<String, LongSupplier> paths = new java.util.LinkedHashMap<>();
            paths.put(DIRECT, timed(() -> direct.get("invoices", id, null)));
            paths.put(IN_PROCESS, timed(() -> expectSuccess(catalog.call("get_invoice", args).isError())));
            paths.put("HTTP this JVM, SDK client", sdkCall(open, local.baseUrl(), Map.of(), id));
            paths.put("HTTP this JVM, bare client", rawCall(open, local.baseUrl(), Map.of(), rawCall));
            paths.put("HTTP this JVM + OAuth, SDK client", sdkCall(open, localOAuth.baseUrl(), bearer, id));
            paths.put("HTTP this JVM + OAuth, bare client", rawCall(open, localOAuth.baseUrl(), bearer, rawCall));
            paths.put("HTTP jar, SDK client", sdkCall(open, jarUrl, Map.of(), id));
            paths.put("HTTP jar, bare client", rawCall(open, jarUrl, Map.of(), rawCall));
            paths.put("HTTP jar + OAuth, SDK client", sdkCall(open, jarOAuthUrl, bearer, id));
            paths.put("HTTP jar + OAuth, bare client", rawCall(open, jarOAuthUrl, bearer, rawCall));
            McpSyncClient pinger = track(open, sdkClient(jarUrl, Map.of()));
            paths.put("HTTP jar, SDK client, ping only", timed(pinger::ping));
            Map<String, List<Long>> samples = Timings.interleaved(paths, WARMUP, ROUNDS, PER_ROUND);

            System.out.printf("%n(b) get_invoice, %d calls per path after %d warm-up calls, interleaved%n",
                    ROUNDS * PER_ROUND, WARMUP);
            System.out.printf("%-38s %9s %9s %14s %14s %7s%n", "path", "p50 ms", "p99 ms", "p50 - in proc",
                    "p99 - in proc", "p50 x");
            List<Long> inProcess = samples.get(IN_PROCESS);
            samples.forEach((name, values) -> System.out.printf("%-38s %9.2f %9.2f %+14.2f %+14.2f %7.1f%n", name,
                    percentile(values, 50), percentile(values, 99),
                    percentile(values, 50) - percentile(inProcess, 50),
                    percentile(values, 99) - percentile(inProcess, 99),
                    percentile(values, 50) / percentile(inProcess, 50)));
            List<Long> jarCalls = samples.get("HTTP jar, SDK client");
            System.out.printf("tools/call over Streamable HTTP (jar, SDK client) over the same call in process: "
                    + "p50 +%.2f ms (target <= 2), p99 +%.2f ms, x%.1f; over the sandbox called directly: p50 +%.2f ms%n",
                    percentile(jarCalls, 50) - percentile(inProcess, 50),
                    percentile(jarCalls, 99) - percentile(inProcess, 99),
                    percentile(jarCalls, 50) / percentile(inProcess, 50),
                    percentile(jarCalls, 50) - percentile(samples.get(DIRECT), 50));
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) { // clients before their servers
                open.get(i).close();
            }
            it.sandbox.control().rateLimitEnabled(true);
        }
    }

    private static final String DIRECT = "sandbox direct (CoupaClient.get)";
    private static final String IN_PROCESS = "tool in process (ToolCatalog.call)";

    private static LongSupplier sdkCall(List<AutoCloseable> open, String baseUrl, Map<String, String> headers,
            long id) {
        McpSyncClient client = track(open, sdkClient(baseUrl, headers));
        CallToolRequest call = new CallToolRequest("get_invoice", Map.of("id", id));
        return timed(() -> expectSuccess(client.callTool(call).isError()));
    }

    /** The SDK's Streamable HTTP client as agents built on it use it (no output-schema check on our side). */
    private static McpSyncClient sdkClient(String baseUrl, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        headers.forEach(request::header);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp")
                .requestBuilder(request).build()).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static LongSupplier rawCall(List<AutoCloseable> open, String baseUrl, Map<String, String> headers,
            String message) throws java.io.IOException {
        KeepAliveMcpClient client = track(open, new KeepAliveMcpClient(baseUrl, headers));
        return timed(() -> {
            String answer = client.send(message);
            expectSuccess(!answer.contains("\"result\"") || answer.contains("\"isError\":true"));
        });
    }

    private static void expectSuccess(boolean isError) {
        if (isError) { // a benchmark of error answers would measure nothing of interest
            throw new IllegalStateException("get_invoice failed during the benchmark");
        }
    }

    private static <T> T track(List<AutoCloseable> open, T closeable) {
        open.add(closeable instanceof McpSyncClient client ? client::closeGracefully : (AutoCloseable) closeable);
        return closeable;
    }

    /**
     * (c) stdio cold start, spawn to the initialize answer and to the tools/list answer, median of 7 interleaved runs
     * against the sandbox: this server by default, with an AppCDS archive and with the README's AppCDS recipe, beside Node's reference server
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
        Map<String, long[]> listTimes = new java.util.LinkedHashMap<>();
        Map<String, long[]> readyTimes = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(v -> times.put(v, new long[runs]));
        variants.keySet().forEach(v -> listTimes.put(v, new long[runs]));
        variants.keySet().forEach(v -> readyTimes.put(v, new long[runs]));
        String toolsList = null;
        for (int run = 0; run < runs; run++) { // interleaved runs, so drift hits every variant alike
            for (var variant : variants.entrySet()) {
                long[] result = new long[3];
                String listLine = coldStart(variant.getValue(), env, result);
                times.get(variant.getKey())[run] = result[0];
                listTimes.get(variant.getKey())[run] = result[1];
                readyTimes.get(variant.getKey())[run] = result[2];
                if (!variant.getKey().equals(NODE)) {
                    toolsList = listLine;
                }
            }
        }
        System.out.printf("%n(c) stdio cold start, median of %d interleaved runs (archive %d MB), from the spawn: "
                + "the initialize answer; the tools/list answer (initialized and tools/list sent as soon as initialize "
                + "is answered); a ping answer (sent after that: only a loaded server answers it)%n", runs,
                Files.size(archive) / (1024 * 1024));
        long base = median(times.get(DEFAULT));
        times.forEach((name, values) -> System.out.printf("%-38s initialize %5d ms (%3.0f%% of default; best %d)  "
                + "tools/list %5d ms (best %d)  ping %5d ms (best %d)%n", name, median(values),
                100.0 * median(values) / base, Arrays.stream(values).min().orElse(0), median(listTimes.get(name)),
                Arrays.stream(listTimes.get(name)).min().orElse(0), median(readyTimes.get(name)),
                Arrays.stream(readyTimes.get(name)).min().orElse(0)));
        if (times.containsKey(NODE)) {
            for (var measure : List.of(Map.entry("initialize", times), Map.entry("tools/list", listTimes),
                    Map.entry("ping", readyTimes))) {
                double node = median(measure.getValue().get(NODE));
                System.out.printf("%-10s medians: default / Node = %.2fx%s, AppCDS / Node = %.2fx, README recipe / "
                        + "Node = %.2fx%s%n", measure.getKey(), median(measure.getValue().get(DEFAULT)) / node,
                        measure.getKey().equals("initialize") ? " (target <= 2.0)" : "",
                        median(measure.getValue().get("AppCDS")) / node,
                        median(measure.getValue().get(README_RECIPE)) / node,
                        measure.getKey().equals("initialize") ? " (target <= 1.3)" : "");
            }
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

    /**
     * Spawns a stdio server, times the initialize answer ({@code millis[0]}), then lists the tools and times that
     * answer too ({@code millis[1]}, from the spawn), then a ping, which only the loaded server answers
     * ({@code millis[2]}); returns the tools/list line.
     */
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
            answer(stdout, 1, command, errors);
            millis[0] = (System.nanoTime() - start) / 1_000_000;
            stdin.write(("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String list = answer(stdout, 2, command, errors);
            millis[1] = (System.nanoTime() - start) / 1_000_000;
            stdin.write("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            answer(stdout, 3, command, errors);
            millis[2] = (System.nanoTime() - start) / 1_000_000;
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

    /** The answer to request {@code id}, past the notifications a server may send first (Node's does). */
    private static String answer(BufferedReader stdout, int id, List<String> command, Path errors)
            throws IOException {
        for (int lines = 0; lines < 100; lines++) {
            String line = stdout.readLine();
            if (line == null) {
                break;
            }
            if (Json.MAPPER.readTree(line).path("id").asInt(-1) == id) {
                return line;
            }
        }
        throw new IllegalStateException("no answer to request " + id + " from " + command + ": "
                + Files.readString(errors));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
