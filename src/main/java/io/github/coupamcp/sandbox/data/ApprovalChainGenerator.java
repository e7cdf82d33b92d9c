package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Approval;
import java.util.SplittableRandom;

/** Approval chains for generated invoices and requisitions, consistent with the document status. */
final class ApprovalChainGenerator extends GeneratorPart {
    ApprovalChainGenerator(World world, Scale scale, SplittableRandom rnd, State state) {
        super(world, scale, rnd, state);
    }

    long[] invoiceApprovals(long invoiceId, String status, int requester, long created) {
        return switch (status) {
            case "pending_approval" -> chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.PENDING);
            case "approved", "payable_adjustment", "processing", "booking_hold" ->
                chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.APPROVED);
            case "rejected" -> chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.REJECTED);
            default -> new long[0];
        };
    }

    long[] requisitionApprovals(long reqId, String status, int requester, long created) {
        return switch (status) {
            case "pending_approval" -> chain("RequisitionHeader", reqId, requester, created, ChainOutcome.PENDING);
            case "approved", "ordered", "partially_received", "received", "backgrounded" ->
                chain("RequisitionHeader", reqId, requester, created, ChainOutcome.APPROVED);
            // a rejected requisition goes back to its requester as a draft (R39 has no "rejected" requisition)
            case "draft" -> chance(25) ? chain("RequisitionHeader", reqId, requester, created, ChainOutcome.REJECTED)
                    : new long[0];
            default -> new long[0];
        };
    }

    private enum ChainOutcome { PENDING, APPROVED, REJECTED }

    /**
     * A chain of 1-3 state.approvers. APPROVED: all approved. PENDING: at least one still pending_approval, the ones
     * before it approved. REJECTED: approved up to the approver who rejected; the chain stops there.
     */
    private long[] chain(String type, long approvableId, int requester, long created, ChainOutcome outcome) {
        int length = 1 + pick(3);
        long chainId = w.approvalChainSeq.incrementAndGet();
        int decided = switch (outcome) {
            case APPROVED -> length;
            case PENDING -> pick(length);
            case REJECTED -> length = 1 + pick(length);
        };
        long[] ids = new long[length];
        long t = created + 3600;
        for (int p = 0; p < length; p++) {
            long id = w.approvalSeq.incrementAndGet();
            String status;
            long decidedAt = 0;
            String note = null;
            if (outcome == ChainOutcome.REJECTED && p == length - 1) {
                status = "rejected";
                t = later(t, 3);
                decidedAt = t;
                note = "Rejected: " + pick(new String[] {"over budget", "wrong cost center", "duplicate request",
                    "missing justification"});
            } else if (p < decided) {
                status = "approved";
                t = later(t, 3);
                decidedAt = t;
            } else {
                status = "pending_approval";
            }
            w.approvals.put(id, new Approval(id, type, approvableId, chainId, p + 1, status, approver(requester),
                    decidedAt, note, created, decidedAt == 0 ? created : decidedAt));
            ids[p] = id;
        }
        return ids;
    }
}
