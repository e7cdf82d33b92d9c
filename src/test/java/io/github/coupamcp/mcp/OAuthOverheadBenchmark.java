package io.github.coupamcp.mcp;

import static io.github.coupamcp.testing.Timings.percentile;
import static io.github.coupamcp.testing.Timings.timed;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.testing.Timings;
import io.github.coupamcp.oauth.AccessTokenVerifier;
import io.github.coupamcp.oauth.TestIssuer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What MCP authorization costs per request: the same tools/call over Streamable HTTP without authentication, with
 * the static token and with an OAuth JWT (RS256, keys cached), measured interleaved in one run; and the JWT check
 * alone. Prints figures, asserts no timings. Run: {@code mvn -B -o -Pbench verify -Dtest=OAuthOverheadBenchmark}.
 */
@Tag("benchmark")
class OAuthOverheadBenchmark {
    private static final int WARMUP = 300;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 200;
    private static final String STATIC_TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void jwtCheckOverhead() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            String jwt = issuer.token("mcp");
            HttpServer open = HttpServer.start(ServerConfig.builder().port(0).build(),
                    new McpServerFactory(new FakeCatalog(), "bench"));
            HttpServer fixed = HttpServer.start(ServerConfig.builder().port(0).httpToken(STATIC_TOKEN).build(),
                    new McpServerFactory(new FakeCatalog(), "bench"));
            HttpServer oauth = HttpServer.start(ServerConfig.builder().port(0).auth(issuer.config("mcp")).build(),
                    new McpServerFactory(new FakeCatalog(), "bench"));
            List<McpSyncClient> clients = List.of(
                    HttpServerTest.client("streamable", open.baseUrl(), null),
                    HttpServerTest.client("streamable", fixed.baseUrl(), STATIC_TOKEN),
                    HttpServerTest.client("streamable", oauth.baseUrl(), jwt));
            AccessTokenVerifier verifier = new AccessTokenVerifier(issuer.config("mcp"));
            try {
                Map<String, LongSupplier> paths = new LinkedHashMap<>();
                paths.put("tools/call, no authentication", timed(() -> echo(clients.get(0))));
                paths.put("tools/call, static bearer token", timed(() -> echo(clients.get(1))));
                paths.put("tools/call, OAuth JWT (RS256)", timed(() -> echo(clients.get(2))));
                paths.put("JWT check alone (verify)", timed(() -> verify(verifier, jwt)));
                Map<String, List<Long>> samples = Timings.interleaved(paths, WARMUP, ROUNDS, PER_ROUND);
                System.out.printf("%nMCP authorization overhead, %d samples per path after %d warm-up%n",
                        ROUNDS * PER_ROUND, WARMUP);
                System.out.printf("%-36s %10s %10s%n", "path", "p50 ms", "p99 ms");
                samples.forEach((name, values) -> System.out.printf("%-36s %10.3f %10.3f%n", name,
                        percentile(values, 50), percentile(values, 99)));
                List<Long> none = samples.get("tools/call, no authentication");
                List<Long> jwtCalls = samples.get("tools/call, OAuth JWT (RS256)");
                System.out.printf("OAuth over no authentication: p50 %+.3f ms, p99 %+.3f ms%n",
                        percentile(jwtCalls, 50) - percentile(none, 50), percentile(jwtCalls, 99) - percentile(none, 99));
            } finally {
                clients.forEach(McpSyncClient::closeGracefully);
                open.stop();
                fixed.stop();
                oauth.stop();
            }
        }
    }

    private static void echo(McpSyncClient client) {
        if (client.callTool(new CallToolRequest("echo", Map.of("text", "x"))).isError()) {
            throw new IllegalStateException("echo failed");
        }
    }

    private static void verify(AccessTokenVerifier verifier, String jwt) {
        try {
            verifier.verify(jwt);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
