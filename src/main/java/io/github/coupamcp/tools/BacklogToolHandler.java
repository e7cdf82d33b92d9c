package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.shape.PageTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic backlog tool: scans the documents pending approval of the asked type (each type one scan, the minimum
 * amount filtered by Coupa), folds their chains into what waits on each approver, and answers the approvers with the
 * most waiting, the rest in one, the whole, and the longest waiting steps. Cached like every scan answer.
 */
final class BacklogToolHandler implements ToolHandler.WithProgress {
    static final int DEFAULT_TOP = 10;
    /** Where a requisition's title, text its requester typed, is echoed. */
    private static final String UNTRUSTED_NUMBERS = "oldest[].number";
    static final String RANKING = "ranked by steps waiting, most first; ties by steps queued, then by approver id";

    private final ToolSpec spec;
    private final BacklogBlock block;
    private final ToolContext context;
    private final ScanAnswers scans;

    BacklogToolHandler(ToolSpec spec, BacklogBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.scans = new ScanAnswers(context);
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        String type = arguments.path(BacklogKind.DOCUMENT_TYPE).asString(BacklogKind.BOTH);
        List<BacklogBlock.Document> documents = type.equals(BacklogKind.BOTH)
                ? List.copyOf(block.documents().values()) : List.of(block.documents().get(type));
        String minAmount = arguments.has(BacklogKind.MIN_AMOUNT)
                ? new BigDecimal(arguments.get(BacklogKind.MIN_AMOUNT).asString()).stripTrailingZeros().toPlainString()
                : null;
        int top = arguments.path(BacklogKind.TOP).asInt(DEFAULT_TOP);
        ObjectNode question = arguments.deepCopy();
        List.of(BacklogKind.TOP, BacklogKind.FRESH).forEach(question::remove);
        question.put(BacklogKind.DOCUMENT_TYPE, type);
        ScanAnswers.Scanned<BacklogFold.Backlog> scanned;
        try {
            scanned = scans.cached(spec.name(), question,
                    arguments.path(BacklogKind.FRESH).asBoolean(false), () -> scan(documents, minAmount, progress));
        } catch (ScanIncompleteException e) {
            return ToolOutcome.error(e.getMessage());
        }
        ToolOutcome answer = null;
        for (int shown = top; shown >= 1; shown--) {
            answer = render(scanned.result().value(), type, minAmount, shown, shown < top ? top : 0,
                    scanned.result().coverage(), scanned.cached());
            if (context.budget().fits(answer.structured(), answer.text())) {
                return answer;
            }
        }
        return answer;
    }

