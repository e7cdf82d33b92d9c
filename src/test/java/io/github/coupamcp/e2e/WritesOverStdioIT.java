package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Writes through the packaged server over stdio (its own sandbox, since writes change it): absent without
 * COUPA_MCP_ENABLE_WRITES; with it, a preview writes nothing, the confirmation writes once, and a replay returns the
 * first outcome. The client validates every structured result against the tool's outputSchema, and the audit lines
 * must not disturb the protocol on stdout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WritesOverStdioIT {
    private Sandbox sandbox;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(42).scale(Scale.SMALL)
                .tokenPropagationDelay(Duration.ofMillis(300)).build());
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private Map<String, String> env(boolean writes) {
        Map<String, String> env = new HashMap<>();
        env.put("COUPA_INSTANCE_URL", sandbox.baseUrl());
        env.put("COUPA_CLIENT_ID", sandbox.clientId());
        env.put("COUPA_CLIENT_SECRET", sandbox.clientSecret());
        env.put("COUPA_TOKEN_PROPAGATION_DELAY", "300ms");
        if (writes) {
            env.put("COUPA_MCP_ENABLE_WRITES", "true");
        }
        return env;
    }

    private static CallToolResult call(McpSyncClient client, String tool, String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = Json.MAPPER.readValue(json, Map.class);
        return client.callTool(new CallToolRequest(tool, args));
    }

    private static JsonNode structured(CallToolResult result) {
        assertThat(result.isError()).as(((TextContent) result.content().get(0)).text()).isFalse();
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private long invoicesNumbered(String number) {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        return invoices.ids().stream().filter(id -> number.equals(invoices.render(id).path("invoice-number")
                .asString())).count();
    }

    @Test
    void writeToolsAreAbsentWithoutTheSetting() {
        McpSyncClient client = Transport.STDIO.connect(env(false), null);
        try {
            assertThat(client.listTools().tools()).extracting(Tool::name).contains("list_invoices")
                    .doesNotContain("create_invoice", "void_invoice", "submit_invoice");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aConfirmedInvoiceIsCreatedOnceAndSubmitted() {
        McpSyncClient client = Transport.STDIO.connect(env(true), null);
        try {
            Tool create = client.listTools().tools().stream().filter(t -> t.name().equals("create_invoice"))
                    .findFirst().orElseThrow();
            assertThat(create.annotations().readOnlyHint()).isFalse();
            assertThat(create.annotations().destructiveHint()).isFalse();
            long supplier = structured(call(client, "list_suppliers", "{\"limit\": 1}")).at("/items/0/id").asLong();
            String args = "{\"invoice_number\": \"IT-W-1\", \"invoice_date\": \"2026-06-01\", \"supplier_id\": "
                    + supplier + ", \"currency\": \"USD\", \"lines\": [{\"description\": \"Work\", \"quantity\": 1, "
                    + "\"price\": 10}]}";

            JsonNode preview = structured(call(client, "create_invoice", args));
            assertThat(preview.get("state").asString()).isEqualTo("preview");
            assertThat(invoicesNumbered("IT-W-1")).isZero();

            String confirmed = args.replaceFirst("\\{", "{\"confirmation_token\": \""
                    + preview.get("confirmation_token").asString() + "\", ");
            JsonNode written = structured(call(client, "create_invoice", confirmed));
            assertThat(written.get("state").asString()).isEqualTo("written");
            JsonNode replay = structured(call(client, "create_invoice", confirmed));
            assertThat(replay).isEqualTo(written);
            assertThat(invoicesNumbered("IT-W-1")).isEqualTo(1);

            long id = written.at("/item/id").asLong();
            JsonNode submitPreview = structured(call(client, "submit_invoice", "{\"id\": " + id + "}"));
            JsonNode submitted = structured(call(client, "submit_invoice", "{\"id\": " + id
                    + ", \"confirmation_token\": \"" + submitPreview.get("confirmation_token").asString() + "\"}"));
            assertThat(submitted.at("/item/status").asString()).isEqualTo("pending_approval");
        } finally {
            client.closeGracefully();
        }
    }
}
