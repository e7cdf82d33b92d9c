package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.InvoiceLine;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.PaymentTerm;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders an invoice as Coupa's InvoiceHeader with InvoiceLines, as heavy as the real default payload. */
final class InvoiceRenderer {
    private final World world;
    private final ApprovalRenderer approvals;

    InvoiceRenderer(World world, ApprovalRenderer approvals) {
        this.world = world;
        this.approvals = approvals;
    }

    static long grossCents(Invoice inv) {
        return Formats.linesTotal(inv.lines());
    }

    static long taxCents(Invoice inv, long gross) {
        return Math.round(gross * inv.taxRateBp() / 10_000.0);
    }

    static long totalCents(Invoice inv) {
        long gross = grossCents(inv);
        return gross + taxCents(inv, gross) + inv.shippingCents();
    }

    ObjectNode render(Invoice inv) {
        return render(inv, null);
    }

    /** Only the named top-level fields (all when null). */
    ObjectNode render(Invoice inv, java.util.Set<String> only) {
        NestedNodes nodes = world.nodes;
        long gross = grossCents(inv);
        long tax = taxCents(inv, gross);
        long total = gross + tax + inv.shippingCents();
        String created = Formats.dateTime(inv.createdAt());
        String updated = Formats.dateTime(inv.updatedAt());
        PaymentTerm term = inv.paymentTerm() == 0 ? null : world.ref.paymentTerms.get(inv.paymentTerm() - 1);

        FieldSink n = new FieldSink(80, only);
        n.stamp(inv.id(), created, updated);
        n.put("invoice-number", inv.number());
        n.put("invoice-date", Formats.day(inv.invoiceDate()));
        n.put("status", inv.status());
        n.put("document-type", inv.creditNote() ? "Credit Note" : "Invoice");
        n.put("is-credit-note", inv.creditNote());
        n.put("original-invoice-number", inv.originalNumber());
        n.put("original-invoice-date", inv.creditNote() ? Formats.day(inv.originalDate()) : null);
        n.putNull("credit-reason");
        n.put("line-level-taxation", false);
        n.put("compliant", true);
        n.put("canceled", inv.status().equals("voided"));
        n.put("channel", inv.id() % 3 == 0 ? "supplier_portal" : "email");
        n.put("date-received", created);
        n.put("exported", inv.exported());
        n.put("last-exported-at", inv.exported() ? updated : null);
        n.put("paid", inv.paid());
        n.put("payment-date", inv.paid() ? Formats.day(inv.invoiceDate() + netDays(term)) : null);
        n.putNull("payment-notes");
        n.put("net-due-date", Formats.day(inv.invoiceDate() + netDays(term)));
        n.put("discount-due-date", term != null && term.discountDays() > 0
                ? Formats.day(inv.invoiceDate() + term.discountDays()) : null);
        n.put("gross-total", Formats.money(gross + inv.shippingCents()));
        n.put("total-with-taxes", Formats.money(total));
        n.put("amount-due", Formats.money(inv.paid() ? 0 : total));
        n.put("supplier-total", Formats.money(total));
        n.put("tax-amount", Formats.money(tax));
        n.put("tax-rate", Formats.money(inv.taxRateBp()));
        n.put("shipping-amount", Formats.money(inv.shippingCents()));
        n.put("handling-amount", "0.00");
        n.put("misc-amount", "0.00");
        n.put("discount-amount", "0.00");
        n.putNull("discount-percent");
        n.put("exchange-rate", "1.0");
        n.put("line-count", String.valueOf(inv.lines().length));
        n.putNull("comments");
        n.putNull("internal-note");
        n.putNull("supplier-note");
        n.putNull("tolerance-failures");
        n.putNull("image-scan-url");
        n.put("currency-id", String.valueOf(inv.currency()));
        n.set("currency", () -> nodes.currency(inv.currency()));
        n.set("supplier", () -> nodes.supplier(inv.supplier()));
        n.set("payment-term", () -> nodes.paymentTerm(inv.paymentTerm()));
        n.set("account-type", () -> nodes.accountType(inv.accountType()));
        n.set("ship-to-address", () -> nodes.address(inv.shipTo()));
        n.set("bill-to-address", () -> nodes.address(
                world.ref.accountTypes.get(inv.accountType() - 1).address()));
        n.set("requested-by", () -> nodes.userSimple(inv.requestedBy()));
        n.set("created-by", () -> nodes.userSimple(inv.createdBy()));
        n.set("updated-by", () -> nodes.userSimple(inv.updatedBy()));
        n.putNull("contract");
        n.putNull("shipping-term");
        n.putNull("remit-to-address");
        n.putNull("tax-code");
        n.set("dispute-reasons", () -> disputeReasons(inv));
        n.set("invoice-lines", () -> lines(inv, created, updated));
        n.set("approvals", () -> approvals.renderAll(inv.approvals()));
        n.set("invoice-charges", () -> Json.array());
        n.set("tax-lines", () -> Json.array());
        n.set("withholding-tax-lines", () -> Json.array());
        n.set("attachments", () -> Json.array());
        n.set("taggings", () -> Json.array());
        n.set("tags", () -> Json.array());
        n.set("current-integration-history-records", () -> Json.array());
        n.set("custom-fields", () -> customFields(inv));
        return n.finish(inv.patch());
    }

