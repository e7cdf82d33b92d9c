package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Order;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/purchase_orders}: order headers with their lines. */
final class PurchaseOrderCollection extends BaseCollection<Order> {
    private final OrderRenderer renderer;

    PurchaseOrderCollection(World world, OrderRenderer renderer) {
        super(world, world.orders, "purchase_orders", "order-header", "order-headers", "core.purchase_order.read",
                "core.purchase_order.write");
        this.renderer = renderer;
    }

    @Override
    ObjectNode render(Order o) {
        return renderer.render(o);
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-budget-owner", "cf-project-code");
    }
}
