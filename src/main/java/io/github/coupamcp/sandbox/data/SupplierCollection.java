package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Supplier;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/suppliers}. */
final class SupplierCollection extends BaseCollection<Supplier> {
    static final Set<String> CUSTOM_FIELDS = Set.of("cf-vendor-category", "cf-erp-vendor-id");
    private final SupplierRenderer renderer;
    private final SupplierWrites writes;

    SupplierCollection(World world) {
        super(world, world.suppliers, "suppliers", "supplier", "suppliers", "core.supplier.read",
                "core.supplier.write");
        this.renderer = new SupplierRenderer(world);
        this.writes = new SupplierWrites(world, CUSTOM_FIELDS);
    }

    @Override
    public WriteResult create(ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return createWith(SupplierWrites.KEY, errors -> writes.create(in, errors));
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, SupplierWrites.KEY, (s, errors) -> writes.update(s, in, errors));
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        return unknownAction(id, "Unknown supplier action " + action);
    }

    @Override
    ObjectNode render(Supplier s) {
        return renderer.render(s);
    }

    @Override
    public Set<String> customFieldNames() {
        return CUSTOM_FIELDS;
    }
}
