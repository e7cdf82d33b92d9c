package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Approval;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.ArrayList;
import java.util.List;

/** Builds approval chains when a document is submitted. Call under the world's write lock. */
final class Approvals {
    /** Documents above this total (in cents) also need a finance approver. */
    static final long FINANCE_THRESHOLD_CENTS = 1_000_000;

    private Approvals() {}

    /**
     * The chain for a newly submitted document: the requester's manager (or user 1 when the requester has none),
     * then, above the threshold, the first finance user who is neither the requester nor already in the chain.
     * Every approval starts pending_approval.
     */
    static long[] newChain(World world, String approvableType, long approvableId, int requester, long totalCents,
            long now) {
        List<Integer> approvers = new ArrayList<>();
        User u = world.user(requester);
        int manager = u != null && u.manager() != 0 ? u.manager() : requester == 1 ? 2 : 1;
        approvers.add(manager);
        if (Math.abs(totalCents) > FINANCE_THRESHOLD_CENTS) {
            for (User candidate : world.users.values()) {
                if (candidate.department() == 3 && candidate.id() != requester && candidate.id() != manager) {
                    approvers.add(candidate.id());
                    break;
                }
            }
        }
        long chainId = world.approvalChainSeq.incrementAndGet();
        long[] ids = new long[approvers.size()];
        for (int i = 0; i < ids.length; i++) {
            long id = world.approvalSeq.incrementAndGet();
            world.approvals.put(id, new Approval(id, approvableType, approvableId, chainId, i + 1,
                    ApprovalFlow.PENDING, approvers.get(i), 0, null, now, now));
            ids[i] = id;
        }
        return ids;
    }

    static long[] concat(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
