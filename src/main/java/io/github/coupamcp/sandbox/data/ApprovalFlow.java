package io.github.coupamcp.sandbox.data;

/** Approval statuses and what counts as still open. The actions live in {@link ApprovalCollection}. */
final class ApprovalFlow {
    static final String PENDING = "pending_approval";
    static final String ON_HOLD = "on_hold";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    private ApprovalFlow() {}

    /** An approval still waiting for a decision: pending, or put on hold (a paused pending approval). */
    static boolean isUndecided(String status) {
        return PENDING.equals(status) || ON_HOLD.equals(status);
    }
}
