package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Approval;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/approvals}: invoice and requisition approvals. */
final class ApprovalCollection extends BaseCollection<Approval> {
    private final ApprovalRenderer renderer;

    ApprovalCollection(World world, ApprovalRenderer renderer) {
        super(world, world.approvals, "approvals", "approval", "approvals", "core.approval.read",
                "core.approval.write");
        this.renderer = renderer;
    }

    @Override
    ObjectNode render(Approval a) {
        return renderer.render(a);
    }
}
