package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Supplier;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/suppliers}. */
final class SupplierCollection extends BaseCollection<Supplier> {
    private final SupplierRenderer renderer;

    SupplierCollection(World world) {
        super(world, world.suppliers, "suppliers", "supplier", "suppliers", "core.supplier.read",
                "core.supplier.write");
        this.renderer = new SupplierRenderer(world);
    }

    @Override
    ObjectNode render(Supplier s) {
        return renderer.render(s);
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-vendor-category", "cf-erp-vendor-id");
    }
}
