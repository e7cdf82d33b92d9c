package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token logic a non-loopback bind enforces, tested on loopback: the server applies it whenever a token is
 * configured, so binding a public address is not needed to exercise it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpBearerTokenTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static HttpServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServerConfig.builder().port(0).httpToken(TOKEN).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Accept", "text/event-stream");
        if (path.equals("/mcp/message")) { // the only method served there
            request.POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "/sse", "/mcp/message"})
    void everyMcpPathNeedsTheToken(String path) throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Basic " + TOKEN, "Bearer " + TOKEN + "x"}) {
            HttpResponse<String> response = get(path, authorization);
            assertThat(response.statusCode()).as(path + " with " + authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains(BearerTokenFilter.CHALLENGE);
            assertThat(response.body()).contains("Authorization: Bearer").doesNotContain(TOKEN);
        }
    }

    @Test
    void healthzStaysOpen() throws Exception {
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void traceOnHealthzDoesNotEchoTheToken() throws Exception {
        String raw = RawHttp.exchange(server.port(), "TRACE /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 405").doesNotContain(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp", "/metrics"})
    void twoAuthorizationHeadersAreRefusedWhicheverComesFirst(String path) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        for (String[] pair : new String[][] {{TOKEN, "wrong"}, {"wrong", TOKEN}, {TOKEN, TOKEN}}) {
            String raw = RawHttp.exchange(server.port(), (path.equals("/mcp") ? "POST " : "GET ") + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + pair[0] + "\r\n"
                    + "Authorization: Bearer " + pair[1] + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + (path.equals("/mcp") ? body : ""));
            assertThat(raw).as(path + " " + pair[0] + ", " + pair[1]).startsWith("HTTP/1.1 400")
                    .contains("Authorization must be sent once").doesNotContain(TOKEN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamable", "sse"})
    void clientsWithTheTokenAreServed(String transport) {
        McpSyncClient client = HttpServerTest.client(transport, server.baseUrl(), TOKEN);
        try {
            assertThat(client.listTools().tools()).hasSize(3);
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void comparisonIgnoresSchemeCaseButNotTokenCase() {
        BearerTokenFilter filter = new BearerTokenFilter(TOKEN);
        assertThat(filter.authorised("bearer " + TOKEN)).isTrue();
        assertThat(filter.authorised("Bearer " + TOKEN.toUpperCase())).isFalse();
        assertThat(filter.authorised("Bearer ")).isFalse();
        assertThat(filter.authorised("")).isFalse();
    }
}
