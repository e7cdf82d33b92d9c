package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolProgress;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

/** A tool's progress reaches the client as notifications/progress when the call carried a progress token. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class McpProgressTest {
    /** One tool reporting three steps of progress, and whether it was given a real progress sink. */
    static final class SteppingCatalog implements ToolCatalog {
        final AtomicReference<ToolProgress> lastProgress = new AtomicReference<>();

        @Override
        public List<ToolDefinition> tools() {
            return List.of(new ToolDefinition("steps", "Steps", "Reports three steps", "test",
                    (ObjectNode) Json.MAPPER.readTree("{\"type\":\"object\",\"properties\":{}}"), null,
                    new ToolDefinition.Hints(true, false, true, false)));
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            return call(name, arguments, ToolProgress.NONE);
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
            lastProgress.set(progress);
            for (int i = 1; i <= 3; i++) {
                progress.report(i, 3, "step " + i);
            }
            return ToolOutcome.success(null, "done");
        }
    }

    private static final SteppingCatalog CATALOG = new SteppingCatalog();
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.start(ServerConfig.builder().port(0).build(), new McpServerFactory(CATALOG, "test"));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void progressIsNotifiedOnlyWhenTheCallCarriesAToken() throws Exception {
        List<ProgressNotification> received = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(20)).progressConsumer(received::add).build();
        try {
            client.initialize();
            CallToolResult plain = client.callTool(new CallToolRequest("steps", Map.of()));
            assertThat(plain.isError()).isFalse();
            assertThat(CATALOG.lastProgress.get()).isSameAs(ToolProgress.NONE);

            CallToolResult tracked = client.callTool(CallToolRequest.builder().name("steps").arguments(Map.of())
                    .progressToken("scan-1").build());
            assertThat(tracked.isError()).isFalse();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // The server sends them in order (the sync exchange blocks on each), but the SDK client hands each
            // notification to the consumer on its own worker, so their arrival order here is not guaranteed.
            assertThat(received).extracting(ProgressNotification::progressToken).containsOnly("scan-1");
            assertThat(received).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
            assertThat(received).extracting(ProgressNotification::total).containsOnly(3.0);
            assertThat(received).extracting(ProgressNotification::message).containsExactlyInAnyOrder("step 1",
                    "step 2", "step 3");
        } finally {
            client.closeGracefully();
        }
    }
}
