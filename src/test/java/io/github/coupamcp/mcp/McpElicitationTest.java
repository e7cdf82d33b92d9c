package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A high-impact write asks the person at the client by elicitation when the client can be asked: over real MCP
 * (Streamable HTTP, the SDK client) against the sandbox. A client that cannot be asked relies on the token alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpElicitationTest {
    private Sandbox sandbox;
    private HttpCoupaClient coupa;
    private HttpServer server;
    private final List<ElicitFormRequest> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().writesEnabled(true).build());
        coupa = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret()).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).build());
        server = HttpServer.start(ServerConfig.builder().port(0).build(),
                new McpServerFactory(registry.catalog(coupa), "test"));
    }

    @AfterEach
    void stop() {
        server.stop();
        coupa.close();
        sandbox.close();
    }

    private McpSyncClient client(Function<ElicitFormRequest, ElicitResult> human) {
        McpClient.SyncSpec spec = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(30));
        if (human != null) {
            spec.capabilities(ClientCapabilities.builder().elicitation().build()).elicitation(request -> {
                asked.add(request);
                return human.apply(request);
            });
        }
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    private static CallToolResult voidInvoice(McpSyncClient client) {
        CallToolResult preview = client.callTool(new CallToolRequest("void_invoice", Map.of("id", 2)));
        assertThat(preview.isError()).isFalse();
        String token = ((Map<?, ?>) preview.structuredContent()).get("confirmation_token").toString();
        return client.callTool(new CallToolRequest("void_invoice", Map.of("id", 2, "confirmation_token", token)));
    }

    private String status() {
        return sandbox.store().collection("invoices").render(2).path("status").asString();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void aDeclinedQuestionWritesNothingAndAnAllowedOneWrites() {
        McpSyncClient declining = client(request -> ElicitResult.builder(ElicitResult.Action.DECLINE).build());
        try {
            CallToolResult declined = voidInvoice(declining);
            assertThat(declined.isError()).isTrue();
            assertThat(text(declined)).contains("did not allow it");
            assertThat(status()).isEqualTo("approved");
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).message()).startsWith("An AI agent asks to void invoice").contains("RED-20002");
        } finally {
            declining.closeGracefully();
        }

        McpSyncClient unticked = client(request -> ElicitResult.builder(ElicitResult.Action.ACCEPT)
                .content(Map.of(HumanQuestion.FIELD, false)).build());
        try {
            assertThat(voidInvoice(unticked).isError()).isTrue();
            assertThat(status()).isEqualTo("approved");
        } finally {
            unticked.closeGracefully();
        }

        McpSyncClient allowing = client(request -> ElicitResult.builder(ElicitResult.Action.ACCEPT)
                .content(Map.of(HumanQuestion.FIELD, true)).build());
        try {
            CallToolResult done = voidInvoice(allowing);
            assertThat(done.isError()).as(text(done)).isFalse();
            assertThat(status()).isEqualTo("voided");
            assertThat(asked).hasSize(3);
        } finally {
            allowing.closeGracefully();
        }
    }

    @Test
    void aClientThatCannotBeAskedReliesOnTheTokenAlone() {
        McpSyncClient plain = client(null);
        try {
            CallToolResult done = voidInvoice(plain);
            assertThat(done.isError()).as(text(done)).isFalse();
            assertThat(status()).isEqualTo("voided");
            assertThat(asked).isEmpty();
        } finally {
            plain.closeGracefully();
        }
    }
}
