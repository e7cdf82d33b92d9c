package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Requisition;
import io.github.coupamcp.sandbox.data.Model.RequisitionLine;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders RequisitionHeader with RequisitionLines. R39 types the header {@code currency} as a plain code. */
final class RequisitionRenderer {
    private final World world;
    private final ApprovalRenderer approvals;

    RequisitionRenderer(World world, ApprovalRenderer approvals) {
        this.world = world;
        this.approvals = approvals;
    }

    static long totalCents(Requisition r) {
        return Formats.linesTotal(r.lines());
    }

    ObjectNode render(Requisition r) {
        return render(r, null);
    }

    /** Only the named top-level fields (all when null). */
    ObjectNode render(Requisition r, java.util.Set<String> only) {
        NestedNodes nodes = world.nodes;
        String created = Formats.dateTime(r.createdAt());
        String updated = Formats.dateTime(r.updatedAt());
        FieldSink n = new FieldSink(48, only);
        n.stamp(r.id(), created, updated);
        n.put("status", r.status());
        n.put("req-title", r.title());
        n.put("justification", r.justification());
        n.putNull("buyer-note");
        n.put("need-by-date", Formats.day(r.needBy()));
        n.put("submitted-at", r.submittedAt() == 0 ? null : Formats.dateTime(r.submittedAt()));
        n.put("currency", world.ref.currency(r.currency()).code());
        n.put("total", Formats.money(totalCents(r)));
        n.put("line-count", r.lines().length);
        n.put("exported", false);
        n.putNull("last-exported-at");
        n.put("price-hidden", false);
        n.putNull("ship-to-attention");
        n.putNull("reject-reason-comment");
        n.putNull("external-po-reference");
        n.set("requested-by", () -> nodes.userSimple(r.requestedBy()));
        n.set("requester", () -> nodes.userSimple(r.requestedBy()));
        n.set("created-by", () -> nodes.userSimple(r.requestedBy()));
        n.set("updated-by", () -> nodes.userSimple(r.requestedBy()));
        n.set("department", () -> nodes.department(r.department()));
        n.set("ship-to-address", () -> nodes.address(r.shipTo()));
        n.putNull("pcard");
        n.set("requisition-lines", () -> lines(r, created, updated));
        n.set("approvals", () -> approvals.renderAll(r.approvals()));
        n.set("current-approval", () -> approvals.current(r.approvals()));
        n.set("current-parallel-approvals", () -> Json.array());
        n.set("attachments", () -> Json.array());
        n.set("taggings", () -> Json.array());
        n.set("tags", () -> Json.array());
        n.set("custom-fields", () -> customFields(r));
        return n.finish(r.patch());
    }
    private ObjectNode customFields(Requisition r) {
        ObjectNode cf = Json.object();
        cf.put("cf-budget-code", "BUD-" + (2026 - (int) (r.id() % 2)) + "-" + world.ref.departments.get(
                r.department() - 1).name().substring(0, 3).toUpperCase(java.util.Locale.ROOT));
        cf.put("cf-capex", r.id() % 5 == 0);
        return cf;
    }


    private ArrayNode lines(Requisition r, String created, String updated) {
        NestedNodes nodes = world.nodes;
        ArrayNode arr = Json.array();
        for (RequisitionLine l : r.lines()) {
            CatalogItem item = world.ref.catalog.get(l.item());
            ObjectNode n = Trees.stamped(l.id(), created, updated);
            n.put("line-num", l.lineNum());
            n.put("line-type", item.amountLine() ? "RequisitionAmountLine" : "RequisitionQuantityLine");
            n.put("description", l.description() != null ? l.description() : item.description());
            n.put("status", r.status());
            n.put("quantity", item.amountLine() ? null : Formats.quantity(l.qtyMilli()));
            n.put("unit-price", Formats.money(l.priceCents()));
            n.put("total", Formats.money(Formats.lineTotal(l)));
            n.put("need-by-date", Formats.day(l.needBy()));
            n.put("source-part-num", l.description() == null ? item.partNumber() : null);
            n.putNull("supp-aux-part-num");
            n.put("receipt-required", !item.amountLine());
            n.put("order-line-id", l.orderLineId() == 0 ? null : l.orderLineId());
            n.put("source-type", (String) null);
            n.set("currency", nodes.currency(l.currency()));
            n.set("uom", item.amountLine() ? null : nodes.uom(l.uom() != 0 ? l.uom() : item.uom()));
            n.set("account", nodes.account(l.account()));
            n.set("commodity", nodes.commodity(l.commodity() != 0 ? l.commodity() : item.commodity()));
            n.set("supplier", nodes.supplier(l.supplier()));
            n.set("payment-term", l.supplier() == 0 ? null
                    : nodes.paymentTerm(world.supplier(l.supplier()).paymentTerm()));
            n.putNull("shipping-term");
            n.putNull("item");
            n.putNull("contract");
            n.set("account-allocations", Json.array());
            n.set("attachments", Json.array());
            n.set("created-by", nodes.userSimple(r.requestedBy()));
            n.set("updated-by", nodes.userSimple(r.requestedBy()));
            arr.add(n);
        }
        return arr;
    }
}
