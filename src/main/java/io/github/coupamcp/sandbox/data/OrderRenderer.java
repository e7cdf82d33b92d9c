package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders purchase orders (OrderHeader) and their lines (OrderLine), also served alone as purchase_order_lines. */
final class OrderRenderer {
    private final World world;

    OrderRenderer(World world) {
        this.world = world;
    }

    /** Coupa PO numbers are plain digit strings, distinct from the record id. */
    static String poNumber(long orderId) {
        return String.valueOf(4000 + orderId);
    }

    static long totalCents(Order o) {
        return Formats.linesTotal(o.lines());
    }

    ObjectNode render(Order o) {
        return render(o, null);
    }

    /** Only the named top-level fields (all when null). */
    ObjectNode render(Order o, java.util.Set<String> only) {
        NestedNodes nodes = world.nodes;
        String created = Formats.dateTime(o.createdAt());
        String updated = Formats.dateTime(o.updatedAt());
        FieldSink n = new FieldSink(80, only);
        n.stamp(o.id(), created, updated);
        n.put("po-number", poNumber(o.id()));
        n.put("status", o.status());
        n.put("transmission-status", o.transmission());
        n.put("version", o.version());
        n.put("internal-revision", o.version());
        n.put("type", (String) null);
        n.put("exported", o.exported());
        n.put("last-exported-at", o.exported() ? updated : null);
        n.put("acknowledged-flag", !o.status().equals("draft") && o.id() % 2 == 0);
        n.putNull("acknowledged-at");
        n.put("invoice-stop", false);
        n.put("price-hidden", false);
        n.put("payment-method", "invoice");
        n.putNull("ship-to-attention");
        n.putNull("transmission-emails");
        n.put("transmission-method-override", "supplier_default");
        n.put("classification", "supplier");
        n.putNull("change-type");
        n.set("currency", () -> nodes.currency(o.currency()));
        n.set("supplier", () -> nodes.supplier(o.supplier()));
        n.putNull("supplier-site");
        n.set("payment-term", () -> nodes.paymentTerm(o.paymentTerm()));
        n.putNull("shipping-term");
        n.set("ship-to-address", () -> nodes.address(o.shipTo()));
        n.set("ship-to-user", () -> nodes.userSimple(o.requester()));
        n.set("requester", () -> nodes.userSimple(o.requester()));
        n.set("requisition-header", () -> requisitionRef(o.requisitionId()));
        n.set("created-by", () -> nodes.userSimple(o.createdBy()));
        n.set("updated-by", () -> nodes.userSimple(o.updatedBy()));
        n.set("order-lines", () -> lines(o, created, updated));
        n.set("attachments", () -> Json.array());
        n.set("milestones", () -> Json.array());
        n.set("current-integration-history-records", () -> Json.array());
        n.set("custom-fields", () -> customFields(o));
        return n.finish(o.patch());
    }

    private ArrayNode lines(Order o, String created, String updated) {
        ArrayNode lines = Json.array();
        for (OrderLine l : o.lines()) {
            lines.add(renderLine(o, l, created, updated));
        }
        return lines;
    }

    private ObjectNode customFields(Order o) {
        ObjectNode cf = Json.object();
        cf.put("cf-budget-owner", world.user(o.requester()) == null ? null : world.user(o.requester()).login());
        cf.put("cf-project-code", o.id() % 4 == 0 ? "PRJ-" + (100 + o.id() % 37) : null);
        return cf;
    }

    private ObjectNode requisitionRef(long requisitionId) {
        if (requisitionId == 0) {
            return null;
        }
        ObjectNode r = Json.object();
        r.put("id", requisitionId);
        return r;
    }

    ObjectNode renderLine(Order o, OrderLine l, String created, String updated) {
        NestedNodes nodes = world.nodes;
        CatalogItem item = world.ref.catalog.get(l.item());
        long total = Formats.lineTotal(l);
        ObjectNode n = Trees.stamped(l.id(), created, updated);
        n.put("line-num", String.valueOf(l.lineNum()));
        n.put("type", item.amountLine() ? "OrderAmountLine" : "OrderQuantityLine");
        n.put("description", item.description());
        n.put("status", lineStatus(o, l));
        n.put("order-header-id", o.id());
        n.put("order-header-number", poNumber(o.id()));
        n.put("version", o.version());
        if (item.amountLine()) {
            n.putNull("quantity");
            n.put("price", Formats.money(total));
            n.putNull("received");
        } else {
            n.put("quantity", Formats.quantity(l.qtyMilli()));
            n.put("price", Formats.money(l.priceCents()));
            n.put("received", Formats.quantity(l.receivedMilli()));
        }
        n.put("total", Formats.money(total));
        n.put("accounting-total", Formats.money(total));
        n.put("invoiced", Formats.money(l.invoicedCents()));
        n.put("total-invoiced", Formats.money(l.invoicedCents()));
        n.put("need-by-date", Formats.day(l.needBy()));
        n.put("receipt-required", l.receiptRequired());
        n.put("match-type", l.receiptRequired() ? "3-way" : "2-way");
        n.put("requisition-line-id", l.requisitionLineId() == 0 ? null : String.valueOf(l.requisitionLineId()));
        n.put("source-part-num", item.partNumber());
        n.putNull("supp-aux-part-num");
        n.put("invoice-stop", false);
        n.set("currency", nodes.currency(o.currency()));
        n.set("accounting-total-currency", nodes.currency(o.currency()));
        n.set("uom", item.amountLine() ? null : nodes.uom(item.uom()));
        n.set("account", nodes.account(l.account()));
        n.set("commodity", nodes.commodity(item.commodity()));
        n.set("supplier", nodes.supplier(o.supplier()));
        n.putNull("item");
        n.putNull("contract");
        n.putNull("department");
        n.putNull("period");
        n.set("account-allocations", Json.array());
        n.set("attachments", Json.array());
        n.set("created-by", nodes.userSimple(o.createdBy()));
        n.set("updated-by", nodes.userSimple(o.updatedBy()));
        return n;
    }

    static String lineStatus(Order o, OrderLine l) {
        return switch (o.status()) {
            case "cancelled" -> "cancelled";
            case "closed" -> "closed";
            case "draft" -> "draft";
            default -> l.receivedMilli() >= l.qtyMilli() && l.qtyMilli() > 0 ? "received"
                    : l.receivedMilli() > 0 ? "partially_received" : "created";
        };
    }
}
