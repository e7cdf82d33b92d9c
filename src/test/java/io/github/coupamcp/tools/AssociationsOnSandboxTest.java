package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The associations the tool descriptions name, asked for through fields or detail, against the sandbox. */
class AssociationsOnSandboxTest {
    private static SandboxListing on;
    private static Sandbox sandbox;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
        sandbox = on.sandbox;
        catalog = on.catalog;
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    private static ToolOutcome call(String tool, String args) {
        ToolOutcome out = catalog.call(tool, (ObjectNode) Json.MAPPER.readTree(args));
        assertThat(out.isError()).as(tool + " " + args + ": " + out.text()).isFalse();
        return out;
    }

    @Test
    void fullPurchaseOrderShowsWhatWasReceivedAndInvoicedPerLine() {
        SandboxCollection orders = sandbox.store().collection("purchase_orders");
        long checked = 0;
        for (long id : orders.ids()) {
            ObjectNode raw = orders.render(id);
            boolean partlyInvoiced = false;
            for (JsonNode line : raw.path("order-lines")) {
                partlyInvoiced |= new BigDecimal(line.path("invoiced").asString("0")).signum() > 0;
            }
            if (!partlyInvoiced) {
                continue;
            }
            JsonNode item = call("get_purchase_order", "{\"id\": " + id + ", \"detail\": \"full\"}").structured()
                    .get("item");
            JsonNode lines = item.get("order_lines");
            assertThat(lines).hasSize(raw.path("order-lines").size());
            for (int i = 0; i < lines.size(); i++) {
                JsonNode expected = raw.path("order-lines").get(i);
                assertThat(new BigDecimal(lines.get(i).get("invoiced").asString()))
                        .isEqualByComparingTo(new BigDecimal(expected.path("invoiced").asString()));
                if (expected.hasNonNull("received")) {
                    assertThat(new BigDecimal(lines.get(i).get("received").asString()))
                            .isEqualByComparingTo(new BigDecimal(expected.path("received").asString()));
                }
                assertThat(lines.get(i).has("receipt_required")).isTrue();
            }
            if (++checked == 3) {
                break;
            }
        }
        assertThat(checked).as("the sandbox has invoiced orders").isEqualTo(3);
    }

    @Test
    void invoiceApprovalsAndLinePoNumbersComeThroughFields() {
        JsonNode items = call("list_invoices", "{\"status\": [\"approved\"], \"fields\": [\"approvals\", "
                + "\"invoice_lines.po_number\"], \"limit\": 10}").structured().get("items");
        assertThat(items).isNotEmpty();
        boolean anyApprovals = false;
        boolean anyPo = false;
        for (JsonNode item : items) {
            anyApprovals |= item.path("approvals").size() > 0;
            for (JsonNode line : item.path("invoice_lines")) {
                anyPo |= line.hasNonNull("po_number");
            }
        }
        assertThat(anyApprovals).as(items.toString()).isTrue();
        assertThat(anyPo).as(items.toString()).isTrue();
    }
}
