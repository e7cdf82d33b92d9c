package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetToolsTest {
    private ToolHarness h;

    @BeforeEach
    void setUp() {
        h = new ToolHarness();
        h.coupa.add("invoices", Records.invoice(1, "INV-1", "approved", 10, "Acme Corp", "100.00", "USD", "2025-01-05"));
        h.coupa.add("invoices", Records.invoice(2, "INV-1", "draft", 11, "Beta LLC", "5.00", "EUR", "2025-01-06"));
        h.coupa.add("invoices", Records.invoice(3, "INV-3", "approved", 10, "Acme Corp", "7.00", "USD", "2025-01-07"));
        h.coupa.add("suppliers", Records.supplier(10, "Acme Corp", "S-10", "active"));
        h.coupa.add("suppliers", Records.supplier(11, "Beta LLC", "S-11", "inactive"));
        h.coupa.add("purchase_orders", Records.order(5, "4005", "issued", 10, "USD", "10.00", "2.50"));
    }

    @Test
    void getByIdUsesTheRecordPathAndCompactProjection() {
        ToolOutcome out = h.call("get_invoice", "{\"id\": 3}");

        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(h.coupa.lastCall().method()).isEqualTo("get");
        assertThat(h.coupa.lastCall().id()).isEqualTo(3L);
        assertThat(h.coupa.lastCall().fields().toParam()).contains("\"invoice-number\"").doesNotContain("invoice-lines");
        assertThat(out.structured().at("/item/invoice_number").asString()).isEqualTo("INV-3");
        assertThat(out.text()).startsWith("Invoice #3 INV-3 · approved · Acme Corp · 7.00 USD · 2025-01-07.");
    }

    @Test
    void detailFullAndExtraFieldsWidenTheProjection() {
        h.call("get_invoice", "{\"id\": 3, \"detail\": \"full\"}");
        assertThat(h.coupa.lastCall().fields().toParam()).contains("{\"invoice-lines\":[").contains("custom_fields");

        ToolOutcome out = h.call("get_invoice", "{\"id\": 3, \"fields\": [\"comments\", \"created_by.login\", \"supplier.number\"]}");
        String sent = h.coupa.lastCall().fields().toParam();
        assertThat(sent).contains("\"comments\"", "{\"created-by\":[\"login\"]}", "{\"supplier\":[\"id\",\"name\",\"number\"]}");
        assertThat(out.structured().at("/item/created_by/name").asString()).isEqualTo("jdoe");
        assertThat(out.structured().at("/item/supplier").toString())
                .isEqualTo("{\"id\":10,\"name\":\"Acme Corp\",\"number\":\"S-10\"}");
    }

    @Test
    void unknownIdTellsTheAgentWhereToFindIds() {
        ToolOutcome out = h.call("get_invoice", "{\"id\": 123}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).isEqualTo("No invoice with id 123. Use list_invoices to find ids.");

        ToolOutcome po = h.call("get_purchase_order", "{\"id\": 9}");
        assertThat(po.text()).isEqualTo("No purchase order with id 9. Use list_purchase_orders to find ids.");
    }

    @Test
    void naturalKeyFindingOneRecordReturnsIt() {
        ToolOutcome out = h.call("get_invoice", "{\"invoice_number\": \"INV-1\", \"supplier_name\": \"Beta LLC\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().at("/item/id").asLong()).isEqualTo(2);
        assertThat(h.coupa.lastParams()).contains(Map.entry("invoice-number", "INV-1"),
                Map.entry("supplier[name]", "Beta LLC"), Map.entry("limit", "2"));
    }

    @Test
    void ambiguousNaturalKeyListsCandidatesAndHowToNarrow() {
        ToolOutcome out = h.call("get_invoice", "{\"invoice_number\": \"INV-1\"}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("Several invoices match invoice_number=\"INV-1\", for example:")
                .contains("#1 INV-1 · approved · Acme Corp", "#2 INV-1 · draft · Beta LLC")
                .endsWith("Call get_invoice with the id of the one you mean, or narrow it (optionally with "
                        + "supplier_id or supplier_name).");
    }

    @Test
    void naturalKeyMatchingNothingSaysSo() {
        ToolOutcome out = h.call("get_supplier", "{\"name\": \"Nobody\"}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).isEqualTo("No supplier matches name=\"Nobody\". Use list_suppliers to search "
                + "(it matches partial names).");
    }

    @Test
    void aNumberMatchingNothingIsNotSentToAPartialSearch() {
        ToolOutcome out = h.call("get_invoice", "{\"invoice_number\": \"INV-9\"}");
        assertThat(out.text()).isEqualTo("No invoice matches invoice_number=\"INV-9\". Numbers must match exactly: "
                + "check it, or use list_invoices to search by other filters.");
    }

    @Test
    void supplierByNumberAndPurchaseOrderByNumber() {
        ToolOutcome supplier = h.call("get_supplier", "{\"number\": \"S-11\"}");
        assertThat(supplier.structured().get("item").toString()).isEqualTo("{\"id\":11,\"name\":\"Beta LLC\","
                + "\"number\":\"S-11\",\"status\":\"inactive\",\"po_method\":\"email\",\"invoice_matching_level\":"
                + "\"3-way\",\"payment_term\":\"Net 30\",\"updated_at\":\"2025-01-01T00:00:00Z\"}");

        ToolOutcome po = h.call("get_purchase_order", "{\"po_number\": \"4005\"}");
        assertThat(po.structured().get("item").toString()).isEqualTo("{\"id\":5,\"po_number\":\"4005\","
                + "\"status\":\"issued\",\"created_at\":\"2025-01-06T10:00:00Z\",\"updated_at\":\"2025-02-01T10:00:00Z\","
                + "\"currency\":\"USD\",\"supplier\":{\"id\":10,\"name\":\"Supplier 10\"},\"total\":\"12.50\"}");
    }

    @Test
    void purchaseOrderListTotalsComeFromTheLines() {
        h.coupa.add("purchase_orders", Records.order(6, "4006", "closed", 11, "EUR", "1.00"));
        ToolOutcome out = h.call("list_purchase_orders", "{}");
        assertThat(out.structured().at("/summary/totals").toString()).isEqualTo("{\"EUR\":\"1.00\",\"USD\":\"12.50\"}");
        assertThat(out.text()).startsWith("2 purchase orders (total 1.00 EUR, 12.50 USD). That is all.");
    }
}
