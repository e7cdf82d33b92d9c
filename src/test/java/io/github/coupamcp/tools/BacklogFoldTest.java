package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Chains the sandbox does not generate: parallel steps, a held step, a group approver, nothing left to decide. */
class BacklogFoldTest {
    private static final Instant AS_OF = Instant.parse("2026-03-31T12:00:00Z");
    private static final BacklogBlock BLOCK = (BacklogBlock) ToolRegistry.load(ToolSettings.defaults()).specs()
            .stream().filter(s -> s.name().equals("approval_backlog")).findFirst().orElseThrow().block();
    private final BacklogFold fold = new BacklogFold(BLOCK, BLOCK.documents().get("invoice"), AS_OF);

    private static ObjectNode invoice(long id, String total, String approvals) {
        ObjectNode invoice = (ObjectNode) Json.MAPPER.readTree("{\"id\": " + id + ", \"invoice-number\": \"INV-" + id
                + "\", \"total-with-taxes\": \"" + total + "\", \"currency\": {\"code\": \"USD\"}, \"approvals\": "
                + approvals.replace('\'', '"') + "}");
        return invoice;
    }

    private static String step(long id, int position, String status, String created, String decided, String type,
            long approver) {
        return "{'id': " + id + ", 'position': " + position + ", 'status': '" + status + "', 'created-at': '"
                + created + "'" + (decided == null ? "" : ", 'approval-date': '" + decided + "'")
                + ", 'approver-type': '" + type + "', 'approver': {'id': " + approver + ", 'login': 'u" + approver
                + "'}}";
    }

    @Test
    void parallelStepsBothWaitSinceTheLastDecisionAndLaterStepsQueue() {
        BacklogFold.Backlog backlog = fold.newAccumulator();
        fold.accept(backlog, invoice(1, "100.00", "[" + String.join(", ",
                step(11, 1, "approved", "2026-03-01T00:00:00Z", "2026-03-20T12:00:00Z", "User", 1),
                step(12, 2, "pending_approval", "2026-03-01T00:00:00Z", null, "User", 2),
                step(13, 2, "on_hold", "2026-03-01T00:00:00Z", null, "ApprovalGroup", 2),
                step(14, 3, "pending_approval", "2026-03-01T00:00:00Z", null, "User", 1)) + "]"));
        assertThat(backlog.documents).isEqualTo(1);
        assertThat(backlog.overall.waiting.count).isEqualTo(2);
        assertThat(backlog.overall.queued).isEqualTo(1);
        assertThat(backlog.approvers.keySet()).containsExactlyInAnyOrder("1", "2", "ApprovalGroup 2");
        assertThat(backlog.approvers.get("ApprovalGroup 2").waiting.count).isEqualTo(1);
        assertThat(backlog.approvers.get("1").queued).isEqualTo(1);
        assertThat(backlog.approvers.get("1").waiting.count).isZero();
        // waiting since the step before was decided (11 days), not since the chain started (30 days)
        assertThat(backlog.overall.oldestDays).isEqualTo(11);
        assertThat(backlog.overall.ages).containsExactly(0, 0, 2, 0, 0);
        assertThat(backlog.overall.waiting.sums.get(0)).containsEntry("USD", new BigDecimal("200.00"));
        assertThat(backlog.oldest.sorted()).extracting(BacklogFold.Waiting::approvalId).containsExactly(12L, 13L);
    }

    @Test
    void aPendingDocumentWithNothingUndecidedCountsNowhere() {
        BacklogFold.Backlog backlog = fold.newAccumulator();
        fold.accept(backlog, invoice(2, "5.00", "[" + step(21, 1, "approved", "2026-03-01T00:00:00Z",
                "2026-03-02T00:00:00Z", "User", 1) + "]"));
        fold.accept(backlog, invoice(3, "5.00", "[]"));
        assertThat(backlog.documents).isZero();
        assertThat(backlog.approvers).isEmpty();
        assertThat(backlog.oldest.sorted()).isEmpty();
    }

    @Test
    void mergingAccumulatorsEqualsFoldingInOne() {
        List<ObjectNode> invoices = List.of(
                invoice(4, "10.00", "[" + step(41, 1, "pending_approval", "2026-01-01T00:00:00Z", null, "User", 5)
                        + "]"),
                invoice(5, "20.00", "[" + step(51, 1, "pending_approval", "2026-03-30T00:00:00Z", null, "User", 5)
                        + "]"));
        BacklogFold.Backlog one = fold.newAccumulator();
        invoices.forEach(i -> fold.accept(one, i));
        BacklogFold.Backlog left = fold.newAccumulator();
        BacklogFold.Backlog right = fold.newAccumulator();
        fold.accept(left, invoices.get(1));
        fold.accept(right, invoices.get(0));
        BacklogFold.Backlog merged = fold.merge(left, right);
        assertThat(merged.documents).isEqualTo(one.documents);
        assertThat(merged.approvers.get("5").ages).containsExactly(one.approvers.get("5").ages);
        assertThat(merged.approvers.get("5").oldestDays).isEqualTo(89);
        assertThat(merged.oldest.sorted()).isEqualTo(one.oldest.sorted());
    }
}