    /** One scan per document type, in order, folded into one backlog; ages as of the first scan's start. */
    private ScanResult<BacklogFold.Backlog> scan(List<BacklogBlock.Document> documents, String minAmount,
            ToolProgress progress) {
        Instant asOf = Instant.now();
        BacklogFold.Backlog backlog = null;
        List<ScanCoverage> coverage = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            BacklogBlock.Document d = documents.get(i);
            CoupaQuery.Builder query = CoupaQuery.builder().filter("status", Op.EQ, d.status()).fields(d.fields());
            if (minAmount != null) {
                query.filter(d.total(), Op.GT_OR_EQ, minAmount);
            }
            BacklogFold fold = new BacklogFold(block, d, asOf);
            ScanResult<BacklogFold.Backlog> result = scans.scan(d.resource(), query.build(), fold, d.entities(),
                    progress, i, documents.size(), coverage.isEmpty() ? null : ScanAnswers.combined(coverage));
            backlog = backlog == null ? result.value() : fold.merge(backlog, result.value());
            coverage.add(result.coverage());
        }
        return new ScanResult<>(backlog, ScanAnswers.combined(coverage));
    }

    private ToolOutcome render(BacklogFold.Backlog backlog, String type, String minAmount, int top, int askedTop,
            ScanCoverage coverage, boolean cached) {
        List<BacklogFold.ApproverTally> ranked = new ArrayList<>(backlog.approvers.values());
        ranked.sort(Comparator.<BacklogFold.ApproverTally>comparingLong(t -> t.waiting.count).reversed()
                .thenComparing(Comparator.<BacklogFold.ApproverTally>comparingLong(t -> t.queued).reversed())
                .thenComparing(t -> t.key));
        List<BacklogFold.ApproverTally> shown = ranked.subList(0, Math.min(top, ranked.size()));
        BacklogFold.ApproverTally other = new BacklogFold.ApproverTally("", null, block.buckets().size());
        ranked.subList(shown.size(), ranked.size()).forEach(other::addAll);
        int others = ranked.size() - shown.size();

        ObjectNode structured = Json.object();
        structured.put("document_type", type);
        if (minAmount != null) {
            structured.put("min_amount", minAmount);
        }
        structured.put("ranking", RANKING);
        ObjectNode overall = tally(backlog.overall, false);
        overall.put("documents", backlog.documents);
        structured.set("overall", overall);
        ArrayNode approvers = structured.putArray("approvers");
        shown.forEach(t -> approvers.add(tally(t, true)));
        if (others > 0) {
            structured.set("other", tally(other, false).put("approvers", others));
        }
        ArrayNode oldest = structured.putArray("oldest");
        boolean untrusted = false;
        for (BacklogFold.Waiting w : backlog.oldest.sorted()) {
            ObjectNode item = oldest.addObject().put("document_type", w.documentType()).put("document_id",
                    w.documentId());
            if (w.number() != null) {
                item.put("number", w.number());
                if (block.numberIsFreeText(w.documentType())) {
                    untrusted = true;
                }
            }
            item.put("approval_id", w.approvalId()).put("approver", w.approver())
                    .put("waiting_since", w.since().toString()).put("days_waiting", w.days());
            if (w.total() != null && w.currency() != null) {
                item.put("total", w.total().toPlainString()).put("currency", w.currency());
            }
        }
        structured.set("scan", ScanAnswers.coverage(coverage, cached));
        if (untrusted) {
            structured.putArray("untrusted").add(UNTRUSTED_NUMBERS);
        }
        return ToolOutcome.success(structured, text(backlog, type, minAmount, shown, other, others, askedTop,
                coverage, cached));
    }

    private ObjectNode tally(BacklogFold.ApproverTally t, boolean approver) {
        ObjectNode node = Json.object();
        if (approver) {
            node.put("key", t.key);
            if (t.label != null) {
                node.put("label", t.label);
            }
        }
        node.put("waiting", t.waiting.count).put("queued", t.queued);
        node.set("totals", PageTotals.toJson(t.waiting.sums.get(0)));
        ObjectNode ages = node.putObject("age_days");
        for (int i = 0; i < t.ages.length; i++) {
            ages.put(block.buckets().labels().get(i), t.ages[i]);
        }
        if (t.oldestDays >= 0) {
            node.put("oldest_days", t.oldestDays);
        }
        return node;
    }

    private String text(BacklogFold.Backlog backlog, String type, String minAmount,
            List<BacklogFold.ApproverTally> shown, BacklogFold.ApproverTally other, int others, int askedTop,
            ScanCoverage coverage, boolean cached) {
        String what = type.equals(BacklogKind.BOTH) ? String.join(" and ", block.documents().values().stream()
                .map(BacklogBlock.Document::entities).toList()) : block.documents().get(type).entities();
        String atLeast = minAmount == null ? "" : " with a total of at least " + minAmount + " (in their own currency)";
        StringBuilder sb = new StringBuilder();
        if (backlog.documents == 0) {
            sb.append("No ").append(what).append(atLeast).append(" wait for approval.");
        } else {
            sb.append(backlog.documents).append(' ').append(what).append(atLeast).append(" wait for approval: ")
                    .append(steps(backlog.overall)).append('.');
        }
        if (!shown.isEmpty()) {
            sb.append(" By approver, top ").append(shown.size()).append(" of ").append(shown.size() + others)
                    .append(", ").append(RANKING).append(':');
            int rank = 1;
            for (BacklogFold.ApproverTally t : shown) {
                sb.append('\n').append(rank++).append(". ").append(t.label != null ? t.label + " (" + t.key + ")"
                        : t.key).append(": ").append(steps(t));
            }
            if (others > 0) {
                sb.append("\nOther ").append(others).append(others == 1 ? " approver: " : " approvers: ")
                        .append(steps(other));
            }
            if (askedTop > 0) {
                sb.append("\nOnly ").append(shown.size()).append(" of the top ").append(askedTop)
                        .append(" fit the response budget; narrow the question (document_type, min_amount).");
            }
        }
        List<BacklogFold.Waiting> oldest = backlog.oldest.sorted();
        boolean untrusted = false;
        if (!oldest.isEmpty()) {
            sb.append("\nWaiting longest:");
            int rank = 1;
            for (BacklogFold.Waiting w : oldest) {
                sb.append('\n').append(rank++).append(". ").append(w.documentType()).append(' ')
                        .append(w.documentId());
                if (w.number() != null) {
                    sb.append(" (").append(block.numberIsFreeText(w.documentType()) ? FreeText.mark(w.number())
                            : w.number()).append(')');
                    untrusted |= block.numberIsFreeText(w.documentType());
                }
                sb.append(" on ").append(w.approver()).append(" for ").append(w.days()).append(" days");
                if (w.total() != null && w.currency() != null) {
                    sb.append(", total ").append(w.total().toPlainString()).append(' ').append(w.currency());
                }
            }
        }
        if (untrusted) {
            sb.append("\nNote: ").append(FreeText.note(List.of(UNTRUSTED_NUMBERS)));
        }
        sb.append("\nA document waits on its current step (the lowest undecided position; ")
                .append(String.join(" or ", block.undecided())).append("), since the step before it was decided; "
                        + "later steps are queued. Ages in days: ").append(String.join(", ", block.buckets().labels()))
                .append('.');
        sb.append('\n').append(ScanAnswers.coverageText(coverage, cached)).append(" Totals are per currency, never "
                + "converted.");
        if (context.tools().contains(block.listTool())) {
            sb.append(" One approver's steps: ").append(block.listTool())
                    .append(" with approver_id and status [\"pending_approval\"].");
        }
        return sb.toString();
    }

    /** "12 steps waiting, oldest 40 days (3-7 days: 2, 30+ days: 10); totals 10.00 USD; 3 queued": empty buckets left out. */
    private String steps(BacklogFold.ApproverTally t) {
        StringBuilder sb = new StringBuilder().append(t.waiting.count).append(t.waiting.count == 1 ? " step" : " steps")
                .append(" waiting");
        if (t.waiting.count > 0) {
            sb.append(", oldest ").append(t.oldestDays).append(" days (");
            String separator = "";
            for (int i = 0; i < t.ages.length; i++) {
                if (t.ages[i] > 0) {
                    sb.append(separator).append(block.buckets().labels().get(i)).append(" days: ").append(t.ages[i]);
                    separator = ", ";
                }
            }
            sb.append(')');
        }
        Map<String, BigDecimal> totals = t.waiting.sums.get(0);
        if (!totals.isEmpty()) {
            sb.append("; totals ").append(PageTotals.describe(totals));
        }
        if (t.queued > 0) {
            sb.append("; ").append(t.queued).append(" queued");
        }
        return sb.toString();
    }
}
