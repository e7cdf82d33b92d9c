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
import java.net.URI;
import java.net.http.HttpClient;
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
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";

    private static HttpServer server;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();

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

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthz() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void foreignOriginIsForbidden() throws Exception {
        HttpResponse<String> response = post("/mcp", INIT, Map.of("Accept", "application/json, text/event-stream",
                "Origin", "http://evil.example.com"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertNoStackTrace(response.body());
    }

    @Test
    void localOriginIsAllowed() throws Exception {
        HttpResponse<String> response = post("/mcp", INIT, Map.of("Accept", "application/json, text/event-stream",
                "Origin", "http://localhost:6274"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void foreignHostIsMisdirected() throws Exception {
        // java.net.http forbids setting Host, so speak HTTP/1.1 by hand.
        String raw = RawHttp.exchange(server.port(), "POST /mcp HTTP/1.1\r\nHost: evil.example.com\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + INIT.length() + "\r\nConnection: close\r\n\r\n" + INIT);
        assertThat(raw).startsWith("HTTP/1.1 421");
        assertNoStackTrace(raw);
    }

    @Test
    void sdkErrorBodiesCarryNoStackTrace() throws Exception {
        HttpResponse<String> wrongAccept = post("/mcp", INIT, Map.of("Accept", "text/plain"));
        assertThat(wrongAccept.statusCode()).isEqualTo(400);
        assertThat(wrongAccept.body()).contains("\"jsonrpc\":\"2.0\"").contains("\"message\"");
        assertNoStackTrace(wrongAccept.body());

        HttpResponse<String> unknownSession = post("/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                Map.of("Accept", "application/json, text/event-stream", "Mcp-Session-Id", "nope"));
        assertThat(unknownSession.statusCode()).isEqualTo(404);
        assertNoStackTrace(unknownSession.body());

        HttpResponse<String> sseWithoutSession = post("/mcp/message", "{}", Map.of());
        assertThat(sseWithoutSession.statusCode()).isGreaterThanOrEqualTo(400);
        assertNoStackTrace(sseWithoutSession.body());
    }

    @Test
    void unknownPathIsA404WithoutDetails() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertNoStackTrace(response.body());
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("stackTrace", "at org.", "at io.", "Exception", "jetty");
    }
}
