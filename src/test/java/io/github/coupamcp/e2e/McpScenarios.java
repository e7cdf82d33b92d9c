package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.PageBound;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end scenarios, run once per transport by the *IT subclasses: the packaged server (its own JVM, real
 * configuration from COUPA_* variables) against a sandbox started in this JVM, driven by the MCP Java SDK client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class McpScenarios {
    /** What the packaged server must publish: every tool of tools-schema/. */
    static final List<String> TOOLS = ToolRegistry.load(ToolSettings.defaults()).definitions().stream()
            .map(ToolDefinition::name).toList();

    private final ItSandbox sandbox = ItSandbox.shared();
    private ServerProcess httpServer;
    McpSyncClient client;

    abstract Transport transport();

    @BeforeAll
    void connect() throws Exception {
        String base = null;
        if (transport() != Transport.STDIO) {
            httpServer = transport() == Transport.STATELESS
                    ? ServerProcess.start(sandbox.serverEnv(), "http", "--port", "0", "--stateless")
                    : ServerProcess.start(sandbox.serverEnv(), "http", "--port", "0");
            base = httpServer.awaitHttpBaseUrl(Duration.ofSeconds(40));
        }
        client = transport().connect(sandbox.serverEnv(), base);
    }

    @AfterAll
    void disconnect() throws Exception {
        sandbox.clearFaults();
        if (client != null) {
            client.closeGracefully();
        }
        if (httpServer != null) {
            httpServer.close();
            // Kept in the failsafe report, for diagnosis.
            System.out.println("---- server stderr (" + transport() + ") ----\n" + httpServer.stderr());
        }
    }

    CallToolResult call(String tool, String jsonArguments) {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = Json.MAPPER.readValue(jsonArguments, Map.class);
        return client.callTool(new CallToolRequest(tool, args));
    }

    static JsonNode structured(CallToolResult result) {
        assertThat(result.isError()).as("isError; text: %s", text(result)).isFalse();
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    static String text(CallToolResult result) {
        return result.content().isEmpty() ? "" : ((TextContent) result.content().get(0)).text();
    }

    static void assertActionableError(CallToolResult result, String... expected) {
        assertThat(result.isError()).as("isError; text: %s", text(result)).isTrue();
        assertThat(text(result)).isNotBlank().doesNotContain("\tat ", "Exception", "stackTrace", "Internal error");
        for (String word : expected) {
            assertThat(text(result).toLowerCase()).contains(word.toLowerCase());
        }
    }

    /** After an error, the same session must still answer. */
    void assertStillServing() {
        client.ping();
        assertThat(structured(call("list_suppliers", "{\"limit\":1}")).path("items").size()).isEqualTo(1);
    }

    @Test
    @Order(1)
    void handshake() {
        var init = client.getCurrentInitializationResult();
        assertThat(init.serverInfo().name()).isEqualTo("coupa-mcp");
        assertThat(init.serverInfo().version()).isNotBlank();
        assertThat(init.instructions()).contains("next_cursor");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.protocolVersion()).isEqualTo(transport() == Transport.SSE ? "2024-11-05" : "2025-11-25");
    }

    @Test
    @Order(2)
    void listsEveryToolWithSchemasAndHints() {
        List<Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
        for (Tool tool : tools) {
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isNotNull();
        }
    }

    @Test
    @Order(3)
    void invoices() {
        CallToolResult list = call("list_invoices", "{\"limit\":5}");
        JsonNode page = structured(list);
        assertThat(page.path("items").size()).isBetween(1, 5);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        for (String field : List.of("invoice_number", "status", "total", "currency")) {
            assertThat(first.path(field).isString()).as(field).isTrue();
        }
        assertThat(first.path("supplier").path("id").isIntegralNumber()).isTrue();
        assertThat(first.path("supplier").path("name").isString()).isTrue();
        assertThat(text(list)).isNotBlank().contains("totals of this page only", "; due ");
        assertThat(page.at("/summary/amount_due").isObject()).as("amount still due per currency").isTrue();

        JsonNode invoice = structured(call("get_invoice", "{\"id\":" + first.path("id").asLong() + "}"));
        assertThat(invoice.toString()).contains(first.path("invoice_number").asString());
        JsonNode byNumber = structured(call("get_invoice", "{\"invoice_number\":\""
                + first.path("invoice_number").asString() + "\",\"supplier_id\":"
                + first.path("supplier").path("id").asLong() + "}"));
        assertThat(byNumber.toString()).contains("\"id\":" + first.path("id").asLong());
    }

    @Test
    @Order(4)
    void suppliers() {
        listThenGetByIdAndNaturalKey("list_suppliers", "get_supplier", "name");
    }

    @Test
    @Order(5)
    void purchaseOrders() {
        listThenGetByIdAndNaturalKey("list_purchase_orders", "get_purchase_order", "po_number");
    }

    /** Lists a few records, then gets the first one back by its id and by its natural key (same name in and out). */
    private void listThenGetByIdAndNaturalKey(String listTool, String getTool, String key) {
        JsonNode first = structured(call(listTool, "{\"limit\":3}")).path("items").get(0);
        assertThat(first.path(key).isString()).as(key).isTrue();
        JsonNode byId = structured(call(getTool, "{\"id\":" + first.path("id").asLong() + "}"));
        assertThat(byId.toString()).contains(first.path(key).asString());
        JsonNode byKey = structured(call(getTool, "{\"" + key + "\":" + first.path(key) + "}"));
        assertThat(byKey.toString()).contains("\"id\":" + first.path("id").asLong());
    }

    /** Pages through list_invoices to the end; between pages, records behind and ahead of the cursor change. */
    private List<Long> pageThrough(String filters, Set<Long> changed) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        // a page cut by the response budget may hold a single record
        PageBound pages = PageBound.forRecords("list_invoices", sandbox.invoiceIds().size(), 1);
        do {
            pages.count();
            String args = "{\"limit\":50" + filters + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
            JsonNode page = structured(call("list_invoices", args));
            page.path("items").forEach(item -> seen.add(item.path("id").asLong()));
            cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
            changed.addAll(sandbox.changeSomeInvoiceStatuses(seen.isEmpty() ? 0 : seen.get(seen.size() - 1)));
        } while (cursor != null);
        assertThat(pages.pages()).as("pages").isGreaterThan(1);
        assertThat(changed.size()).as("statuses changed while paging").isGreaterThan(pages.pages());
        return seen;
    }

    @Test
    @Order(10)
    void paginationThroughCursorsWhileStatusesChangeHasNoSkipsOrDuplicates() {
        Set<Long> expected = sandbox.invoiceIds();
        List<Long> seen = pageThrough("", new HashSet<>());

        assertThat(new HashSet<>(seen)).as("no duplicates").hasSize(seen.size());
        assertThat(seen).as("keyset order").isSorted();
        assertThat(new HashSet<>(seen)).as("no skips").isEqualTo(expected);
    }

    @Test
    @Order(11)
    void filteredPaginationWhileStatusesChangeKeepsEveryUntouchedMatch() {
        Set<String> statuses = Set.of("approved", "disputed", "draft", "pending_approval", "voided");
        Set<Long> matchingAtStart = sandbox.invoiceIdsWithStatus(statuses);
        Set<Long> changed = new HashSet<>();
        List<Long> seen = pageThrough(",\"status\":[\"" + String.join("\",\"", statuses) + "\"]", changed);

        assertThat(new HashSet<>(seen)).as("no duplicates").hasSize(seen.size());
        assertThat(seen).as("keyset order").isSorted();
        Set<Long> untouched = new HashSet<>(matchingAtStart);
        untouched.removeAll(changed);
        assertThat(seen).as("every match nobody touched is listed").containsAll(untouched);
        Set<Long> neverMatched = new HashSet<>(sandbox.invoiceIds());
        neverMatched.removeAll(matchingAtStart);
        neverMatched.removeAll(changed);
        assertThat(seen).as("nothing outside the filter").doesNotContainAnyElementsOf(neverMatched);
    }

    @Test
    @Order(20)
    void invalidArgumentsAreToolErrors() {
        assertActionableError(call("list_invoices", "{\"limit\":500}"));
        assertActionableError(call("list_invoices", "{\"status\":[\"no_such_status\"]}"));
        assertActionableError(call("get_invoice", "{\"id\":\"abc\"}"));
        assertStillServing();
    }

    /** The server's own validation answers, not the SDK's: a single value is a list, a flood a short message. */
    @Test
    @Order(20)
    void listArgumentsTakeOneValueAndRepetitionsGetAShortAnswer() {
        JsonNode one = structured(call("list_invoices", "{\"status\":\"approved\",\"limit\":3}"));
        one.path("items").forEach(item -> assertThat(item.path("status").asString()).isEqualTo("approved"));
        CallToolResult flood = call("list_purchase_orders",
                "{\"status\":[" + String.join(",", java.util.Collections.nCopies(1000, "\"approved\"")) + "]}");
        assertActionableError(flood, "status[0] 'approved' is not one of");
        assertThat(text(flood)).hasSizeLessThan(1000);
        assertStillServing();
    }

    @Test
    @Order(21)
    void unknownIdIsAToolError() {
        assertActionableError(call("get_invoice", "{\"id\":987654321}"), "987654321");
        assertActionableError(call("get_supplier", "{\"id\":987654321}"), "987654321");
        assertStillServing();
    }

    @Test
    @Order(22)
    void tamperedCursorIsAToolError() {
        String cursor = structured(call("list_invoices", "{\"limit\":2}")).path("next_cursor").asString();
        char last = cursor.charAt(cursor.length() / 2);
        String tampered = cursor.substring(0, cursor.length() / 2) + (last == 'A' ? 'B' : 'A')
                + cursor.substring(cursor.length() / 2 + 1);
        assertActionableError(call("list_invoices", "{\"limit\":2,\"cursor\":\"" + tampered + "\"}"), "cursor");
        assertActionableError(call("list_suppliers", "{\"limit\":2,\"cursor\":\"" + cursor + "\"}"), "cursor");
        assertStillServing();
    }

    @Test
    @Order(30)
    void coupaServerErrorsAreToolErrors() {
        sandbox.failInvoices(503);
        try {
            assertActionableError(call("list_invoices", "{\"limit\":2}"));
        } finally {
            sandbox.clearFaults();
        }
        assertStillServing();
    }

    @Test
    @Order(31)
    void coupaRateLimitIsAToolError() {
        sandbox.failInvoices(429);
        try {
            assertActionableError(call("list_invoices", "{\"limit\":2}"));
        } finally {
            sandbox.clearFaults();
        }
        assertStillServing();
    }

    @Test
    @Order(32)
    void unknownToolDoesNotBreakTheSession() {
        try {
            CallToolResult result = call("no_such_tool", "{}");
            assertThat(result.isError()).isTrue();
        } catch (RuntimeException protocolError) {
            assertThat(protocolError.getMessage()).containsIgnoringCase("unknown tool");
        }
        assertStillServing();
    }

    @Test
    @Order(40)
    void resourceTemplatesComeFromTheGetTools() {
        assertThat(client.getCurrentInitializationResult().capabilities().resources()).isNotNull();
        List<ResourceTemplate> templates = client.listResourceTemplates().resourceTemplates();
        List<String> fromGetTools = ToolRegistry.load(ToolSettings.defaults()).specs().stream()
                .filter(s -> s.kind().name().equals("get"))
                .map(s -> "coupa://" + s.binding().resource() + "/{id}").toList();
        assertThat(templates).extracting(ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrderElementsOf(fromGetTools)
                .contains("coupa://invoices/{id}", "coupa://suppliers/{id}", "coupa://purchase_orders/{id}");
        for (ResourceTemplate t : templates) {
            assertThat(t.mimeType()).isEqualTo("application/json");
            assertThat(t.description()).as(t.uriTemplate()).contains("get_").contains("list_");
        }
        assertThat(client.listResources().resources()).extracting(Resource::uri).contains("coupa://custom_fields");
    }

    @Test
    @Order(41)
    void readsEachRecordTemplateWithARealId() {
        Map<String, String> listTools = Map.of("invoices", "list_invoices", "suppliers", "list_suppliers",
                "purchase_orders", "list_purchase_orders");
        listTools.forEach((resource, listTool) -> {
            long id = structured(call(listTool, "{\"limit\":1}")).path("items").get(0).path("id").asLong();
            String uri = "coupa://" + resource + "/" + id;
            ReadResourceResult read = client.readResource(new ReadResourceRequest(uri));
            TextResourceContents json = (TextResourceContents) read.contents().get(0);
            assertThat(json.uri()).isEqualTo(uri);
            assertThat(json.mimeType()).isEqualTo("application/json");
            JsonNode record = Json.MAPPER.readTree(json.text());
            assertThat(record.path("id").asLong()).as(uri).isEqualTo(id);
            assertThat(record.size()).as(uri).isGreaterThan(2);
        });
    }

    @Test
    @Order(42)
    void badResourceIdsAreProtocolErrorsWithActionableMessages() {
        assertResourceError("coupa://invoices/abc", -32602, "positive whole number", "list_invoices");
        assertResourceError("coupa://suppliers/0", -32602, "positive whole number", "list_suppliers");
        assertResourceError("coupa://purchase_orders/99999999999999999999", -32602, "positive whole number");
        assertResourceError("coupa://invoices/987654321", -32002, "no invoice with id 987654321", "list_invoices");
        assertResourceError("coupa://nothing/1", -32002, "");
        assertStillServing();
    }

    private void assertResourceError(String uri, int code, String... words) {
        try {
            client.readResource(new ReadResourceRequest(uri));
            throw new AssertionError("expected an error for " + uri);
        } catch (McpError e) {
            assertThat(e.getJsonRpcError().code()).as(uri).isEqualTo(code);
            assertThat(e.getMessage()).as(uri).isNotBlank().doesNotContain("\tat ", "Exception");
            for (String word : words) {
                assertThat(e.getMessage().toLowerCase()).as(uri).contains(word.toLowerCase());
            }
        }
    }

    @Test
    @Order(43)
    void customFieldsResourceListsEachRecordTypesFields() {
        ReadResourceResult read = client.readResource(new ReadResourceRequest("coupa://custom_fields"));
        String text = ((TextResourceContents) read.contents().get(0)).text();
        assertThat(text.length()).isLessThan(8_000);
        JsonNode answer = Json.MAPPER.readTree(text);
        Map<String, List<String>> names = new java.util.HashMap<>();
        answer.path("types").forEach(t -> names.put(t.path("type").asString(),
                t.path("fields").valueStream().map(f -> f.path("name").asString()).toList()));
        assertThat(names).containsOnlyKeys("invoices", "suppliers", "purchase_orders");
        assertThat(names.get("invoices")).contains("cf_erp_invoice_number", "cf_integration_status");
        assertThat(names.get("purchase_orders")).contains("cf_budget_owner", "cf_project_code");
        assertThat(names.get("suppliers")).contains("cf_vendor_category", "cf_erp_vendor_id");
        assertThat(answer.path("types").get(0).path("records_sampled").asInt()).isPositive();
    }

    @Test
    @Order(44)
    void listsPromptsWithDescribedArguments() {
        assertThat(client.getCurrentInitializationResult().capabilities().prompts()).isNotNull();
        List<Prompt> prompts = client.listPrompts().prompts();
        assertThat(prompts).extracting(Prompt::name).contains("month_end_accrual_review", "invoice_exception_triage",
                "supplier_review", "approval_backlog_digest", "what_do_we_owe");
        for (Prompt p : prompts) {
            assertThat(p.description()).as(p.name()).isNotBlank();
            p.arguments().forEach(a -> assertThat(a.description()).as(p.name() + "." + a.name()).isNotBlank());
        }
        Prompt owe = prompts.stream().filter(p -> p.name().equals("what_do_we_owe")).findFirst().orElseThrow();
        assertThat(owe.arguments()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("supplier");
            assertThat(a.required()).isTrue();
        });
    }

    @Test
    @Order(45)
    void promptNamesOnlyPublishedToolsAndNeedsItsRequiredArguments() {
        GetPromptResult owe = client.getPrompt(new GetPromptRequest("what_do_we_owe", Map.of("supplier", "Acme")));
        String text = ((TextContent) owe.messages().get(0).content()).text();
        assertThat(owe.messages().get(0).role()).isEqualTo(Role.USER);
        assertThat(text).contains("\"Acme\"", "supplier_id").doesNotContain("{{", "[[");
        // list_invoices when no aggregation tool is published, the aggregation tools otherwise
        assertThat(text).containsAnyOf("list_invoices", "summarize_invoices", "invoice_aging");
        for (String absent : List.of("summarize_invoices", "invoice_aging", "supplier_profile")) {
            if (!TOOLS.contains(absent)) {
                assertThat(text).doesNotContain(absent);
            }
        }
        try {
            client.getPrompt(new GetPromptRequest("what_do_we_owe", Map.of()));
            throw new AssertionError("a missing required argument must be an error");
        } catch (McpError e) {
            assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
            assertThat(e.getMessage()).contains("supplier", "required");
        }
        assertStillServing();
    }
}
