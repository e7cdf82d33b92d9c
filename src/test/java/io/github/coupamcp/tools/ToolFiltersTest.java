package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --tools and --exclude-tools on top of --toolsets, and --read-only winning over all of them. */
class ToolFiltersTest {
    private static List<String> names(ToolRegistry registry) {
        return registry.definitions().stream().map(ToolDefinition::name).toList();
    }

    private static ToolRegistry load(ToolSettings.Builder settings) {
        return ToolRegistry.load(settings.build());
    }

    @Test
    void toolsAlonePublishOnlyThoseToolsAndAskOnlyForTheirScopes() {
        ToolRegistry registry = load(ToolSettings.builder().tools(Set.of("list_contracts", "get_invoice")));
        assertThat(names(registry)).containsExactlyInAnyOrder("list_contracts", "get_invoice");
        assertThat(registry.requiredScopes()).containsExactlyInAnyOrder("core.contract.read", "core.invoice.read");
    }

    @Test
    void toolsAddToTheNamedToolsets() {
        ToolRegistry registry = load(ToolSettings.builder().enabledToolsets(Set.of("suppliers"))
                .tools(Set.of("list_contracts")));
        List<String> suppliers = names(load(ToolSettings.builder().enabledToolsets(Set.of("suppliers"))));
        assertThat(suppliers).contains("list_suppliers", "get_supplier").doesNotContain("list_contracts");
        assertThat(names(registry)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(suppliers.stream(), java.util.stream.Stream.of("list_contracts")).toList());
    }

    @Test
    void excludedToolsAreNeverPublishedNorCallable() {
        ToolRegistry registry = load(ToolSettings.builder().excludedTools(Set.of("summarize_invoices", "list_contracts"))
                .tools(Set.of("list_contracts")).enabledToolsets(Set.of("core")));
        assertThat(names(registry)).contains("list_invoices").doesNotContain("summarize_invoices", "list_contracts");
        ToolOutcome call = registry.catalog(new FakeCoupaClient()).call("summarize_invoices", Json.object());
        assertThat(call.isError()).isTrue();
        assertThat(call.text()).startsWith("Tool 'summarize_invoices' is not published by this server: the server's "
                + "operator excluded it");
    }

    @Test
    void anUnknownToolIsAStartUpErrorNamingTheClosestTools() {
        assertThatThrownBy(() -> load(ToolSettings.builder().tools(Set.of("list_invoice"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown tool 'list_invoice' in the tools to publish (did you mean "
                        + "list_invoices");
        assertThatThrownBy(() -> load(ToolSettings.builder().excludedTools(Set.of("summarise_invoices"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown tool 'summarise_invoices' in the tools to exclude (did you mean "
                        + "summarize_invoices");
        assertThatThrownBy(() -> load(ToolSettings.builder().enabledToolsets(Set.of("supplier"))))
                .hasMessageStartingWith("unknown toolset 'supplier' (did you mean suppliers?)");
    }

    @Test
    void closestNamesPreferTheNearestAndStayQuietForNonsense() {
        List<String> known = List.of("list_invoices", "get_invoice", "list_suppliers", "summarize_invoices");
        assertThat(ClosestNames.to("list_invoice", known)).first().isEqualTo("list_invoices");
        assertThat(ClosestNames.to("LIST_SUPPLIERS", known)).containsExactly("list_suppliers");
        assertThat(ClosestNames.to("zzzzzz", known)).isEmpty();
        assertThat(ClosestNames.hint("zzzzzz", known)).isEmpty();
    }

    /** A folder with one read tool and one write tool (readOnlyHint false), of a test kind. */
    static ToolRegistry withWriteTool(Path dir, ToolSettings settings) throws IOException {
        Files.createDirectories(dir.resolve("invoices"));
        String tool = """
                {
                  "name": "NAME", "title": "T", "description": "D.",
                  "annotations": {"readOnlyHint": RO, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true},
                  "inputSchema": {"type": "object", "properties": {}, "additionalProperties": false},
                  "outputSchema": {"type": "object", "properties": {}},
                  "x-coupa": {"kind": "count", "resource": "invoices", "scope": "SCOPE", "entity": "invoice",
                              "entities": "invoices", "countBy": "status"}
                }
                """;
        Files.writeString(dir.resolve("invoices/count_invoices.json"), tool.replace("NAME", "count_invoices")
                .replace("RO", "true").replace("SCOPE", "core.invoice.read"));
        Files.writeString(dir.resolve("invoices/post_invoice.json"), tool.replace("NAME", "post_invoice")
                .replace("RO", "false").replace("SCOPE", "core.invoice.write"));
        return ToolRegistry.load(settings, new DirectorySchemaSource(dir),
                ToolKinds.BUILT_IN.with(new NewKindTest.CountKind(false)));
    }

    @Test
    void readOnlyWinsOverAWriteToolNamedInTools(@TempDir Path dir) throws IOException {
        ToolRegistry writable = withWriteTool(dir, ToolSettings.builder().tools(Set.of("post_invoice")).build());
        assertThat(names(writable)).containsExactly("post_invoice");
        ToolRegistry readOnly = withWriteTool(dir, ToolSettings.builder().readOnly(true)
                .tools(Set.of("post_invoice", "count_invoices")).dynamicToolsets(true).build());
        assertThat(names(readOnly)).containsExactly("count_invoices");
        assertThat(readOnly.requiredScopes()).containsExactly("core.invoice.read");
        assertThat(readOnly.access().catalogue()).extracting(ToolDefinition::name).doesNotContain("post_invoice");
        ToolOutcome call = readOnly.catalog(new FakeCoupaClient()).call("post_invoice", Json.object());
        assertThat(call.isError()).isTrue();
        assertThat(readOnly.access().visible("post_invoice", ToolSession.SINGLE)).isFalse();
    }

    /** A call naming a tool this server knows but does not publish says which setting would publish it. */
    @Test
    void aKnownButUnpublishedToolSaysWhatWouldPublishIt() {
        assertThat(callText(ToolSettings.builder(), "find_duplicate_invoices"))
                .startsWith("Tool 'find_duplicate_invoices' is not published by this server: it belongs to the toolset "
                        + "'invoice_checks'").contains("--toolsets core,invoice_checks");
        assertThat(callText(ToolSettings.builder(), "create_invoice")).contains("writes are off", "--enable-writes");
        assertThat(callText(ToolSettings.builder().writesEnabled(true).readOnly(true), "create_invoice"))
                .contains("this server is read-only");
        assertThat(callText(ToolSettings.builder().excludedTools(Set.of("get_invoice")), "get_invoice"))
                .contains("excluded it");
        assertThat(callText(ToolSettings.builder(), "no_such_tool")).startsWith("Unknown tool 'no_such_tool'.");
    }

    private static String callText(ToolSettings.Builder settings, String tool) {
        ToolOutcome out = load(settings).catalog(new FakeCoupaClient()).call(tool, Json.object());
        assertThat(out.isError()).isTrue();
        return out.text();
    }
}
