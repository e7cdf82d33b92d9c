package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structured results validate against the published outputSchema with the SDK's own validator — the check MCP
 * clients run — for compact, full, widened and trimmed results. (Test-only use of the SDK.)
 */
class OutputSchemaConformanceTest {
    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectNode node) {
        return Json.MAPPER.convertValue(node, Map.class);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            list_invoices | {}
            list_invoices | {"detail": "full", "limit": 2}
            list_invoices | {"fields": ["comments", "created_by.login"]}
            get_invoice | {"id": 1}
            get_invoice | {"id": 1, "detail": "full"}
            get_invoice | {"invoice_number": "INV-2"}
            list_suppliers | {}
            list_suppliers | {"detail": "full"}
            get_supplier | {"number": "S-10"}
            list_purchase_orders | {"limit": 1}
            list_purchase_orders | {"detail": "full"}
            get_purchase_order | {"id": 5, "detail": "full"}
            """)
    void resultsConformToTheOutputSchema(String tool, String args) {
        ToolHarness h = new ToolHarness(2000);
        for (int i = 1; i <= 3; i++) {
            h.coupa.add("invoices", Records.invoice(i, "INV-" + i, "approved", 10, "Acme", "1.00", "USD", "2025-01-01"));
        }
        h.coupa.add("suppliers", Records.supplier(10, "Acme", "S-10", "active"));
        h.coupa.add("suppliers", Records.supplier(11, "Beta", "S-11", "active"));
        h.coupa.add("purchase_orders", Records.order(5, "4005", "issued", 10, "USD", "1.00", "2.00"));
        h.coupa.add("purchase_orders", Records.order(6, "4006", "issued", 10, "USD", "3.00"));
        ToolDefinition definition = h.catalog.tools().stream().filter(t -> t.name().equals(tool)).findFirst()
                .orElseThrow();

        ToolOutcome out = h.call(tool, args);

        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(VALIDATOR.validateSchema(map(definition.outputSchema())).valid()).isTrue();
        assertThat(VALIDATOR.validateSchema(map(definition.inputSchema())).valid()).isTrue();
        JsonSchemaValidator.ValidationResponse response = VALIDATOR.validate(map(definition.outputSchema()),
                map(out.structured()));
        assertThat(response.valid()).as(response.errorMessage() + "\n" + out.structured()).isTrue();
    }
}
