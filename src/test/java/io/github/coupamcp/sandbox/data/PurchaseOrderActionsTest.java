package io.github.coupamcp.sandbox.data;

import static io.github.coupamcp.sandbox.data.WriteFixture.errors;
import static io.github.coupamcp.sandbox.data.WriteFixture.id;
import static io.github.coupamcp.sandbox.data.WriteFixture.json;
import static io.github.coupamcp.sandbox.data.WriteFixture.ok;
import static io.github.coupamcp.sandbox.data.WriteFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PurchaseOrderActionsTest {
    WriteFixture f;
    SandboxCollection pos;

    @BeforeEach
    void setUp() {
        f = new WriteFixture();
        pos = f.c("purchase_orders");
    }

    static boolean untouched(ObjectNode po) {
        for (JsonNode l : po.get("order-lines")) {
            if (!l.get("received").isNull() && Double.parseDouble(text(l, "received")) > 0
                    || Double.parseDouble(text(l, "invoiced")) != 0) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @CsvSource({"issue,draft,issued", "issue,buyer_hold,issued", "issue,currency_hold,issued",
        "issue,supplier_hold,issued", "issue,supplier_window_hold,issued", "close,issued,closed",
        "close,exported,closed", "reopen,closed,issued", "cancel,draft,cancelled", "cancel,buyer_hold,cancelled",
        "cancel,error,cancelled"})
    void validTransitions(String action, String from, String to) {
        ObjectNode po = f.first("purchase_orders", n -> text(n, "status").equals(from)
                && (!action.equals("cancel") || untouched(n)));
        ObjectNode out = ok(pos.action(id(po), action, json("{}"), Map.of()));
        assertThat(text(out, "status")).isEqualTo(to);
        assertThat(text(out, "updated-at")).isGreaterThan(text(po, "updated-at"));
        if (action.equals("issue")) {
            assertThat(text(out, "transmission-status")).startsWith("sent_");
        }
    }

    @ParameterizedTest
    @CsvSource({"issue,issued,issued", "issue,closed,issued", "issue,cancelled,issued", "close,draft,closed",
        "close,cancelled,closed", "reopen,issued,reopened", "cancel,closed,cancelled", "cancel,cancelled,cancelled",
        "cancel,expensed,cancelled"})
    void invalidTransitions(String action, String from, String verb) {
        ObjectNode po = f.withStatus("purchase_orders", from);
        assertThat(errors(pos.action(id(po), action, json("{}"), Map.of()), "order_header")).containsExactly(
                "Purchase order " + text(po, "po-number") + " cannot be " + verb + " when its status is " + from);
    }

    @Test
    void cannotCancelAnOrderWithReceiptsOrInvoices() {
        ObjectNode po = f.first("purchase_orders", n -> text(n, "status").equals("issued") && !untouched(n));
        assertThat(errors(pos.action(id(po), "cancel", json("{}"), Map.of()), "order_header")).containsExactly(
                "Purchase order " + text(po, "po-number")
                        + " cannot be cancelled: goods were received or invoiced against it");
    }

    @Test
    void updateSetsExportedAndCustomFieldsButNotStatus() {
        ObjectNode po = f.withStatus("purchase_orders", "issued");
        ObjectNode out = ok(pos.update(id(po), json("{'exported':'true','custom-fields':{'cf-project-code':'X1'}}")));
        assertThat(out.get("exported").asBoolean()).isTrue();
        assertThat(text(out.get("custom-fields"), "cf-project-code")).isEqualTo("X1");
        assertThat(errors(pos.update(id(po), json("{'status':'closed'}")), "order_header").get(0))
                .startsWith("Status can't be changed");
        assertThat(pos.action(id(po), "explode", json("{}"), Map.of())).isInstanceOf(WriteResult.Unsupported.class);
        assertThat(pos.actionScopes()).containsOnlyKeys("issue", "cancel", "close", "reopen");
        assertThat(pos.create(json("{}"))).isInstanceOf(WriteResult.Unsupported.class);
    }

    @Test
    void purchaseOrderLinesFollowTheirOrder() {
        ObjectNode po = f.first("purchase_orders", n -> text(n, "status").equals("draft"));
        long lineId = id(po.get("order-lines").get(0));
        ok(pos.action(id(po), "issue", json("{}"), Map.of()));
        ObjectNode line = f.c("purchase_order_lines").render(lineId);
        assertThat(line.get("order-header-id").asLong()).isEqualTo(id(po));
        assertThat(text(line, "status")).isNotEqualTo("draft");
    }
}
