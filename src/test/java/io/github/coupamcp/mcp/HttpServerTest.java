package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerTest {
    private static final String INIT = HttpEdgeChecks.INIT;

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        base = server.baseUrl();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static McpSyncClient client(String transport, String baseUrl, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        McpClientTransport t = transport.equals("sse")
                ? HttpClientSseClientTransport.builder(baseUrl).sseEndpoint("/sse").requestBuilder(request).build()
                : HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").requestBuilder(request).build();
        // Generous: a busy CI machine must not turn a slow answer into a failure (hangs are caught by @Timeout).
        McpSyncClient client = McpClient.sync(t).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamable", "sse"})
    void servesToolsOnBothTransports(String transport) {
        McpSyncClient client = client(transport, base, null);
        try {
            assertThat(client.getCurrentInitializationResult().protocolVersion())
                    .isEqualTo(transport.equals("sse") ? "2024-11-05" : "2025-11-25");
            assertThat(client.getServerInfo().name()).isEqualTo("coupa-mcp");
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo", "fail", "boom");
            CallToolResult echo = client.callTool(new CallToolRequest("echo", Map.of("text", "hello")));
            assertThat(echo.isError()).isFalse();
            assertThat(echo.structuredContent()).isEqualTo(Map.of("echoed", "hello"));

            CallToolResult fail = client.callTool(new CallToolRequest("fail", Map.of()));
            assertThat(fail.isError()).isTrue();
            CallToolResult boom = client.callTool(new CallToolRequest("boom", Map.of()));
            assertThat(boom.isError()).isTrue();
            assertThat(((TextContent) boom.content().get(0)).text()).doesNotContain("secret");
            // still serving after errors
            assertThat(client.callTool(new CallToolRequest("echo", Map.of("text", "again"))).isError()).isFalse();
        } finally {
            client.closeGracefully();
        }
    }

    private HttpEdgeChecks edge() {
        return new HttpEdgeChecks(base);
    }

    @Test
    void healthz() throws Exception {
        edge().healthzIsOk();
    }

    @Test
    void foreignOriginIsForbidden() throws Exception {
        edge().foreignOriginIsForbidden();
    }

    @Test
    void localOriginIsAllowed() throws Exception {
        HttpResponse<String> response = edge().post("/mcp", INIT, Map.of("Accept",
                "application/json, text/event-stream", "Origin", "http://localhost:6274"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void foreignHostIsMisdirected() throws Exception {
        edge().foreignHostIsMisdirected();
    }

    @Test
    void protocolErrorsCarryNoStackTrace() throws Exception {
        HttpResponse<String> wrongAccept = edge().post("/mcp", INIT, Map.of("Accept", "text/plain"));
        assertThat(wrongAccept.body()).contains("\"jsonrpc\":\"2.0\"").contains("\"message\"");
        edge().protocolErrorsCarryNoStackTrace();
    }
}
