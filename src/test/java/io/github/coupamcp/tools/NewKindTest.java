package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.tools.schema.BindingBlock;
import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new handler family is one {@link ToolKind} class: its own validated block and handler, with the shared argument
 * validation, error mapping and response budget. This one counts the first page of records per value of a field.
 */
class NewKindTest {
    @TempDir
    Path dir;

    private static final String TOOL = """
            {
              "name": "count_invoices",
              "title": "Count invoices by status",
              "description": "Counts invoices per status.",
              "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true},
              "inputSchema": {"type": "object", "properties": {}, "additionalProperties": false},
              "outputSchema": {"type": "object", "properties": {}},
              "x-coupa": {
                "kind": "KIND", "resource": "invoices", "scope": "core.invoice.read", "entity": "invoice",
                "entities": "invoices", "countBy": "status"
              }
            }
            """;

    /** The block of the count kind: only what counting means. */
    record CountBlock(String resource, String scope, String entity, String entities, String countBy)
            implements KindBlock {
        @Override
        public String listTool() {
            return "list_" + entities;
        }
    }

    static final class CountKind implements ToolKind {
        private final boolean oversized;

        CountKind(boolean oversized) {
            this.oversized = oversized;
        }

        @Override
        public String name() {
            return "count";
        }

        @Override
        public CountBlock parse(BindingBlock x, ObjectNode inputSchema) {
            return new CountBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                    x.requiredText("entities"), x.requiredText("countBy"));
        }

        @Override
        public ToolHandler handler(ToolSpec spec, ToolContext context) {
            CountBlock block = (CountBlock) spec.block();
            return arguments -> {
                if (oversized) {
                    ObjectNode structured = Json.object();
                    structured.put("blob", "x".repeat(20_000));
                    return ToolOutcome.success(structured, "a result far over the budget");
                }
                TreeMap<String, Integer> counts = new TreeMap<>();
                CoupaQuery query = CoupaQuery.builder().fields(Fields.of("id", block.countBy())).build();
                context.client().list(block.resource(), query)
                        .forEach(r -> counts.merge(r.get(block.countBy()).asString(), 1, Integer::sum));
                ObjectNode structured = Json.object();
                counts.forEach(structured::put);
                return ToolOutcome.success(structured, counts.toString());
            };
        }
    }

    private ToolRegistry load(String tool, boolean oversized) throws IOException {
        Files.createDirectories(dir.resolve("invoices"));
        Files.writeString(dir.resolve("invoices/count_invoices.json"), tool);
        return ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir),
                ToolKinds.BUILT_IN.with(new CountKind(oversized)));
    }

    @Test
    void aNewKindRunsWithTheSharedValidationAndErrorMapping() throws IOException {
        FakeCoupaClient coupa = new FakeCoupaClient();
        coupa.add("invoices", Records.invoice(1, "A", "approved", 1, "S", "1.00", "USD", "2025-01-01"));
        coupa.add("invoices", Records.invoice(2, "B", "approved", 1, "S", "1.00", "USD", "2025-01-01"));
        coupa.add("invoices", Records.invoice(3, "C", "voided", 1, "S", "1.00", "USD", "2025-01-01"));
        ToolRegistry registry = load(TOOL.replace("KIND", "count"), false);
        ToolCatalog catalog = registry.catalog(coupa);

        ToolOutcome out = catalog.call("count_invoices", Json.object());
        assertThat(out.structured().toString()).isEqualTo("{\"approved\":2,\"voided\":1}");
        assertThat(registry.requiredScopes()).containsExactly("core.invoice.read");

        ToolOutcome bad = catalog.call("count_invoices", (ObjectNode) Json.MAPPER.readTree("{\"x\": 1}"));
        assertThat(bad.text()).startsWith("Invalid arguments for count_invoices: unknown argument 'x'");
    }

    @Test
    void itsBlockIsValidatedLikeAnyOther() {
        assertThatThrownBy(() -> load(TOOL.replace("KIND", "count").replace(", \"countBy\": \"status\"", ""), false))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessage("tools-schema/invoices/count_invoices.json: x-coupa.countBy is required for kind count");
        assertThatThrownBy(() -> load(TOOL.replace("KIND", "count").replace("\"countBy\"", "\"fields\": [\"id\"], "
                + "\"countBy\""), false))
                .hasMessageContaining("unknown x-coupa key 'fields' for kind count; allowed: [countBy, entities, "
                        + "entity, examples, kind, resource, scope]");
    }

    /** Kinds exist only where a handler does: without registering it, the file names a kind nobody knows. */
    @Test
    void anUnregisteredKindFailsListingTheKnownOnes() throws IOException {
        Files.createDirectories(dir.resolve("invoices"));
        Files.writeString(dir.resolve("invoices/count_invoices.json"), TOOL.replace("KIND", "count"));
        assertThatThrownBy(() -> ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessage("tools-schema/invoices/count_invoices.json: x-coupa.kind 'count' is not a known kind; "
                        + "known kinds: aggregate, get, list, query");
    }

    @Test
    void aKindNameIsRegisteredOnce() {
        assertThatThrownBy(() -> ToolKinds.BUILT_IN.with(new CountKind(false)).with(new CountKind(true)))
                .hasMessage("kind 'count' registered twice");
    }

    /** The catalog's final cap: a handler that overflows the budget (a bug) yields an actionable error instead. */
    @Test
    void aResultOverTheBudgetBecomesAnErrorWithinIt() throws IOException {
        ToolCatalog catalog = load(TOOL.replace("KIND", "count"), true).catalog(new FakeCoupaClient());

        ToolOutcome out = catalog.call("count_invoices", Json.object());

        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("The result of count_invoices does not fit the response budget (8000");
        assertThat(ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
    }
}
