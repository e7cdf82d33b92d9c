package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpShutdownTest {
    private final CountDownLatch release = new CountDownLatch(1);

    private final ToolCatalog slowCatalog = new ToolCatalog() {
        @Override
        public List<ToolDefinition> tools() {
            return List.of(new ToolDefinition("slow", "Slow", "Waits for the test", "test",
                    (ObjectNode) Json.MAPPER.readTree("{\"type\":\"object\"}"), null,
                    new ToolDefinition.Hints(true, false, true, false)));
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolOutcome.success(null, "done");
        }
    };

    @Test
    void stopRefusesNewConnectionsButLetsRunningCallsFinish() throws Exception {
        McpServerFactory factory = new McpServerFactory(slowCatalog, "test");
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).build(), factory);
        String base = server.baseUrl();
        McpSyncClient client = HttpServerTest.client("streamable", base, null);

        CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(
                () -> client.callTool(new CallToolRequest("slow", Map.of())));
        while (factory.inFlight().running() == 0) {
            Thread.sleep(10); // waiting for another thread to reach the handler; no latch to hook into the SDK
        }
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(200); // let stop() close the acceptor
        assertThatThrownBy(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThat(stopping).isNotDone();

        release.countDown();
        CallToolResult result = call.get(10, TimeUnit.SECONDS);
        assertThat(result.isError()).isFalse();
        stopping.get(10, TimeUnit.SECONDS);
        client.close();
    }
}
