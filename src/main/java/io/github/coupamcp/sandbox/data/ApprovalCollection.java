package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Approval;
import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.Requisition;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/approvals} and the approve / reject / hold actions. Rules:
 * <ul>
 *   <li>Only an open approval (pending_approval, or on_hold for approve/reject) of a document that is itself
 *       pending_approval can be acted on; hold needs pending_approval.</li>
 *   <li>approve: -> approved (approval-date, approved-by). When no open approval remains in the document's
 *       chain, the invoice or requisition moves to approved.</li>
 *   <li>reject: -> rejected, with the reason ({@code reason} parameter, or {@code reason}/{@code note} in the
 *       body). The invoice moves to rejected; a requisition back to draft. The chain's other open approvals are
 *       withdrawn (removed), as Coupa rebuilds the chain on resubmission.</li>
 *   <li>hold: pending_approval -> on_hold.</li>
 * </ul>
 * The approval and its document both get a strictly later updated-at.
 */
final class ApprovalCollection extends BaseCollection<Approval> {
    private static final String WRITE = "core.approval.write";
    private static final Map<String, String> ACTIONS = Map.of("approve", WRITE, "reject", WRITE, "hold", WRITE);
    private static final String KEY = "approval";

    private final ApprovalRenderer renderer;
    private final InvoiceWrites invoices;
    private final RequisitionWrites requisitions;

    ApprovalCollection(World world, ApprovalRenderer renderer, InvoiceWrites invoices,
            RequisitionWrites requisitions) {
        super(world, world.approvals, "approvals", "approval", "approvals", "core.approval.read", WRITE);
        this.renderer = renderer;
        this.invoices = invoices;
        this.requisitions = requisitions;
    }

    @Override
    ObjectNode render(Approval a) {
        return renderer.render(a);
    }

    @Override
    public Map<String, String> actionScopes() {
        return ACTIONS;
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!ACTIONS.containsKey(action)) {
            return unknownAction(id, "Unknown approval action " + action);
        }
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, KEY, (a, errors) -> {
            String problem = refusal(a, action);
            if (problem != null) {
                errors.add(problem);
                return null;
            }
            String reason = params != null && params.get("reason") != null ? params.get("reason")
                    : Bodies.text(in, "reason") != null ? Bodies.text(in, "reason") : Bodies.text(in, "note");
            Approval out = switch (action) {
                case "approve" -> decide(a, ApprovalFlow.APPROVED, reason);
                case "reject" -> decide(a, ApprovalFlow.REJECTED, reason);
                default -> save(a, ApprovalFlow.ON_HOLD, 0, reason != null ? reason : a.note());
            };
            documentFollows(out, reason);
            return out;
        });
    }

    private String refusal(Approval a, String action) {
        if (action.equals("hold") ? !a.status().equals(ApprovalFlow.PENDING) : !ApprovalFlow.isUndecided(a.status())) {
            return "Approval " + a.id() + " is " + a.status() + " and cannot be "
                    + (action.equals("hold") ? "held" : action + "d") + "; only pending approvals can";
        }
        String docStatus = documentStatus(a);
        if (!ApprovalFlow.PENDING.equals(docStatus)) {
            return "The " + label(a) + " " + a.approvableId() + " is " + docStatus + ", not pending approval";
        }
        return null;
    }

    private String documentStatus(Approval a) {
        if (a.approvableType().equals("InvoiceHeader")) {
            Invoice inv = world.invoices.get(a.approvableId());
            return inv == null ? "missing" : inv.status();
        }
        Requisition r = world.requisitions.get(a.approvableId());
        return r == null ? "missing" : r.status();
    }

    private static String label(Approval a) {
        return a.approvableType().equals("InvoiceHeader") ? "invoice" : "requisition";
    }

    private Approval decide(Approval a, String status, String reason) {
        long now = world.stamp(a.updatedAt());
        return save(a, status, now, reason != null ? reason : a.note());
    }

    private Approval save(Approval a, String status, long decidedAt, String note) {
        Approval out = new Approval(a.id(), a.approvableType(), a.approvableId(), a.chainId(), a.position(), status,
                a.approver(), decidedAt, note, a.createdAt(), world.stamp(a.updatedAt()));
        world.approvals.put(out.id(), out);
        return out;
    }

    /** Moves the invoice / requisition when its chain completes or is rejected; always bumps its updated-at. */
    private void documentFollows(Approval changed, String reason) {
        if (changed.approvableType().equals("InvoiceHeader")) {
            Invoice inv = world.invoices.get(changed.approvableId());
            long[] chain = inv.approvals();
            if (changed.status().equals(ApprovalFlow.REJECTED)) {
                invoices.copy(inv, "rejected", withdrawOpen(chain), inv.disputeReason(), inv.paid(), inv.exported(),
                        inv.patch());
            } else {
                invoices.withStatus(inv, anyOpen(chain) ? inv.status() : ApprovalFlow.APPROVED);
            }
        } else {
            Requisition r = world.requisitions.get(changed.approvableId());
            long[] chain = r.approvals();
            if (changed.status().equals(ApprovalFlow.REJECTED)) {
                Requisition back = requisitions.rejected(r, reason);
                requisitions.copy(back, back.status(), withdrawOpen(chain), back.submittedAt(), back.patch());
            } else {
                requisitions.copy(r, anyOpen(chain) ? r.status() : ApprovalFlow.APPROVED, chain, r.submittedAt(),
                        r.patch());
            }
        }
    }

    private boolean anyOpen(long[] chain) {
        for (long id : chain) {
            Approval a = world.approvals.get(id);
            if (a != null && ApprovalFlow.isUndecided(a.status())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the still-open approvals of a rejected chain; returns the ids that remain. */
    private long[] withdrawOpen(long[] chain) {
        return java.util.Arrays.stream(chain).filter(id -> {
            Approval a = world.approvals.get(id);
            if (a != null && ApprovalFlow.isUndecided(a.status())) {
                world.approvals.remove(id);
                return false;
            }
            return a != null;
        }).toArray();
    }
}
