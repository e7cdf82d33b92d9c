package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Cross-object consistency of the generated data set (SMALL scale). */
class ConsistencyTest {
    static final SandboxStore STORE = SandboxData.generate(2024, Scale.SMALL);

    static Map<Long, ObjectNode> byId(String collection) {
        Map<Long, ObjectNode> out = new HashMap<>();
        for (ObjectNode n : SandboxDataTest.all(STORE, collection)) {
            out.put(n.get("id").asLong(), n);
        }
        return out;
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asString());
    }

    @Test
    void invoiceLinesMatchPoLinesOfTheSameSupplierAndCurrency() {
        Map<Long, ObjectNode> poLines = byId("purchase_order_lines");
        Map<Long, ObjectNode> pos = byId("purchase_orders");
        int matched = 0;
        int unmatched = 0;
        for (ObjectNode inv : byId("invoices").values()) {
            for (JsonNode line : inv.get("invoice-lines")) {
                if (line.get("order-line-id").isNull()) {
                    unmatched++;
                    continue;
                }
                matched++;
                ObjectNode poLine = poLines.get(line.get("order-line-id").asLong());
                assertThat(poLine).as("PO line of invoice " + inv.get("id")).isNotNull();
                ObjectNode po = pos.get(poLine.get("order-header-id").asLong());
                assertThat(po.get("supplier").get("id")).isEqualTo(inv.get("supplier").get("id"));
                assertThat(po.get("currency").get("code")).isEqualTo(inv.get("currency").get("code"));
                assertThat(line.get("po-number").asString()).isEqualTo(po.get("po-number").asString());
            }
        }
        assertThat(matched).isPositive();
        assertThat(unmatched).isPositive();
    }

    @Test
    void poLineInvoicedAmountEqualsTheInvoiceLinesMatchedToIt() {
        Map<Long, BigDecimal> invoiced = new HashMap<>();
        for (ObjectNode inv : byId("invoices").values()) {
            for (JsonNode line : inv.get("invoice-lines")) {
                if (!line.get("order-line-id").isNull()) {
                    invoiced.merge(line.get("order-line-id").asLong(), dec(line.get("total")), BigDecimal::add);
                }
            }
        }
        for (ObjectNode poLine : byId("purchase_order_lines").values()) {
            BigDecimal expected = invoiced.getOrDefault(poLine.get("id").asLong(), BigDecimal.ZERO);
            assertThat(dec(poLine.get("invoiced"))).as("PO line " + poLine.get("id")).isEqualByComparingTo(expected);
        }
    }

    @Test
    void totalsAddUp() {
        for (ObjectNode inv : byId("invoices").values()) {
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode line : inv.get("invoice-lines")) {
                lines = lines.add(dec(line.get("total")));
            }
            BigDecimal expected = lines.add(dec(inv.get("tax-amount"))).add(dec(inv.get("shipping-amount")));
            assertThat(dec(inv.get("total-with-taxes"))).as("invoice " + inv.get("id")).isEqualByComparingTo(expected);
        }
        for (ObjectNode po : byId("purchase_orders").values()) {
            for (JsonNode line : po.get("order-lines")) {
                if (!line.get("quantity").isNull()) {
                    BigDecimal expected = dec(line.get("price")).multiply(dec(line.get("quantity")));
                    assertThat(dec(line.get("total")).subtract(expected).abs()).isLessThan(new BigDecimal("0.01"));
                }
            }
        }
    }

    @Test
    void creditNotesReferToAnEarlierInvoiceOfTheSameSupplier() {
        Map<String, ObjectNode> byNumber = new HashMap<>();
        List<ObjectNode> credits = new java.util.ArrayList<>();
        for (ObjectNode inv : byId("invoices").values()) {
            byNumber.put(inv.get("invoice-number").asString(), inv);
            if (inv.get("is-credit-note").asBoolean()) {
                credits.add(inv);
            }
        }
        assertThat(credits).isNotEmpty();
        for (ObjectNode cn : credits) {
            assertThat(cn.get("document-type").asString()).isEqualTo("Credit Note");
            assertThat(dec(cn.get("total-with-taxes")).signum()).isNegative();
            ObjectNode original = byNumber.get(cn.get("original-invoice-number").asString());
            assertThat(original).isNotNull();
            assertThat(original.get("supplier").get("id")).isEqualTo(cn.get("supplier").get("id"));
        }
    }

    @Test
    void severalCurrencies() {
        Set<String> codes = new HashSet<>();
        for (ObjectNode inv : byId("invoices").values()) {
            codes.add(inv.get("currency").get("code").asString());
        }
        assertThat(codes).contains("USD", "EUR", "GBP");
    }

    @Test
    void approvalsPointAtExistingDocumentsAndAgreeWithTheirStatus() {
        Map<Long, ObjectNode> invoices = byId("invoices");
        Map<Long, ObjectNode> reqs = byId("requisitions");
        Set<String> approvalStatuses = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (ObjectNode a : byId("approvals").values()) {
            String status = a.get("status").asString();
            approvalStatuses.add(status);
            String type = a.get("approvable-type").asString();
            types.add(type);
            ObjectNode doc = (type.equals("InvoiceHeader") ? invoices : reqs).get(a.get("approvable-id").asLong());
            assertThat(doc).as("approvable of approval " + a.get("id")).isNotNull();
            String docStatus = doc.get("status").asString();
            if (status.equals("pending_approval")) {
                assertThat(docStatus).isEqualTo("pending_approval");
            }
            if (status.equals("rejected")) {
                assertThat(docStatus).isIn("rejected", "draft");
                if (type.equals("RequisitionHeader")) {
                    assertThat(doc.get("reject-reason-comment").asString()).isEqualTo(a.get("note").asString());
                }
            }
            assertThat(doc.get("approvals").findValues("id")).contains(a.get("id"));
        }
        assertThat(approvalStatuses).contains("pending_approval", "approved", "rejected");
        assertThat(types).containsExactlyInAnyOrder("InvoiceHeader", "RequisitionHeader");
        for (ObjectNode doc : invoices.values()) {
            if (doc.get("status").asString().equals("pending_approval")) {
                assertThat(doc.get("approvals").findValuesAsString("status")).contains("pending_approval");
            }
        }
    }

    @Test
    void receiptsPointAtPoLinesAndAddUpToTheReceivedQuantity() {
        Map<Long, ObjectNode> poLines = byId("purchase_order_lines");
        Map<Long, BigDecimal> received = new HashMap<>();
        for (ObjectNode r : byId("inventory_transactions").values()) {
            long lineId = r.get("order-line").get("id").asLong();
            assertThat(poLines).containsKey(lineId);
            received.merge(lineId, dec(r.get("quantity")), BigDecimal::add);
        }
        assertThat(received).isNotEmpty();
        for (ObjectNode line : poLines.values()) {
            BigDecimal expected = received.getOrDefault(line.get("id").asLong(), BigDecimal.ZERO);
            if (!line.get("received").isNull()) {
                assertThat(dec(line.get("received"))).isEqualByComparingTo(expected);
                assertThat(dec(line.get("received"))).isLessThanOrEqualTo(dec(line.get("quantity")));
            }
        }
    }

    @Test
    void orderedRequisitionsLinkToTheirPurchaseOrderLines() {
        Map<Long, ObjectNode> poLines = byId("purchase_order_lines");
        int linked = 0;
        for (ObjectNode req : byId("requisitions").values()) {
            for (JsonNode line : req.get("requisition-lines")) {
                if (!line.get("order-line-id").isNull()) {
                    linked++;
                    ObjectNode poLine = poLines.get(line.get("order-line-id").asLong());
                    assertThat(poLine.get("requisition-line-id").asString()).isEqualTo(line.get("id").asString());
                }
            }
        }
        assertThat(linked).isPositive();
    }

    @Test
    void idsAscendAndRenderTheirOwnId() {
        for (SandboxCollection c : STORE.collections()) {
            long previous = 0;
            for (long id : c.ids()) {
                assertThat(id).isGreaterThan(previous);
                previous = id;
                assertThat(c.render(id).get("id").asLong()).isEqualTo(id);
            }
            assertThat(c.render(previous + 1000)).isNull();
        }
    }
}
