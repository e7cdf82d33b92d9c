package io.github.coupamcp.mcp;

import static io.github.coupamcp.testing.Timings.percentile;
import static io.github.coupamcp.testing.Timings.timed;


import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.testing.Timings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a tools/call costs over stateless Streamable HTTP (one JSON answer per POST) next to Streamable HTTP with a
 * session (an event stream per request) and the same call in process, interleaved in one run. Prints figures,
 * asserts no timings. Run: {@code mvn -B -o -Pbench verify -Dtest=StatelessOverheadBenchmark}.
 */
@Tag("benchmark")
class StatelessOverheadBenchmark {
    private static final int WARMUP = 300;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 200;

    @Test
    void toolsCallOverStatelessAndSessionStreamableHttp() throws Exception {
        FakeCatalog catalog = new FakeCatalog();
        HttpServer sessions = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(catalog, "bench"));
        HttpServer stateless = HttpServer.start(ServerConfig.builder().port(0).stateless(true).build(),
                new McpServerFactory(catalog, "bench"));
        McpSyncClient withSession = HttpServerTest.client("streamable", sessions.baseUrl(), null);
        McpSyncClient withoutSession = HttpServerTest.client("streamable", stateless.baseUrl(), null);
        CallToolRequest echo = new CallToolRequest("echo", Map.of("text", "x"));
        try {
            Map<String, LongSupplier> paths = new LinkedHashMap<>();
            paths.put("in process", timed(() -> check(McpToolMapper.call(catalog, echo).isError())));
            paths.put("Streamable HTTP, session", timed(() -> check(withSession.callTool(echo).isError())));
            paths.put("Streamable HTTP, stateless", timed(() -> check(withoutSession.callTool(echo).isError())));
            Map<String, List<Long>> samples = Timings.interleaved(paths, WARMUP, ROUNDS, PER_ROUND);
            System.out.printf("%ntools/call (echo), %d samples per path after %d warm-up%n", ROUNDS * PER_ROUND,
                    WARMUP);
            System.out.printf("%-30s %10s %10s%n", "path", "p50 ms", "p99 ms");
            samples.forEach((name, values) -> System.out.printf("%-30s %10.3f %10.3f%n", name,
                    percentile(values, 50), percentile(values, 99)));
            List<Long> local = samples.get("in process");
            for (String http : List.of("Streamable HTTP, session", "Streamable HTTP, stateless")) {
                System.out.printf("%s over in process: p50 %+.3f ms, p99 %+.3f ms%n", http,
                        percentile(samples.get(http), 50) - percentile(local, 50),
                        percentile(samples.get(http), 99) - percentile(local, 99));
            }
        } finally {
            withSession.closeGracefully();
            withoutSession.closeGracefully();
            sessions.stop();
            stateless.stop();
        }
    }

    private static void check(boolean isError) {
        if (isError) {
            throw new IllegalStateException("echo failed");
        }
    }
}
