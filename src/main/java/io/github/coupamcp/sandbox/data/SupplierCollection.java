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
        return world.write(() -> {
            Errors errors = new Errors(SupplierWrites.KEY);
            Supplier s = writes.create(in, errors);
            return s == null ? errors.result() : WriteResult.created(render(s));
        });
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return world.write(() -> {
            Supplier s = get(id);
            if (s == null) {
                return WriteResult.notFound();
            }
            Errors errors = new Errors(SupplierWrites.KEY);
            Supplier out = writes.update(s, in, errors);
            return out == null ? errors.result() : WriteResult.ok(render(out));
        });
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        return get(id) == null ? WriteResult.notFound() : WriteResult.unsupported("Unknown supplier action " + action);
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
