package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Sessions are bounded in number and dropped when idle (issue 7, item 5). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLimitsTest {
    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpServer start(ServerConfig.Builder config) throws Exception {
        return HttpServer.start(config.port(0).build(), new McpServerFactory(new FakeCatalog(), "test"));
    }

    @Test
    void newSessionsBeyondTheLimitAreRefusedClearly() throws Exception {
        try (HttpServer server = start(ServerConfig.builder().maxSessions(3))) {
            String first = HttpHardeningTest.initialize(server.baseUrl());
            HttpHardeningTest.initialize(server.baseUrl());
            HttpHardeningTest.initialize(server.baseUrl());

            HttpResponse<String> refused = HttpHardeningTest.post(server.baseUrl(), "/mcp", HttpEdgeChecks.INIT, null);
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
            assertThat(error.path("message").asString()).contains("Too many open sessions (limit 3)")
                    .contains(ServerConfig.ENV_MAX_SESSIONS);
            assertThat(Json.MAPPER.readTree(refused.body()).path("id").asInt()).as("answers the refused request")
                    .isEqualTo(1);
            HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sse.statusCode()).isEqualTo(503);

            // existing sessions are still served, and closing one makes room
            HttpResponse<String> call = HttpHardeningTest.post(server.baseUrl(), "/mcp", "{\"jsonrpc\":\"2.0\","
                    + "\"id\":2,\"method\":\"tools/list\"}", first);
            assertThat(HttpHardeningTest.message(call).path("result").path("tools")).hasSize(3);
            http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp")).DELETE()
                    .header("Mcp-Session-Id", first).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(HttpHardeningTest.initialize(server.baseUrl())).isNotBlank();
        }
    }

    @Test
    void idleSessionsExpire() throws Exception {
        try (HttpServer server = start(ServerConfig.builder().sessionIdleTimeout(Duration.ofSeconds(1)))) {
            String session = HttpHardeningTest.initialize(server.baseUrl());
            assertThat(server.openSessions()).isEqualTo(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.openSessions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.openSessions()).isZero();
            HttpResponse<String> late = HttpHardeningTest.post(server.baseUrl(), "/mcp", "{\"jsonrpc\":\"2.0\","
                    + "\"id\":2,\"method\":\"tools/list\"}", session);
            assertThat(late.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void activeSessionsAreKept() throws Exception {
        try (HttpServer server = start(ServerConfig.builder().sessionIdleTimeout(Duration.ofSeconds(1)))) {
            String session = HttpHardeningTest.initialize(server.baseUrl());
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3500);
            while (System.nanoTime() < end) {
                HttpResponse<String> call = HttpHardeningTest.post(server.baseUrl(), "/mcp", "{\"jsonrpc\":\"2.0\","
                        + "\"id\":2,\"method\":\"ping\"}", session);
                assertThat(call.statusCode()).isEqualTo(200);
                Thread.sleep(200);
            }
        }
    }
}
