package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** A tool with real logic: one JSON file plus one handler class named in x-coupa.handler. */
class CustomHandlerTest {
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
                "resource": "invoices", "kind": "list", "scope": "core.invoice.read", "entity": "invoice",
                "entities": "invoices", "fields": ["id", "status"], "handler": "HANDLER"
              }
            }
            """;

    private ToolRegistry load(String handler) throws IOException {
        Files.createDirectories(dir.resolve("invoices"));
        Files.writeString(dir.resolve("invoices/count_invoices.json"), TOOL.replace("HANDLER", handler));
        return ToolRegistry.load(ToolSettings.defaults(), new DirectorySchemaSource(dir));
    }

    @Test
    void customHandlerRunsWithTheSharedValidationAndErrorMapping() throws IOException {
        FakeCoupaClient coupa = new FakeCoupaClient();
        coupa.add("invoices", Records.invoice(1, "A", "approved", 1, "S", "1.00", "USD", "2025-01-01"));
        coupa.add("invoices", Records.invoice(2, "B", "approved", 1, "S", "1.00", "USD", "2025-01-01"));
        coupa.add("invoices", Records.invoice(3, "C", "voided", 1, "S", "1.00", "USD", "2025-01-01"));
        ToolCatalog catalog = load(StatusCountHandler.class.getName()).catalog(coupa);

        ToolOutcome out = catalog.call("count_invoices", Json.object());
        assertThat(out.structured().toString()).isEqualTo("{\"approved\":2,\"voided\":1}");

        ToolOutcome bad = catalog.call("count_invoices", (ObjectNode) Json.MAPPER.readTree("{\"x\": 1}"));
        assertThat(bad.text()).startsWith("Invalid arguments for count_invoices: unknown argument 'x'");
    }

    /** The catalog's final cap: a handler that overflows the budget (a bug) yields an actionable error instead. */
    @Test
    void aResultOverTheBudgetBecomesAnErrorWithinIt() throws IOException {
        ToolCatalog catalog = load(OversizedHandler.class.getName()).catalog(new FakeCoupaClient());

        ToolOutcome out = catalog.call("count_invoices", Json.object());

        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("The result of count_invoices does not fit the response budget (8000");
        assertThat(ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
    }

    /** A handler that ignores the budget. */
    public static final class OversizedHandler implements ToolHandler {
        public OversizedHandler(ToolSpec spec, ToolContext context) {}

        @Override
        public ToolOutcome handle(ObjectNode arguments) {
            ObjectNode structured = Json.object();
            structured.put("blob", "x".repeat(20_000));
            return ToolOutcome.success(structured, "a result far over the budget");
        }
    }

    @Test
    void unknownHandlerClassFailsAtLoadNamingTheFile() {
        assertThatThrownBy(() -> load("io.github.coupamcp.tools.NoSuchHandler"))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessage("tools-schema/invoices/count_invoices.json: handler class "
                        + "io.github.coupamcp.tools.NoSuchHandler not found");
    }

    @Test
    void classThatIsNotAHandlerFails() {
        assertThatThrownBy(() -> load(String.class.getName()))
                .hasMessageContaining("count_invoices.json: handler java.lang.String does not implement ToolHandler");
    }
}
