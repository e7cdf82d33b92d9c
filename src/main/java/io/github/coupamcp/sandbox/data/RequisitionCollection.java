package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Requisition;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/requisitions}. */
final class RequisitionCollection extends BaseCollection<Requisition> {
    private final RequisitionRenderer renderer;

    RequisitionCollection(World world, RequisitionRenderer renderer) {
        super(world, world.requisitions, "requisitions", "requisition-header", "requisition-headers",
                "core.requisition.read", "core.requisition.write");
        this.renderer = renderer;
    }

    @Override
    ObjectNode render(Requisition r) {
        return renderer.render(r);
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-budget-code", "cf-capex");
    }
}
