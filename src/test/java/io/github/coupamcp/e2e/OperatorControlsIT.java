package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.testing.Await;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built jar over stdio with operator controls from the environment: dynamic toolsets followed by the SDK client
 * through list_changed, an excluded tool and read-only mode, against the sandbox.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperatorControlsIT {
    private static List<String> names(List<Tool> tools) {
        return tools.stream().map(Tool::name).toList();
    }

    @Test
    void anAgentEnablesAToolsetAndUsesItsTools() throws Exception {
        Map<String, String> env = new HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_MCP_DYNAMIC_TOOLSETS", "true");
        env.put("COUPA_MCP_EXCLUDE_TOOLS", "summarize_invoices");
        env.put("COUPA_MCP_READ_ONLY", "true");
        List<String> command = ServerProcess.command(List.of(), List.of("stdio"));
        List<List<Tool>> changes = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(ServerParameters.builder(command.get(0))
                        .args(command.subList(1, command.size())).env(env).build(), McpServerFactory.jsonMapper()))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
                .toolsChangeConsumer(changes::add).build();
        try {
            client.initialize();
            assertThat(names(client.listTools().tools())).contains("list_invoices", "list_toolsets", "enable_toolset")
                    .doesNotContain("summarize_invoices", "list_contracts");
            CallToolResult enabled = client.callTool(new CallToolRequest("enable_toolset",
                    Map.of("toolset", "contracts")));
            assertThat(enabled.isError()).isFalse();
            Await.until("the client followed list_changed", Duration.ofSeconds(30),
                    () -> changes.stream().anyMatch(list -> names(list).contains("list_contracts")));
            CallToolResult contracts = client.callTool(new CallToolRequest("list_contracts", Map.of("limit", 2)));
            assertThat(contracts.isError()).isFalse();
            assertThat(contracts.structuredContent().toString()).contains("items");
        } finally {
            client.closeGracefully();
        }
    }
}
