package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.mcp.HttpEdgeChecks;
import io.github.coupamcp.oauth.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP edge of the packaged server: health, DNS-rebinding checks, clean error bodies, bind safety. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpProcessIT {
    private static final String INIT = HttpEdgeChecks.INIT;
    private static ServerProcess server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of(), "http", "--port", "0", "--sandbox");
        base = server.awaitHttpBaseUrl(Duration.ofSeconds(40));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertThat(server.process().exitValue()).as("exit code after SIGTERM").isIn(0, 143);
    }

    @Test
    void healthz() throws Exception {
        new HttpEdgeChecks(base).healthzIsOk();
    }

    @Test
    void readyOnceCoupaIsAndMeteredAfterwards() throws Exception {
        HttpEdgeChecks edge = new HttpEdgeChecks(base);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> ready = edge.get("/readyz", Map.of());
        while (ready.statusCode() != 200 && System.nanoTime() < until) { // at most one check per 5 s
            Thread.sleep(200);
            ready = edge.get("/readyz", Map.of());
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        var client = Transport.STREAMABLE.connect(Map.of(), base);
        try {
            assertThat(client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                    "list_suppliers", Map.of("limit", 1))).isError()).isFalse();
        } finally {
            client.closeGracefully();
        }
        String metrics = edge.get("/metrics", Map.of()).body();
        assertThat(metrics).contains("coupa_mcp_tool_calls_seconds_count{outcome=\"ok\",tenant=\"default\",tool=\"list_suppliers\"} 1")
                .containsPattern("coupa_mcp_upstream_requests_total\\{tenant=\"default\"} [1-9]")
                .containsPattern("coupa_mcp_upstream_token_fetches_total\\{tenant=\"default\"} [1-9]")
                .contains("coupa_mcp_upstream_circuit_state{state=\"closed\",tenant=\"default\"} 1.0");
        assertThat(server.awaitStderr("\"type\":\"access\",", Duration.ofSeconds(5))).isTrue();
        assertThat(server.stderr()).containsPattern("\\{\"ts\":\"[^\"]+\",\"type\":\"access\",\"request_id\":\"[^\"]+\","
                + "\"method\":\"POST\",\"path\":\"/mcp\",\"status\":200");
    }

    @Test
    void foreignOriginIs403() throws Exception {
        new HttpEdgeChecks(base).foreignOriginIsForbidden();
    }

    @Test
    void foreignHostIs421() throws Exception {
        new HttpEdgeChecks(base).foreignHostIsMisdirected();
    }

    @Test
    void protocolErrorsCarryNoStackTraces() throws Exception {
        new HttpEdgeChecks(base).protocolErrorsCarryNoStackTrace();
    }

    @Test
    void nonLoopbackBindWithoutTokenRefusesToStart() throws Exception {
        try (ServerProcess refused = ServerProcess.start(Map.of(), "http", "--host", "0.0.0.0", "--port", "0",
                "--sandbox")) {
            assertThat(refused.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(refused.stderr()).contains("COUPA_MCP_HTTP_TOKEN").doesNotContain("serving MCP");
        }
    }

    @Test
    void statelessFromTheEnvironmentWarnsWithoutACursorKeyAndRefusesDynamicToolsets() throws Exception {
        try (ServerProcess stateless = ServerProcess.start(Map.of("COUPA_MCP_HTTP_STATELESS", "true"), "http",
                "--port", "0", "--sandbox")) {
            String url = stateless.awaitHttpBaseUrl(Duration.ofSeconds(40));
            assertThat(stateless.stderr()).contains("(stateless: no sessions, no SSE)",
                    "Stateless HTTP without COUPA_MCP_CURSOR_KEY", "no notifications/cancelled");
            HttpEdgeChecks edge = new HttpEdgeChecks(url);
            HttpResponse<String> call = edge.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"list_suppliers\",\"arguments\":{\"limit\":1}}}",
                    Map.of("Accept", "application/json, text/event-stream"));
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(call.headers().firstValue("Mcp-Session-Id")).isEmpty();
            assertThat(call.body()).contains("\"items\"");
        }
        try (ServerProcess refused = ServerProcess.start(Map.of("COUPA_MCP_HTTP_STATELESS", "true"), "http",
                "--port", "0", "--dynamic-toolsets", "--sandbox")) {
            assertThat(refused.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(refused.stderr()).contains("COUPA_MCP_DYNAMIC_TOOLSETS").doesNotContain("serving MCP");
        }
    }

    @Test
    void configuredTokenIsRequiredOnEveryMcpRequest() throws Exception {
        String token = "it-token-0123456789abcdef0123456789";
        try (ServerProcess secured = ServerProcess.start(Map.of("COUPA_MCP_HTTP_TOKEN", token), "http", "--port", "0",
                "--sandbox")) {
            String url = secured.awaitHttpBaseUrl(Duration.ofSeconds(40));
            HttpEdgeChecks edge = new HttpEdgeChecks(url);
            HttpResponse<String> anonymous = edge.post("/mcp", INIT,
                    Map.of("Accept", "application/json, text/event-stream"));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
            edge.healthzIsOk();

            var client = io.modelcontextprotocol.client.McpClient.sync(
                    io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(url)
                            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                            .build()).requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                assertThat(client.listTools().tools()).isNotEmpty();
            } finally {
                client.closeGracefully();
            }
            assertThat(secured.stderr()).doesNotContain(token);
        }
    }

    @Test
    void oauthAccessTokensFromTheConfiguredIssuerAreRequired() throws Exception {
        try (TestIssuer issuer = new TestIssuer();
                ServerProcess secured = ServerProcess.start(Map.of("COUPA_MCP_AUTH_ISSUER", issuer.issuer(),
                        "COUPA_MCP_AUTH_AUDIENCE", TestIssuer.AUDIENCE, "COUPA_MCP_AUTH_SCOPES", "mcp"),
                        "http", "--port", "0", "--sandbox")) {
            String url = secured.awaitHttpBaseUrl(Duration.ofSeconds(40));
            HttpEdgeChecks edge = new HttpEdgeChecks(url);
            HttpResponse<String> anonymous = edge.post("/mcp", INIT,
                    Map.of("Accept", "application/json, text/event-stream"));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains(
                    "Bearer resource_metadata=\"http://127.0.0.1/.well-known/oauth-protected-resource/mcp\"");
            assertThat(edge.get("/.well-known/oauth-protected-resource/mcp", Map.of()).body())
                    .contains(issuer.issuer());
            String token = issuer.token("mcp");
            var client = io.modelcontextprotocol.client.McpClient.sync(
                    io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(url)
                            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                            .build()).requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                assertThat(client.listTools().tools()).isNotEmpty();
            } finally {
                client.closeGracefully();
            }
            assertThat(secured.stderr()).doesNotContain(token).contains("\"principal\":\"agent-7\"");
        }
    }

    @Test
    void rejectedCredentialsAreLoggedOnceAndEveryCallSaysWhyWhileTheServerKeepsServing() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_CLIENT_SECRET", "wrong-secret-value-42");
        try (ServerProcess refused = ServerProcess.start(env, "http", "--port", "0")) {
            String url = refused.awaitHttpBaseUrl(Duration.ofSeconds(40));
            assertThat(refused.awaitStderr("coupa-mcp: Coupa rejected", Duration.ofSeconds(30)))
                    .as(refused.stderr()).isTrue();
            var client = Transport.STREAMABLE.connect(Map.of(), url);
            try {
                assertThat(client.listTools().tools()).isNotEmpty();
                for (int i = 0; i < 2; i++) {
                    var result = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                            "list_suppliers", Map.of("limit", 1)));
                    assertThat(result.isError()).isTrue();
                    assertThat(((io.modelcontextprotocol.spec.McpSchema.TextContent) result.content().get(0)).text())
                            .contains("COUPA_CLIENT_ID", "restart");
                }
            } finally {
                client.closeGracefully();
            }
            HttpResponse<String> ready = new HttpEdgeChecks(url).get("/readyz", Map.of());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("not_ready", "COUPA_CLIENT_SECRET").doesNotContain("wrong-secret-value-42");
            assertThat(refused.process().isAlive()).isTrue();
            assertThat(refused.stderr().lines().filter(line -> line.startsWith("coupa-mcp: Coupa"))).hasSize(1);
            assertThat(refused.stderr()).doesNotContain("\tat ").doesNotContain("wrong-secret-value-42");
        }
    }
}
