package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/purchase_order_lines}: the lines of all purchase orders, each rendered alone (read-only). */
final class PurchaseOrderLineCollection extends BaseCollection<Long> {
    private final OrderRenderer renderer;

    PurchaseOrderLineCollection(World world, OrderRenderer renderer) {
        super(world, world.orderLineToOrder, "purchase_order_lines", "order-line", "order-lines",
                "core.purchase_order.read", null);
        this.renderer = renderer;
    }

    @Override
    public ObjectNode render(long lineId) {
        Long orderId = world.orderLineToOrder.get(lineId);
        Order o = orderId == null ? null : world.orders.get(orderId);
        if (o == null) {
            return null;
        }
        for (OrderLine l : o.lines()) {
            if (l.id() == lineId) {
                return renderer.renderLine(o, l, Formats.dateTime(o.createdAt()), Formats.dateTime(o.updatedAt()));
            }
        }
        return null;
    }

    @Override
    public ObjectNode renderFields(long lineId, java.util.Set<String> fields) {
        ObjectNode full = render(lineId);
        if (full != null) {
            full.retain(fields);
        }
        return full;
    }

    @Override
    ObjectNode render(Long orderId) {
        throw new UnsupportedOperationException("rendered by line id");
    }
}
