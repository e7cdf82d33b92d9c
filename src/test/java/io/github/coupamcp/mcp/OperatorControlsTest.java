package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.testing.Await;
import io.github.coupamcp.tools.FakeCoupaClient;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operator controls as an MCP client meets them over HTTP: dynamic toolsets followed through list_changed by the SDK
 * client, per session; tools hidden when Coupa's token lacks their scope; request headers that narrow, never widen.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorControlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ToolRegistry registry(ToolSettings.Builder settings) {
        return ToolRegistry.load(settings.build());
    }

    private static HttpServer start(ToolRegistry registry) throws Exception {
        return HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(registry.catalog(new FakeCoupaClient()), registry.access(), "test"));
    }

    private static McpSyncClient client(McpClientTransport transport, List<List<Tool>> changes) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT)
                .toolsChangeConsumer(changes::add).build();
        client.initialize();
        return client;
    }

    private static McpClientTransport streamable(HttpServer server, Map<String, String> headers) {
        return HttpClientStreamableHttpTransport.builder(server.baseUrl()).endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> headers.forEach(builder::header))
                .build();
    }

    private static List<String> names(List<Tool> tools) {
        return tools.stream().map(Tool::name).toList();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    @Test
    void aSessionEnablesAToolsetAndTheSdkClientFollowsListChanged() throws Exception {
        HttpServer server = start(registry(ToolSettings.builder().dynamicToolsets(true)));
        List<List<Tool>> changes = new CopyOnWriteArrayList<>();
        List<List<Tool>> otherChanges = new CopyOnWriteArrayList<>();
        try (McpSyncClient agent = client(streamable(server, Map.of()), changes);
                McpSyncClient other = client(streamable(server, Map.of()), otherChanges)) {
            assertThat(names(agent.listTools().tools())).contains("list_invoices", "list_toolsets", "enable_toolset")
                    .doesNotContain("list_contracts");
            CallToolResult early = call(agent, "list_contracts", Map.of());
            assertThat(early.isError()).isTrue();
            assertThat(text(early)).contains("not enabled for this session").contains("enable_toolset");
            assertThat(text(call(agent, "list_toolsets", Map.of()))).contains("contracts (not enabled)");

            CallToolResult enabled = call(agent, "enable_toolset", Map.of("toolset", "contracts"));
            assertThat(enabled.isError()).as(text(enabled)).isFalse();
            Await.until("the client re-listed its tools after list_changed", WAIT,
                    () -> changes.stream().anyMatch(list -> names(list).contains("list_contracts")));
            assertThat(call(agent, "list_contracts", Map.of()).isError()).isFalse();
            assertThat(text(call(agent, "list_toolsets", Map.of()))).contains("contracts (enabled)");

            // another session keeps its own toolsets (it may hear the broadcast list_changed and re-list: same list)
            assertThat(names(other.listTools().tools())).doesNotContain("list_contracts");
            assertThat(call(other, "list_contracts", Map.of()).isError()).isTrue();
            assertThat(otherChanges).allSatisfy(list -> assertThat(names(list)).doesNotContain("list_contracts"));
        } finally {
            server.stop();
        }
    }

    @Test
    void sessionsOverSseKeepTheirOwnToolsetsToo() throws Exception {
        HttpServer server = start(registry(ToolSettings.builder().dynamicToolsets(true)));
        List<List<Tool>> changes = new CopyOnWriteArrayList<>();
        try (McpSyncClient agent = client(HttpClientSseClientTransport.builder(server.baseUrl()).sseEndpoint("/sse")
                        .build(), changes);
                McpSyncClient other = client(HttpClientSseClientTransport.builder(server.baseUrl())
                        .sseEndpoint("/sse").build(), new CopyOnWriteArrayList<>())) {
            assertThat(call(agent, "enable_toolset", Map.of("toolset", "users")).isError()).isFalse();
            Await.until("the SSE client re-listed its tools", WAIT,
                    () -> changes.stream().anyMatch(list -> names(list).contains("list_users")));
            assertThat(names(other.listTools().tools())).doesNotContain("list_users");
        } finally {
            server.stop();
        }
    }

    @Test
    void toolsWhoseScopeTheTokenLacksDisappearWithListChanged() throws Exception {
        ToolRegistry registry = registry(ToolSettings.builder());
        HttpServer server = start(registry);
        List<List<Tool>> changes = new CopyOnWriteArrayList<>();
        try (McpSyncClient agent = client(streamable(server, Map.of()), changes)) {
            assertThat(names(agent.listTools().tools())).contains("list_purchase_orders");
            registry.access().grant(Set.of("core.invoice.read", "core.supplier.read")); // as a token answer says
            Await.until("the client heard that the purchase order tools are gone", WAIT,
                    () -> changes.stream().anyMatch(list -> !names(list).contains("list_purchase_orders")));
            assertThat(names(agent.listTools().tools())).contains("list_invoices", "list_suppliers")
                    .doesNotContain("list_purchase_orders", "get_purchase_order", "summarize_purchase_orders");
            CallToolResult refused = call(agent, "get_purchase_order", Map.of("id", 1));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("needs the OAuth scope core.purchase_order.read");
        } finally {
            server.stop();
        }
    }

    @Test
    void headersNarrowWhatARequestSeesAndMayCall() throws Exception {
        HttpServer server = start(registry(ToolSettings.builder().dynamicToolsets(true)));
        try (McpSyncClient narrowed = client(streamable(server, Map.of(ToolHeadersFilter.TOOLSETS, "invoices,contracts",
                ToolHeadersFilter.EXCLUDE_TOOLS, "summarize_invoices", ToolHeadersFilter.READ_ONLY, "true")),
                new CopyOnWriteArrayList<>())) {
            assertThat(names(narrowed.listTools().tools())).contains("list_invoices", "get_invoice", "enable_toolset")
                    .doesNotContain("summarize_invoices", "list_suppliers", "list_purchase_orders", "list_contracts");
            CallToolResult supplier = call(narrowed, "list_suppliers", Map.of());
            assertThat(supplier.isError()).isTrue();
            assertThat(text(supplier)).startsWith("Tool 'list_suppliers' is not available to this request");
            // enabling stays inside the headers: contracts may be enabled, users may not
            assertThat(text(call(narrowed, "list_toolsets", Map.of()))).contains("contracts (not enabled)")
                    .doesNotContain("users");
            CallToolResult users = call(narrowed, "enable_toolset", Map.of("toolset", "users"));
            assertThat(users.isError()).isTrue();
            assertThat(text(users)).contains("Toolsets you can enable: contracts");
            // a record read goes through its get tool, so the headers apply to resources too
            assertThatThrownBy(() -> narrowed.readResource(new ReadResourceRequest("coupa://suppliers/1")))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("Tool 'get_supplier' is not available to this request");
            assertThat(call(narrowed, "enable_toolset", Map.of("toolset", "contracts")).isError()).isFalse();
            assertThat(names(narrowed.listTools().tools())).contains("list_contracts").doesNotContain("list_users");
        } finally {
            server.stop();
        }
    }

    @Test
    void aHeaderNamingAnythingTheServerDoesNotPublishIsRefused() throws Exception {
        HttpServer server = start(registry(ToolSettings.builder().enabledToolsets(Set.of("invoices", "suppliers"))));
        try {
            HttpResponse<String> toolset = initialize(server, ToolHeadersFilter.TOOLSETS, "contracts");
            assertThat(toolset.statusCode()).isEqualTo(400);
            assertThat(toolset.body()).contains("\"id\":1").contains("Invalid tool headers: X-Coupa-MCP-Toolsets: "
                    + "the toolset 'contracts' is not published by this server");
            HttpResponse<String> tool = initialize(server, ToolHeadersFilter.TOOLS, "list_contracts,list_invoices");
            assertThat(tool.statusCode()).isEqualTo(400);
            assertThat(tool.body()).contains("the tool 'list_contracts' is not published by this server");
            HttpResponse<String> typo = initialize(server, ToolHeadersFilter.TOOLS, "list_invoice");
            assertThat(typo.body()).contains("there is no tool 'list_invoice' (did you mean list_invoices");
            HttpResponse<String> readOnly = initialize(server, ToolHeadersFilter.READ_ONLY, "maybe");
            assertThat(readOnly.body()).contains("X-Coupa-MCP-Read-Only must be true or false, got 'maybe'");
            HttpResponse<String> junk = initialize(server, ToolHeadersFilter.TOOLS, "a b");
            assertThat(junk.body()).contains("'a b' is not a name");
            assertThat(initialize(server, ToolHeadersFilter.TOOLS, "list_invoices").statusCode()).isEqualTo(200);
            // a second line of a narrowing header (a gateway appending its own) must not widen the first: refused
            HttpResponse<String> twice = initialize(server, ToolHeadersFilter.TOOLS, "get_invoice", "list_suppliers");
            assertThat(twice.statusCode()).isEqualTo(400);
            assertThat(twice.body()).contains("X-Coupa-MCP-Tools is sent more than once");
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<String> initialize(HttpServer server, String header, String... values)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        for (String value : values) {
            builder.header(header, value);
        }
        HttpRequest request = builder
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"0\"}}}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
