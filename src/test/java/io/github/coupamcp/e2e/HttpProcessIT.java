package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private static final String INIT = StdioProcessIT.INITIALIZE;
    private static final HttpClient http = HttpClient.newHttpClient();
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

    private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        return post(path, INIT, headers);
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
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
    void foreignOriginIs403() throws Exception {
        HttpResponse<String> response = post("/mcp", Map.of("Accept", "application/json, text/event-stream",
                "Origin", "https://attacker.example"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertClean(response.body());
    }

    @Test
    void foreignHostIs421() throws Exception {
        int port = URI.create(base).getPort();
        String raw;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + INIT.length()
                    + "\r\nConnection: close\r\n\r\n" + INIT).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).startsWith("HTTP/1.1 421");
        assertClean(raw);
    }

    @Test
    void sdkErrorsCarryNoStackTraces() throws Exception {
        HttpResponse<String> badAccept = post("/mcp", Map.of("Accept", "text/html"));
        assertThat(badAccept.statusCode()).isEqualTo(400);
        assertClean(badAccept.body());
        HttpResponse<String> unknownSession = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                Map.of("Accept", "application/json, text/event-stream", "Mcp-Session-Id", "no-such-session"));
        assertThat(unknownSession.statusCode()).isEqualTo(404);
        assertClean(unknownSession.body());
        HttpResponse<String> sseNoSession = post("/mcp/message", Map.of());
        assertThat(sseNoSession.statusCode()).isBetween(400, 499);
        assertClean(sseNoSession.body());
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
    void configuredTokenIsRequiredOnEveryMcpRequest() throws Exception {
        String token = "it-token-0123456789abcdef0123456789";
        try (ServerProcess secured = ServerProcess.start(Map.of("COUPA_MCP_HTTP_TOKEN", token), "http", "--port", "0",
                "--sandbox")) {
            String url = secured.awaitHttpBaseUrl(Duration.ofSeconds(40));
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url + "/mcp"))
                    .POST(HttpRequest.BodyPublishers.ofString(INIT)).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

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

    static void assertClean(String body) {
        assertThat(body).doesNotContain("stackTrace", "\tat ", "Exception", "jetty", "Jetty");
    }

}
