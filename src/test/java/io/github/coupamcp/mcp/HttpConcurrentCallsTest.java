package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/**
 * Long tool calls over HTTP are bounded by the server's HTTP threads, not by the SDK's shared worker pool (10 threads
 * per core for the whole process): with that pool, a few tenants' long scans held every worker and queued every other
 * call of every tenant.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpConcurrentCallsTest {
    /** More calls than Reactor's bounded-elastic pool has threads on this machine. */
    private static final int CALLS = 10 * Runtime.getRuntime().availableProcessors() + 5;

    /** One tool that waits until released, counting the calls running at once. */
    private static final class WaitingCatalog implements ToolCatalog {
        final AtomicInteger running = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<ToolDefinition> tools() {
            return List.of(new ToolDefinition("wait", "Wait", "Waits until released", "test",
                    (ObjectNode) Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{}}"), null,
                    new ToolDefinition.Hints(true, false, true, false)));
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            running.incrementAndGet();
            try {
                release.await(40, TimeUnit.SECONDS);
                return ToolOutcome.success(Json.object().put("done", true), "done");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolOutcome.error("interrupted");
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public ToolOutcome customFields() {
            return ToolOutcome.error("none");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void moreLongCallsRunAtOnceThanTheSdksWorkerPoolHasThreads(boolean stateless) throws Exception {
        WaitingCatalog catalog = new WaitingCatalog();
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).stateless(stateless).build(),
                new McpServerFactory(catalog, "test"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String session = null;
            if (!stateless) {
                session = post(http, server, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                        + "\"version\":\"1\"}}}").join().headers().firstValue("Mcp-Session-Id").orElseThrow();
                post(http, server, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").join();
            }
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                calls.add(post(http, server, session, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"wait\",\"arguments\":{}}}"));
            }
            Await.until(CALLS + " calls running at once", Duration.ofSeconds(30),
                    () -> catalog.running.get() == CALLS);
            catalog.release.countDown();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).body()).contains("\"done\":true");
            }
        } finally {
            catalog.release.countDown();
            server.stop();
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(HttpClient http, HttpServer server, String session,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + HttpServer.MCP_PATH))
                .timeout(Duration.ofSeconds(50))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
