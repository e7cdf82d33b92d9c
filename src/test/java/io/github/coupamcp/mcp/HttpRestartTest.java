package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions live in the process: after a restart a client naming its old session is told at once (404, JSON-RPC
 * error "Session not found") and initializes a new one, on Streamable HTTP and on the SSE message endpoint; nothing
 * hangs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Test
    void aSessionFromBeforeARestartIsToldToInitializeAgain() throws Exception {
        HttpServer first = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        int port = first.port();
        String session;
        try {
            HttpResponse<String> opened = post(first.baseUrl(), null, INITIALIZE);
            assertThat(opened.statusCode()).isEqualTo(200);
            session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(first.baseUrl(), session, LIST).statusCode()).isEqualTo(200);
        } finally {
            first.stop();
        }

        HttpServer second = HttpServer.start(ServerConfig.builder().port(port).build(),
                new McpServerFactory(new FakeCatalog(), "test"));
        try {
            HttpResponse<String> stale = post(second.baseUrl(), session, LIST);
            assertThat(stale.statusCode()).isEqualTo(404);
            assertThat(stale.body()).contains("Session not found")
                    .doesNotContain("Exception").doesNotContain("stackTrace");
            HttpResponse<String> staleSse = send(HttpRequest.newBuilder(URI.create(second.baseUrl()
                    + "/mcp/message?sessionId=" + session)), LIST);
            assertThat(staleSse.statusCode()).isEqualTo(404);

            HttpResponse<String> reopened = post(second.baseUrl(), null, INITIALIZE);
            assertThat(reopened.statusCode()).isEqualTo(200);
            String fresh = reopened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(fresh).isNotEqualTo(session);
            assertThat(post(second.baseUrl(), fresh, LIST).statusCode()).isEqualTo(200);
        } finally {
            second.stop();
        }
    }

    private HttpResponse<String> post(String baseUrl, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/mcp"));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return send(request, body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String body) throws Exception {
        return http.send(request.timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
