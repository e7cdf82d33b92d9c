package io.github.coupamcp.mcp;

import static io.github.coupamcp.mcp.HttpStatelessTest.json;
import static io.github.coupamcp.mcp.HttpStatelessTest.post;
import static io.github.coupamcp.mcp.HttpStatelessTest.toolsCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.testing.PageBound;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Replicas behind a load balancer without sticky sessions: independent stateless servers (each its own process
 * state, Coupa connection and catalogue) against one Coupa. With the same cursor key, any of them continues another's
 * cursor and accepts another's confirmation token; with another key they refuse both in words.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStatelessReplicasTest {
    private static final String KEY = "replicas-cursor-key-0123456789abcdef";
    private static Sandbox sandbox;
    private static final List<AutoCloseable> closing = new ArrayList<>();
    private static HttpServer a;
    private static HttpServer b;
    private static HttpServer otherKey;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        a = replica(KEY);
        b = replica(KEY);
        otherKey = replica("another-cursor-key-0123456789abcdef");
    }

    private static HttpServer replica(String key) throws Exception {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().enabledToolsets(java.util.Set.of("all")).writesEnabled(true)
                .cursorKey(key).build());
        HttpCoupaClient coupa = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret()).scopes(registry.requiredScopes())
                .tokenPropagationDelay(Duration.ZERO).build());
        closing.add(coupa);
        HttpServer server = HttpServer.start(ServerConfig.builder().port(0).stateless(true).cursorKey(key).build(),
                new McpServerFactory(registry.catalog(coupa), "test"));
        closing.add(server);
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        sandbox.close();
    }

    private static JsonNode call(HttpServer server, String tool, String arguments) throws Exception {
        JsonNode answer = json(post(server.baseUrl(), toolsCall(1, tool, arguments)));
        assertThat(answer.has("result")).as("answer %s", answer).isTrue();
        return answer.path("result");
    }

    @Test
    void pagesAlternatingBetweenReplicasLoseAndRepeatNothing() throws Exception {
        TreeSet<Long> expected = new TreeSet<>(sandbox.store().collection("suppliers").ids());
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        PageBound pages = PageBound.forRecords("list_suppliers", expected.size(), 1);
        int turn = 0;
        do {
            pages.count();
            HttpServer replica = turn++ % 2 == 0 ? a : b;
            JsonNode result = call(replica, "list_suppliers", "{\"limit\":7" + (cursor == null ? ""
                    : ",\"cursor\":\"" + cursor + "\"") + "}");
            assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
            result.at("/structuredContent/items").forEach(item -> seen.add(item.path("id").asLong()));
            JsonNode next = result.at("/structuredContent/next_cursor");
            cursor = next.isString() ? next.asString() : null;
        } while (cursor != null);

        assertThat(pages.pages()).as("pages, so that both replicas answered").isGreaterThan(2);
        assertThat(new HashSet<>(seen)).as("nothing repeated").hasSize(seen.size());
        assertThat(new TreeSet<>(seen)).as("nothing lost").isEqualTo(expected);
    }

    @Test
    void aReplicaWithAnotherKeyRefusesTheCursorInWords() throws Exception {
        String cursor = call(a, "list_suppliers", "{\"limit\":2}").at("/structuredContent/next_cursor").asString();
        JsonNode refused = call(otherKey, "list_suppliers", "{\"limit\":2,\"cursor\":\"" + cursor + "\"}");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.at("/content/0/text").asString()).containsIgnoringCase("cursor")
                .doesNotContain("Exception");
    }

    @Test
    void aConfirmationFromOneReplicaIsAcceptedByAnotherAndNobodyIsAsked() throws Exception {
        List<ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(a.baseUrl())
                        .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(30))
                .capabilities(ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request);
                    return ElicitResult.builder(ElicitResult.Action.DECLINE).build();
                })
                .build();
        try {
            client.initialize();
            CallToolResult preview = client.callTool(new CallToolRequest("void_invoice", Map.of("id", 3)));
            assertThat(preview.isError()).isFalse();
            String token = ((Map<?, ?>) preview.structuredContent()).get("confirmation_token").toString();

            JsonNode refused = call(otherKey, "void_invoice", "{\"id\":3,\"confirmation_token\":\"" + token + "\"}");
            assertThat(refused.path("isError").asBoolean()).isTrue();
            assertThat(refused.at("/content/0/text").asString()).contains("not valid", "Nothing was written");
            assertThat(status(3)).isNotEqualTo("voided");

            // void_invoice asks the human where the client can be asked: without a session it cannot, and the
            // confirmation token alone is the gate, as for any client without elicitation
            JsonNode done = call(b, "void_invoice", "{\"id\":3,\"confirmation_token\":\"" + token + "\"}");
            assertThat(done.path("isError").asBoolean()).as(done.toString()).isFalse();
            assertThat(status(3)).isEqualTo("voided");
            assertThat(asked).isEmpty();
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aProcessLocalConfirmationIsRefusedByAnotherReplicaInWords() throws Exception {
        String requisition = "{\"requested_by\":\"skowalski\",\"title\":\"Chairs\",\"currency\":\"USD\",\"lines\":"
                + "[{\"description\":\"Chair\",\"quantity\":2,\"unit_price\":120}]}";
        int before = sandbox.store().collection("requisitions").ids().size();
        JsonNode preview = call(a, "create_requisition", requisition);
        String token = preview.at("/structuredContent/confirmation_token").asString();
        assertThat(token).isNotBlank();
        String confirm = requisition.substring(0, requisition.length() - 1) + ",\"confirmation_token\":\"" + token
                + "\"}";
        JsonNode refused = call(b, "create_requisition", confirm);
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.at("/content/0/text").asString()).contains("another replica", "Nothing was written");
        assertThat(sandbox.store().collection("requisitions").ids()).hasSize(before);

        JsonNode done = call(a, "create_requisition", confirm);
        assertThat(done.path("isError").asBoolean()).as(done.toString()).isFalse();
        assertThat(sandbox.store().collection("requisitions").ids()).hasSize(before + 1);
    }

    @Test
    void aResourceIsReadWithoutInitialize() throws Exception {
        long id = sandbox.store().collection("suppliers").ids().first();
        JsonNode answer = json(post(b.baseUrl(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\","
                + "\"params\":{\"uri\":\"coupa://suppliers/" + id + "\"}}"));
        JsonNode record = Json.MAPPER.readTree(
                answer.at("/result/contents/0/text").asString());
        assertThat(record.path("id").asLong()).as(answer.toString()).isEqualTo(id);
        JsonNode missing = json(post(b.baseUrl(), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\","
                + "\"params\":{\"uri\":\"coupa://suppliers/987654321\"}}"));
        assertThat(missing.at("/error/code").asInt()).isEqualTo(-32002);
    }

    private static String status(long invoice) {
        return sandbox.store().collection("invoices").render(invoice).path("status").asString();
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
