package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaStatus;
import io.github.coupamcp.metrics.ServiceMetrics;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /healthz, /readyz and /metrics next to MCP on the HTTP port. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpOperationsTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final HttpClient http = HttpClient.newHttpClient();

    private final AtomicReference<String> problem = new AtomicReference<>();
    private final AtomicInteger readinessChecks = new AtomicInteger();
    private final ClientMetrics upstream = new ClientMetrics(new AtomicLong(3), () -> 25.0);
    private final AtomicReference<String> circuit = new AtomicReference<>("CLOSED");
    private HttpServer server;

    private void start(ServerConfig.Builder config) throws Exception {
        ServiceMetrics metrics = new ServiceMetrics();
        metrics.bindUpstream(new CoupaStatus() {
            @Override
            public String notReady() {
                readinessChecks.incrementAndGet();
                return problem.get();
            }

            @Override
            public ClientMetrics metrics() {
                return upstream;
            }

            @Override
            public String circuitState() {
                return circuit.get();
            }
        });
        server = HttpServer.start(config.port(0).build(),
                new McpServerFactory(metrics.meter(new FakeCatalog()), "test"),
                new Operations(() -> {
                    readinessChecks.incrementAndGet();
                    return problem.get();
                }, metrics.registry()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhenCoupaIsAndTheAnswerIsReusedBriefly() throws Exception {
        start(ServerConfig.builder().httpToken(TOKEN));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get("/readyz", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ready\"}");
        }
        assertThat(readinessChecks).as("one check per " + HealthServlet.READINESS_TTL).hasValue(1);
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void notReadySaysWhyWith503() throws Exception {
        problem.set("Coupa rejected this server's credentials: check COUPA_CLIENT_SECRET");
        start(ServerConfig.builder());
        HttpResponse<String> response = get("/readyz", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).as(response.body()).contains("\"status\":\"not_ready\"", "COUPA_CLIENT_SECRET");
        // liveness is about the process, not Coupa
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        // a per-tenant probe on a server without tenants says where to look
        HttpResponse<String> tenant = get("/readyz?tenant=acme", null);
        assertThat(tenant.statusCode()).isEqualTo(404);
        assertThat(tenant.body()).contains("unknown_tenant", "no tenants file");
    }

    @Test
    void probesAndScrapersMayUseAnyHostHeader() throws Exception {
        start(ServerConfig.builder().metricsPublic(true));
        for (String path : new String[] {"/healthz", "/readyz", "/metrics"}) {
            String raw = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 10.1.2.3:8080\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(raw).as(path).startsWith("HTTP/1.1 200");
        }
        // while MCP keeps its DNS-rebinding protection
        assertThat(RawHttp.exchange(server.port(), "GET /mcp HTTP/1.1\r\nHost: 10.1.2.3:8080\r\n"
                + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 421");
    }

    @Test
    void metricsNeedTheTokenUnlessMadePublic() throws Exception {
        start(ServerConfig.builder().httpToken(TOKEN));
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", TOKEN).statusCode()).isEqualTo(200);
        server.stop();
        start(ServerConfig.builder().httpToken(TOKEN).metricsPublic(true));
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountToolCallsUpstreamAndSessions() throws Exception {
        start(ServerConfig.builder());
        upstream.request();
        upstream.request();
        upstream.rateLimitedResponse();
        upstream.retry();
        circuit.set("OPEN");
        McpSyncClient client = HttpServerTest.client("streamable", server.baseUrl(), null);
        String text;
        try {
            client.callTool(new CallToolRequest("echo", Map.of("text", "a")));
            client.callTool(new CallToolRequest("echo", Map.of("text", "b")));
            client.callTool(new CallToolRequest("fail", Map.of()));
            client.callTool(new CallToolRequest("boom", Map.of()));
            text = get("/metrics", null).body();
        } finally {
            client.closeGracefully();
        }
        assertThat(text)
                .contains("coupa_mcp_tool_calls_seconds_count{outcome=\"ok\",tenant=\"default\",tool=\"echo\"} 2")
                .contains("coupa_mcp_tool_calls_seconds_count{outcome=\"error\",tenant=\"default\",tool=\"fail\"} 1")
                .contains("coupa_mcp_tool_calls_seconds_count{outcome=\"exception\",tenant=\"default\",tool=\"boom\"} 1")
                .contains("coupa_mcp_tool_calls_seconds_bucket{outcome=\"ok\",tenant=\"default\",tool=\"echo\",le=\"0.005\"}")
                .contains("coupa_mcp_upstream_requests_total{tenant=\"default\"} 2.0")
                .contains("coupa_mcp_upstream_rate_limited_total{tenant=\"default\"} 1.0")
                .contains("coupa_mcp_upstream_retries_total{tenant=\"default\"} 1.0")
                .contains("coupa_mcp_upstream_token_fetches_total{tenant=\"default\"} 3.0")
                .contains("coupa_mcp_upstream_rate_limit_requests{tenant=\"default\"} 25.0")
                .contains("coupa_mcp_upstream_circuit_state{state=\"open\",tenant=\"default\"} 1.0")
                .contains("coupa_mcp_upstream_circuit_state{state=\"closed\",tenant=\"default\"} 0.0")
                .contains("coupa_mcp_sessions_active{tenant=\"default\"} 1.0")
                .contains("jetty_threads_busy")
                .contains("jetty_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsCountToolCallsInStatelessModeWithNoSessions() throws Exception {
        start(ServerConfig.builder().stateless(true));
        McpSyncClient client = HttpServerTest.client("streamable", server.baseUrl(), null);
        String text;
        try {
            client.callTool(new CallToolRequest("echo", Map.of("text", "a")));
            client.callTool(new CallToolRequest("fail", Map.of()));
            text = get("/metrics", null).body();
        } finally {
            client.closeGracefully();
        }
        assertThat(text)
                .contains("coupa_mcp_tool_calls_seconds_count{outcome=\"ok\",tenant=\"default\",tool=\"echo\"} 1")
                .contains("coupa_mcp_tool_calls_seconds_count{outcome=\"error\",tenant=\"default\",tool=\"fail\"} 1")
                .contains("coupa_mcp_sessions_active{tenant=\"default\"} 0.0")
                .contains("jetty_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\"}");
        assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
    }
}
