package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.Approval;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders Coupa's Approval object, standalone and as embedded in invoices and requisitions. */
final class ApprovalRenderer {
    private final World world;

    ApprovalRenderer(World world) {
        this.world = world;
    }

    ObjectNode render(Approval a) {
        NestedNodes nodes = world.nodes;
        ObjectNode n = Trees.stamped(a.id(), Formats.dateTime(a.createdAt()), Formats.dateTime(a.updatedAt()));
        n.put("position", a.position());
        n.put("approval-chain-id", a.chainId());
        n.put("status", a.status());
        n.put("approval-date", a.approvalDate() == 0 ? null : Formats.dateTime(a.approvalDate()));
        n.put("note", a.note());
        n.put("type", a.approvableType().equals("RequisitionHeader") ? "ManagementHierarchyApproval"
                : "ApprovalChainApproval");
        n.put("approvable-type", a.approvableType());
        n.put("approvable-id", a.approvableId());
        n.put("approver-type", "User");
        n.put("approver-id", a.approver());
        n.set("approver", nodes.userSimple(a.approver()));
        n.set("approved-by", a.status().equals("approved") ? nodes.userSimple(a.approver()) : null);
        n.put("holdable", a.status().equals("pending_approval"));
        n.putNull("delegate-id");
        n.putNull("parallel-group-name");
        n.set("created-by", nodes.userSimple(a.approver()));
        n.set("updated-by", nodes.userSimple(a.approver()));
        return n;
    }

    ArrayNode renderAll(long[] ids) {
        ArrayNode arr = Json.array();
        if (ids != null) {
            for (long id : ids) {
                Approval a = world.approvals.get(id);
                if (a != null) {
                    arr.add(render(a));
                }
            }
        }
        return arr;
    }

    /** The first undecided approval of a chain (Coupa's current-approval), or null. */
    ObjectNode current(long[] ids) {
        if (ids != null) {
            for (long id : ids) {
                Approval a = world.approvals.get(id);
                if (a != null && ApprovalFlow.isUndecided(a.status())) {
                    return render(a);
                }
            }
        }
        return null;
    }
}
