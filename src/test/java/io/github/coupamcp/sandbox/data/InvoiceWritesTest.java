package io.github.coupamcp.sandbox.data;

import static io.github.coupamcp.sandbox.data.WriteFixture.created;
import static io.github.coupamcp.sandbox.data.WriteFixture.errors;
import static io.github.coupamcp.sandbox.data.WriteFixture.id;
import static io.github.coupamcp.sandbox.data.WriteFixture.json;
import static io.github.coupamcp.sandbox.data.WriteFixture.ok;
import static io.github.coupamcp.sandbox.data.WriteFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class InvoiceWritesTest {
    WriteFixture f;
    SandboxCollection invoices;
    ObjectNode supplier;

    @BeforeEach
    void setUp() {
        f = new WriteFixture();
        invoices = f.c("invoices");
        supplier = f.withStatus("suppliers", "active");
    }

    ObjectNode body(String number) {
        ObjectNode b = json("{'invoice-number':'" + number + "','invoice-date':'2026-06-01',"
                + "'currency':{'code':'USD'},'requested-by':{'login':'" + login(1) + "'},"
                + "'invoice-lines':[{'description':'Widget','price':'10.00','quantity':'3','uom':{'code':'EA'},"
                + "'account':{'code':'100-4000-6100'}}]}");
        b.set("supplier", json("{'number':'" + text(supplier, "number") + "'}"));
        return b;
    }

    String login(long userId) {
        return text(f.c("users").render(userId), "login");
    }

    List<String> createErrors(ObjectNode b) {
        return errors(invoices.create(b), "invoice_header");
    }

    @Test
    void createsADraftInvoiceWithResolvedReferences() {
        int before = invoices.size();
        ObjectNode inv = created(invoices.create(body("NEW-1")));
        assertThat(invoices.size()).isEqualTo(before + 1);
        assertThat(id(inv)).isGreaterThan(invoices.ids().lower(id(inv)));
        assertThat(text(inv, "status")).isEqualTo("draft");
        assertThat(inv.get("supplier").get("id").asLong()).isEqualTo(id(supplier));
        assertThat(inv.get("currency").get("code").asString()).isEqualTo("USD");
        assertThat(text(inv, "total-with-taxes")).isEqualTo("30.00");
        JsonNode line = inv.get("invoice-lines").get(0);
        assertThat(text(line, "description")).isEqualTo("Widget");
        assertThat(text(line, "quantity")).isEqualTo("3.0");
        assertThat(line.get("account").get("code").asString()).isEqualTo("100-4000-6100");
        assertThat(text(inv, "created-at")).isEqualTo("2026-07-01T05:00:00-07:00");
        assertThat(invoices.render(id(inv))).isEqualTo(inv);
    }

    @Test
    void acceptsUnderscoredKeysAndSupplierByNameOrId() {
        ObjectNode b = body("NEW-2");
        b.remove("invoice-number");
        b.put("invoice_number", "NEW-2");
        b.set("supplier", json("{'name':'" + text(supplier, "name") + "','id':" + id(supplier) + "}"));
        assertThat(text(created(invoices.create(b)), "invoice-number")).isEqualTo("NEW-2");
    }

    @Test
    void requiredFields() {
        assertThat(createErrors(json("{}"))).contains("Invoice number can't be blank", "Invoice date can't be blank",
                "Supplier can't be blank", "Currency can't be blank", "Invoice must have at least one line");
    }

    @Test
    void referencedObjectsMustExist() {
        ObjectNode b = body("NEW-3");
        b.set("supplier", json("{'name':'No Such Supplier'}"));
        b.set("currency", json("{'code':'XXX'}"));
        b.set("requested-by", json("{'login':'nobody'}"));
        ((ObjectNode) b.get("invoice-lines").get(0)).set("account", json("{'code':'999-9999'}"));
        ((ObjectNode) b.get("invoice-lines").get(0)).set("uom", json("{'code':'PALLET'}"));
        assertThat(createErrors(b)).contains("Supplier not found (name: 'No Such Supplier')",
                "Currency not found (code: 'XXX')", "Requested by: User not found (login: 'nobody')",
                "Line 1: Account not found (code: '999-9999')", "Line 1: Uom not found (code: 'PALLET')");
    }

    @Test
    void allGivenKeysMustPointAtTheSameSupplier() {
        ObjectNode b = body("NEW-4");
        b.set("supplier", json("{'name':'" + text(supplier, "name") + "','number':'SUP-999999'}"));
        assertThat(createErrors(b)).anyMatch(m -> m.startsWith("Supplier not found"));
    }

    @Test
    void inactiveSupplierIsRefused() {
        ObjectNode inactive = f.withStatus("suppliers", "inactive");
        ObjectNode b = body("NEW-5");
        b.set("supplier", json("{'id':" + id(inactive) + "}"));
        assertThat(createErrors(b)).containsExactly("Supplier '" + text(inactive, "name") + "' is inactive");
    }

    @Test
    void lineRules() {
        ObjectNode b = body("NEW-6");
        ArrayNode lines = (ArrayNode) b.get("invoice-lines");
        lines.add(json("{'price':'1.00','quantity':'1'}"));
        lines.add(json("{'description':'x','quantity':'1'}"));
        lines.add(json("{'description':'x','price':'1.00'}"));
        lines.add(json("{'description':'x','price':'abc','quantity':'1'}"));
        lines.add(json("{'description':'x','price':'1.00','quantity':'0'}"));
        lines.add(json("{'description':'x','price':'1.00','quantity':'1','currency':{'code':'EUR'}}"));
        assertThat(createErrors(b)).containsExactly("Line 2: Description can't be blank",
                "Line 3: Price can't be blank", "Line 4: Quantity can't be blank", "Line 5: Price is not a number",
                "Line 6: Quantity must be greater than 0", "Line 7: Currency must match the invoice currency");
    }

    @Test
    void amountLinesNeedNoQuantity() {
        ObjectNode b = body("NEW-7");
        b.set("invoice-lines",
                WriteFixture.tree("[{'type':'InvoiceAmountLine','description':'Consulting','price':'1500.00'}]"));
        JsonNode line = created(invoices.create(b)).get("invoice-lines").get(0);
        assertThat(text(line, "type")).isEqualTo("InvoiceAmountLine");
        assertThat(text(line, "total")).isEqualTo("1500.00");
    }

    @Test
    void duplicateNumberForTheSameSupplierIsRefusedButAllowedForAnother() {
        created(invoices.create(body("DUP-1")));
        assertThat(createErrors(body("DUP-1"))).containsExactly(
                "Invoice number 'DUP-1' has already been used for supplier '" + text(supplier, "name") + "'");
        assertThat(createErrors(body("dup-1"))).hasSize(1);
        ObjectNode other = f.first("suppliers", s -> text(s, "status").equals("active") && id(s) != id(supplier));
        ObjectNode b = body("DUP-1");
        b.set("supplier", json("{'id':" + id(other) + "}"));
        created(invoices.create(b));
    }

    @Test
    void generatedInvoiceNumbersAreTakenToo() {
        ObjectNode existing = f.withStatus("invoices", "approved");
        ObjectNode b = body(text(existing, "invoice-number"));
        b.set("supplier", json("{'id':" + existing.get("supplier").get("id").asLong() + "}"));
        b.set("currency", existing.get("currency"));
        b.remove("invoice-lines");
        b.set("invoice-lines", WriteFixture.tree("[{'description':'x','price':'1.00','quantity':'1'}]"));
        assertThat(createErrors(b)).anyMatch(m -> m.contains("has already been used"));
    }

    @Test
    void creditNotesNeedTheOriginalInvoice() {
        ObjectNode b = body("CN-1");
        b.put("is-credit-note", true);
        assertThat(createErrors(b)).containsExactly("Original invoice number can't be blank for a credit note",
                "Original invoice date can't be blank for a credit note");
        b.put("original-invoice-number", "INV-1");
        b.put("original-invoice-date", "2026-05-01");
        ObjectNode cn = created(invoices.create(b));
        assertThat(text(cn, "document-type")).isEqualTo("Credit Note");
        assertThat(text(cn, "original-invoice-number")).isEqualTo("INV-1");
    }

    @Test
    void matchedLinesMustPointAtAnInvoiceablePoOfTheSameSupplier() {
        ObjectNode po = f.withStatus("purchase_orders", "issued");
        long lineId = id(po.get("order-lines").get(0));
        ObjectNode b = body("PO-1");
        b.set("supplier", json("{'id':" + po.get("supplier").get("id").asLong() + "}"));
        b.set("currency", po.get("currency"));
        ((ObjectNode) b.get("invoice-lines").get(0)).put("order-line-id", lineId);
        ((ObjectNode) b.get("invoice-lines").get(0)).remove("account");
        ObjectNode inv = created(invoices.create(b));
        JsonNode line = inv.get("invoice-lines").get(0);
        assertThat(line.get("order-line-id").asLong()).isEqualTo(lineId);
        assertThat(text(line, "po-number")).isEqualTo(text(po, "po-number"));
        assertThat(line.get("account")).isEqualTo(po.get("order-lines").get(0).get("account"));
        ObjectNode poAfter = f.c("purchase_orders").render(id(po));
        assertThat(new java.math.BigDecimal(text(poAfter.get("order-lines").get(0), "invoiced")))
                .isEqualByComparingTo(new java.math.BigDecimal(text(po.get("order-lines").get(0), "invoiced"))
                        .add(new java.math.BigDecimal(text(line, "total"))));
        assertThat(text(poAfter, "updated-at")).isGreaterThan(text(po, "updated-at"));

        ObjectNode wrongSupplier = body("PO-2");
        ((ObjectNode) wrongSupplier.get("invoice-lines").get(0)).put("order-line-id", lineId);
        if (po.get("supplier").get("id").asLong() != id(supplier)) {
            assertThat(createErrors(wrongSupplier)).anyMatch(m -> m.contains("of another supplier"));
        }
        ObjectNode missing = body("PO-3");
        ((ObjectNode) missing.get("invoice-lines").get(0)).put("order-line-id", 99_999_999);
        assertThat(createErrors(missing)).containsExactly("Line 1: Order line 99999999 not found");

        ObjectNode cancelled = f.withStatus("purchase_orders", "cancelled");
        ObjectNode toCancelled = body("PO-4");
        toCancelled.set("supplier", json("{'id':" + cancelled.get("supplier").get("id").asLong() + "}"));
        toCancelled.set("currency", cancelled.get("currency"));
        ((ObjectNode) toCancelled.get("invoice-lines").get(0)).put("order-line-id",
                id(cancelled.get("order-lines").get(0)));
        ((ObjectNode) toCancelled.get("invoice-lines").get(0)).remove("account");
        assertThat(createErrors(toCancelled)).anyMatch(m -> m.endsWith("is cancelled and cannot be invoiced"));
    }

    @Test
    void badDatesAndFlags() {
        ObjectNode b = body("BAD-1");
        b.put("invoice-date", "yesterday");
        b.put("is-credit-note", "maybe");
        assertThat(createErrors(b)).contains("Invoice date is not a valid date",
                "Is credit note must be true or false");
    }

    // ------------------------------------------------------------ update

    @Test
    void updateChangesPlainFieldsFlagsAndCustomFields() {
        ObjectNode inv = f.withStatus("invoices", "approved");
        ObjectNode out = ok(invoices.update(id(inv), json("{'comments':'checked','exported':true,"
                + "'custom_fields':{'cf-integration-status':'exported'}}")));
        assertThat(text(out, "comments")).isEqualTo("checked");
        assertThat(out.get("exported").asBoolean()).isTrue();
        assertThat(text(out.get("custom-fields"), "cf-integration-status")).isEqualTo("exported");
        assertThat(invoices.render(id(inv))).isEqualTo(out);
        assertThat(text(out, "updated-at")).isGreaterThan(text(inv, "updated-at"));
    }

    @Test
    void updateRefusesStatusUnknownCustomFieldsAndMissingRecords() {
        ObjectNode inv = f.withStatus("invoices", "approved");
        assertThat(errors(invoices.update(id(inv), json("{'status':'paid'}")), "invoice_header").get(0))
                .startsWith("Status can't be changed");
        assertThat(errors(invoices.update(id(inv), json("{'custom-fields':{'cf-nope':'x'}}")), "invoice_header"))
                .containsExactly("Unknown custom field cf-nope");
        assertThat(invoices.update(99_999_999, json("{'comments':'x'}"))).isInstanceOf(WriteResult.NotFound.class);
    }

    // ------------------------------------------------------------ actions

    ObjectNode act(ObjectNode inv, String action) {
        return ok(invoices.action(id(inv), action, json("{}"), Map.of()));
    }

    List<String> refused(ObjectNode inv, String action) {
        return errors(invoices.action(id(inv), action, json("{}"), Map.of()), "invoice_header");
    }

    @Test
    void submitMovesDraftToPendingApprovalWithAnApprovalChain() {
        ObjectNode inv = created(invoices.create(body("SUB-1")));
        ObjectNode out = act(inv, "submit");
        assertThat(text(out, "status")).isEqualTo("pending_approval");
        assertThat(out.get("approvals")).isNotEmpty();
        for (JsonNode a : out.get("approvals")) {
            assertThat(text(a, "status")).isEqualTo("pending_approval");
            assertThat(f.c("approvals").render(id(a)).get("approvable-id").asLong()).isEqualTo(id(inv));
        }
        assertThat(refused(out, "submit")).containsExactly(
                "Invoice cannot be submitted when its status is pending_approval");
    }

    @ParameterizedTest
    @CsvSource({"void,pending_receipt,voided", "void,approved,voided", "void,draft,voided",
        "abandon,draft,abandoned", "abandon,new,abandoned", "abandon,invalid,abandoned", "abandon,rejected,abandoned",
        "abandon,disputed,abandoned", "dispute,pending_approval,disputed", "dispute,pending_receipt,disputed",
        "dispute,on_hold,disputed", "dispute,ap_hold,disputed", "dispute,booking_hold,disputed",
        "dispute,pending_action,disputed", "submit,draft,pending_approval", "submit,new,pending_approval"})
    void validTransitions(String action, String from, String to) {
        ObjectNode inv = f.first("invoices", n -> text(n, "status").equals(from) && !n.get("paid").asBoolean());
        ObjectNode out = act(inv, action);
        assertThat(text(out, "status")).isEqualTo(to);
        assertThat(text(out, "updated-at")).isGreaterThan(text(inv, "updated-at"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "ap_hold", "on_hold", "rejected", "abandoned", "disputed", "pending_approval",
        "booking_hold", "pending_action", "voided", "processing", "invalid", "payable_adjustment"})
    void voidOnlyFromBuyerVoidableStatuses(String from) {
        ObjectNode inv = f.withStatus("invoices", from);
        assertThat(refused(inv, "void")).containsExactly("Invoice cannot be voided when its status is " + from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"approved", "voided", "abandoned", "pending_approval", "processing"})
    void abandonRefused(String from) {
        assertThat(refused(f.withStatus("invoices", from), "abandon"))
                .containsExactly("Invoice cannot be abandoned when its status is " + from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"draft", "approved", "voided", "disputed", "rejected"})
    void disputeRefused(String from) {
        assertThat(refused(f.withStatus("invoices", from), "dispute"))
                .containsExactly("Invoice cannot be disputed when its status is " + from);
    }

    @Test
    void paidInvoicesCannotBeVoided() {
        ObjectNode paid = f.first("invoices", n -> n.get("paid").asBoolean());
        assertThat(refused(paid, "void")).containsExactly("A paid invoice cannot be voided");
    }

    @Test
    void disputeReasonMustBeValidAndWithdrawRestoresApproval() {
        ObjectNode inv = f.withStatus("invoices", "pending_approval");
        assertThat(errors(invoices.action(id(inv), "dispute",
                json("{'invoice-header':{'dispute-reason':{'code':'BAD-MOOD'}}}"), Map.of()), "invoice_header"))
                .containsExactly("Dispute reason 'BAD-MOOD' is not a valid, active dispute reason");
        ObjectNode disputed = ok(invoices.action(id(inv), "dispute",
                json("{'invoice-header':{'dispute-reason':{'code':'INCORRECT-QUANTITY'}}}"), Map.of()));
        assertThat(text(disputed.get("dispute-reasons").get(0), "code")).isEqualTo("INCORRECT-QUANTITY");
        ObjectNode back = act(disputed, "withdraw_dispute");
        assertThat(text(back, "status")).isEqualTo("pending_approval");
        assertThat(refused(back, "withdraw_dispute").get(0)).startsWith("Only a disputed invoice");
    }

    @Test
    void unknownActionsAndIdsAreReported() {
        ObjectNode inv = f.withStatus("invoices", "draft");
        assertThat(invoices.action(id(inv), "teleport", json("{}"), Map.of()))
                .isInstanceOf(WriteResult.Unsupported.class);
        assertThat(invoices.action(99_999_999, "void", json("{}"), Map.of())).isInstanceOf(WriteResult.NotFound.class);
    }

    @Test
    void scopesFollowCoupasTable() {
        assertThat(invoices.readScope()).isEqualTo("core.invoice.read");
        assertThat(invoices.writeScope()).isEqualTo("core.invoice.write");
        assertThat(invoices.createScopes()).containsExactlyInAnyOrder("core.invoice.create", "core.invoice.write");
        assertThat(invoices.actionScopes()).containsEntry("void", "core.invoice.delete")
                .containsEntry("abandon", "core.invoice.delete").containsEntry("submit", "core.invoice.write")
                .containsEntry("dispute", "core.invoice.write");
        assertThat(invoices.xmlRoot()).isEqualTo("invoice-header");
        assertThat(invoices.xmlListRoot()).isEqualTo("invoice-headers");
    }

    @Test
    void updatedAtStrictlyAdvancesOnEveryChangeEvenOnAFixedClock() {
        ObjectNode inv = created(invoices.create(body("TS-1")));
        String previous = text(inv, "updated-at");
        for (int i = 0; i < 5; i++) {
            ObjectNode out = ok(invoices.update(id(inv), json("{'comments':'round " + i + "'}")));
            assertThat(text(out, "updated-at")).isGreaterThan(previous);
            previous = text(out, "updated-at");
        }
    }
}
