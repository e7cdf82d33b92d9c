package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.Receipt;
import tools.jackson.databind.node.ObjectNode;

/** Receipts against PO lines (read-only here). */
final class ReceiptCollection extends BaseCollection<Receipt> {
    private final OrderRenderer orders;

    /**
     * Receipts are served both at {@code inventory_transactions} (the classic Receipts API) and at
     * {@code receiving_transactions} (the newer split endpoint); same records, same XML roots.
     */
    ReceiptCollection(World world, OrderRenderer orders, String name) {
        super(world, world.receipts, name, "inventory-transaction", "inventory-transactions",
                "core.inventory.receiving.read", null);
        this.orders = orders;
    }

    @Override
    ObjectNode render(Receipt r) {
        NestedNodes nodes = world.nodes;
        CatalogItem item = world.ref.catalog.get(r.item());
        long total = Formats.lineTotal(r);
        String at = Formats.dateTime(r.createdAt());
        ObjectNode n = Trees.stamped(r.id(), at, Formats.dateTime(r.updatedAt()));
        n.put("type", "ReceivingQuantityConsumption");
        n.put("status", r.status());
        n.put("transaction-date", at);
        n.put("quantity", Formats.quantity(r.qtyMilli()));
        n.put("price", Formats.money(r.priceCents()));
        n.put("total", Formats.money(total));
        n.put("exported", false);
        n.putNull("last-exported-at");
        n.putNull("barcode");
        n.putNull("comments");
        n.putNull("match-reference");
        n.putNull("rfid-tag");
        n.put("soft-close-for-receiving", false);
        n.set("currency", nodes.currency(r.currency()));
        n.set("uom", nodes.uom(item.uom()));
        n.set("account", nodes.account(r.account()));
        n.putNull("item");
        n.set("order-line", orderLine(r));
        n.putNull("to-warehouse");
        n.putNull("to-warehouse-location");
        n.set("account-allocations", Json.array());
        n.set("attachments", Json.array());
        n.set("asset-tags", Json.array());
        n.set("inventory-transaction-lots", Json.array());
        n.set("current-integration-history-records", Json.array());
        n.set("created-by", nodes.userSimple(r.createdBy()));
        n.set("updated-by", nodes.userSimple(r.createdBy()));
        return n;
    }

    private ObjectNode orderLine(Receipt r) {
        Order o = world.orders.get(r.orderId());
        if (o == null) {
            return null;
        }
        for (OrderLine l : o.lines()) {
            if (l.id() == r.orderLineId()) {
                return orders.renderLine(o, l, Formats.dateTime(o.createdAt()), Formats.dateTime(o.updatedAt()));
            }
        }
        return null;
    }
}
