package io.github.coupamcp.sandbox.data;

import static io.github.coupamcp.sandbox.data.WriteFixture.errors;
import static io.github.coupamcp.sandbox.data.WriteFixture.id;
import static io.github.coupamcp.sandbox.data.WriteFixture.json;
import static io.github.coupamcp.sandbox.data.WriteFixture.ok;
import static io.github.coupamcp.sandbox.data.WriteFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ApprovalActionsTest {
    WriteFixture f;
    SandboxCollection approvals;
    SandboxCollection invoices;

    @BeforeEach
    void setUp() {
        f = new WriteFixture();
        approvals = f.c("approvals");
        invoices = f.c("invoices");
    }

    /** A draft invoice submitted now: a fresh chain whose approvals are all pending. */
    ObjectNode submittedInvoice(boolean large) {
        ObjectNode draft = f.first("invoices", n -> text(n, "status").equals("draft")
                && (new java.math.BigDecimal(text(n, "total-with-taxes")).abs().compareTo(
                        new java.math.BigDecimal("10000")) > 0) == large);
        return ok(invoices.action(id(draft), "submit", json("{}"), Map.of()));
    }

    ObjectNode act(long approvalId, String action) {
        return ok(approvals.action(approvalId, action, json("{}"), Map.of()));
    }

    List<String> refused(long approvalId, String action) {
        return errors(approvals.action(approvalId, action, json("{}"), Map.of()), "approval");
    }

    List<Long> chain(ObjectNode doc) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode a : doc.get("approvals")) {
            if (text(a, "status").equals("pending_approval")) {
                ids.add(id(a));
            }
        }
        return ids;
    }

    @Test
    void approvingTheLastPendingApprovalApprovesTheInvoice() {
        ObjectNode inv = submittedInvoice(true);
        List<Long> pending = chain(inv);
        assertThat(pending).hasSize(2);
        ObjectNode first = act(pending.get(0), "approve");
        assertThat(text(first, "status")).isEqualTo("approved");
        assertThat(first.get("approved-by").get("id")).isEqualTo(first.get("approver").get("id"));
        assertThat(first.get("approval-date").isNull()).isFalse();
        ObjectNode mid = invoices.render(id(inv));
        assertThat(text(mid, "status")).isEqualTo("pending_approval");
        assertThat(text(mid, "updated-at")).isGreaterThan(text(inv, "updated-at"));
        act(pending.get(1), "approve");
        ObjectNode done = invoices.render(id(inv));
        assertThat(text(done, "status")).isEqualTo("approved");
        assertThat(text(done, "updated-at")).isGreaterThan(text(mid, "updated-at"));
    }

    @Test
    void rejectingRejectsTheInvoiceAndWithdrawsTheOtherOpenApprovals() {
        ObjectNode inv = submittedInvoice(true);
        List<Long> pending = chain(inv);
        ObjectNode rejected = ok(approvals.action(pending.get(0), "reject", json("{}"),
                Map.of("reason", "Rejected by Integration")));
        assertThat(text(rejected, "status")).isEqualTo("rejected");
        assertThat(text(rejected, "note")).isEqualTo("Rejected by Integration");
        ObjectNode after = invoices.render(id(inv));
        assertThat(text(after, "status")).isEqualTo("rejected");
        assertThat(approvals.render(pending.get(1))).isNull();
        assertThat(after.get("approvals").findValuesAsString("status")).doesNotContain("pending_approval");
    }

    @Test
    void holdPausesAnApprovalThatCanStillBeDecided() {
        ObjectNode inv = submittedInvoice(false);
        long a = chain(inv).get(0);
        assertThat(text(act(a, "hold"), "status")).isEqualTo("on_hold");
        assertThat(refused(a, "hold")).containsExactly(
                "Approval " + a + " is on_hold and cannot be held; only pending approvals can");
        assertThat(text(invoices.render(id(inv)), "status")).isEqualTo("pending_approval");
        act(a, "approve");
        assertThat(text(invoices.render(id(inv)), "status")).isEqualTo("approved");
    }

    @Test
    void decidedApprovalsCannotBeActedOn() {
        ObjectNode approved = f.withStatus("approvals", "approved");
        ObjectNode rejected = f.withStatus("approvals", "rejected");
        for (String action : List.of("approve", "reject", "hold")) {
            assertThat(refused(id(approved), action).get(0)).contains("is approved and cannot be");
            assertThat(refused(id(rejected), action).get(0)).contains("is rejected and cannot be");
        }
    }

    @Test
    void approvalsOfADisputedInvoiceWaitForTheDispute() {
        ObjectNode inv = submittedInvoice(false);
        long a = chain(inv).get(0);
        ok(invoices.action(id(inv), "dispute", json("{}"), Map.of()));
        assertThat(refused(a, "approve")).containsExactly(
                "The invoice " + id(inv) + " is disputed, not pending approval");
        ok(invoices.action(id(inv), "withdraw_dispute", json("{}"), Map.of()));
        act(a, "approve");
        assertThat(text(invoices.render(id(inv)), "status")).isEqualTo("approved");
    }

    @Test
    void requisitionApprovalsApproveOrSendBackToDraft() {
        SandboxCollection reqs = f.c("requisitions");
        ObjectNode draft = f.first("requisitions", n -> text(n, "status").equals("draft"));
        ObjectNode submitted = ok(reqs.action(id(draft), "update_and_submit_for_approval", json("{}"), Map.of()));
        assertThat(text(submitted, "status")).isEqualTo("pending_approval");
        assertThat(submitted.get("current-approval").isNull()).isFalse();
        List<Long> pending = chain(submitted);
        ok(approvals.action(pending.get(0), "reject", json("{'reason':'over budget'}"), Map.of()));
        ObjectNode back = reqs.render(id(draft));
        assertThat(text(back, "status")).isEqualTo("draft");
        assertThat(text(back, "reject-reason-comment")).isEqualTo("over budget");

        ObjectNode again = ok(reqs.action(id(draft), "update_and_submit_for_approval", json("{}"), Map.of()));
        for (long a : chain(again)) {
            act(a, "approve");
        }
        assertThat(text(reqs.render(id(draft)), "status")).isEqualTo("approved");
    }

    @Test
    void unknownActionsAndIds() {
        long a = id(f.withStatus("approvals", "pending_approval"));
        assertThat(approvals.action(a, "escalate", json("{}"), Map.of())).isInstanceOf(WriteResult.Unsupported.class);
        assertThat(approvals.action(99_999_999, "approve", json("{}"), Map.of()))
                .isInstanceOf(WriteResult.NotFound.class);
        assertThat(approvals.actionScopes()).containsOnlyKeys("approve", "reject", "hold")
                .containsValue("core.approval.write");
        assertThat(approvals.readScope()).isEqualTo("core.approval.read");
    }

    @Test
    void concurrentDecisionsOnOneApprovalLetExactlyOneWin() throws Exception {
        ObjectNode inv = submittedInvoice(false);
        long a = chain(inv).get(0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WriteResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String action = i % 2 == 0 ? "approve" : "reject";
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return approvals.action(a, action, json("{}"), Map.of());
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<WriteResult> r : results) {
            if (r.get(10, TimeUnit.SECONDS) instanceof WriteResult.Ok) {
                ok++;
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(1);
        String approval = text(approvals.render(a), "status");
        String invoice = text(invoices.render(id(inv)), "status");
        assertThat(invoice).isEqualTo(approval.equals("approved") ? "approved" : "rejected");
    }

    @Test
    void concurrentCreatesOfOneInvoiceNumberCreateOnlyOne() throws Exception {
        ObjectNode supplier = f.withStatus("suppliers", "active");
        String body = "{'invoice-number':'RACE-1','invoice-date':'2026-06-01','supplier':{'id':" + id(supplier)
                + "},'currency':{'code':'USD'},'invoice-lines':[{'description':'x','price':'1','quantity':'1'}]}";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WriteResult>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return invoices.create(json(body));
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<WriteResult> r : results) {
            created += r.get(10, TimeUnit.SECONDS) instanceof WriteResult.Ok ? 1 : 0;
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
    }
}