    private static int netDays(PaymentTerm term) {
        return term == null ? 30 : term.netDays();
    }

    private ArrayNode disputeReasons(Invoice inv) {
        ArrayNode a = Json.array();
        if (inv.disputeReason() != null) {
            ObjectNode r = Json.object();
            r.put("code", inv.disputeReason());
            r.put("description", inv.disputeReason().replace('-', ' ').toLowerCase(java.util.Locale.ROOT));
            a.add(r);
        }
        return a;
    }

    private ObjectNode customFields(Invoice inv) {
        ObjectNode cf = Json.object();
        cf.put("cf-erp-invoice-number", inv.exported() ? "ERP" + (700_000 + inv.id()) : null);
        cf.put("cf-integration-status", inv.exported() ? "exported" : "pending");
        return cf;
    }

    private ArrayNode lines(Invoice inv, String created, String updated) {
        NestedNodes nodes = world.nodes;
        ArrayNode arr = Json.array();
        for (InvoiceLine l : inv.lines()) {
            CatalogItem item = world.ref.catalog.get(l.item());
            ObjectNode n = Trees.stamped(l.id(), created, updated);
            n.put("line-num", l.lineNum());
            n.put("type", item.amountLine() ? "InvoiceAmountLine" : "InvoiceQuantityLine");
            n.put("description", l.description() != null ? l.description() : item.description());
            n.put("status", lineStatus(inv, l));
            long total = Formats.lineTotal(l);
            if (item.amountLine()) {
                n.putNull("quantity");
                n.put("price", Formats.money(total));
            } else {
                n.put("quantity", Formats.quantity(l.qtyMilli()));
                n.put("price", Formats.money(l.priceCents()));
            }
            n.put("total", Formats.money(total));
            n.put("accounting-total", Formats.money(total));
            n.put("tax-amount", Formats.money(taxCents(inv, total)));
            n.put("tax-rate", Formats.money(inv.taxRateBp()));
            n.putNull("tax-description");
            n.put("source-part-num", l.description() == null ? item.partNumber() : null);
            n.putNull("supp-aux-part-num");
            n.putNull("match-reference");
            n.putNull("billing-note");
            putOrderRefs(n, l.orderLineId());
            n.set("currency", nodes.currency(inv.currency()));
            n.set("accounting-total-currency", nodes.currency(inv.currency()));
            n.set("uom", item.amountLine() ? null : nodes.uom(l.uom() != 0 ? l.uom() : item.uom()));
            n.set("account", nodes.account(l.account()));
            n.set("commodity", nodes.commodity(l.commodity() != 0 ? l.commodity() : item.commodity()));
            n.putNull("item");
            n.putNull("period");
            n.putNull("contract");
            n.set("account-allocations", Json.array());
            n.set("tax-lines", Json.array());
            n.set("created-by", nodes.userSimple(inv.createdBy()));
            n.set("updated-by", nodes.userSimple(inv.updatedBy()));
            arr.add(n);
        }
        return arr;
    }

    private void putOrderRefs(ObjectNode n, long orderLineId) {
        Long orderId = orderLineId == 0 ? null : world.orderLineToOrder.get(orderLineId);
        Order order = orderId == null ? null : world.orders.get(orderId);
        if (order == null) {
            n.putNull("order-line-id");
            n.putNull("order-header-num");
            n.putNull("order-line-num");
            n.putNull("po-number");
            return;
        }
        String po = OrderRenderer.poNumber(order.id());
        n.put("order-line-id", orderLineId);
        n.put("order-header-num", po);
        n.put("order-line-num", String.valueOf(lineNum(order, orderLineId)));
        n.put("po-number", po);
    }

    private static int lineNum(Order order, long orderLineId) {
        for (OrderLine ol : order.lines()) {
            if (ol.id() == orderLineId) {
                return ol.lineNum();
            }
        }
        return 0;
    }

    static String lineStatus(Invoice inv, InvoiceLine l) {
        return switch (inv.status()) {
            case "voided", "abandoned" -> inv.status();
            case "draft", "new", "invalid" -> "new";
            default -> l.orderLineId() != 0 ? "matched" : "new";
        };
    }
}
