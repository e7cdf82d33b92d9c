package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds documents pending approval into a backlog per approver. A document waits on the undecided approvals of the
 * lowest position in its chain (several when they run in parallel); its later undecided steps are queued for their
 * approvers. A step has waited since it became current: the last decision before it in the chain, or the chain's
 * start. Memory grows with the number of approvers, never with the number of documents.
 */
final class BacklogFold implements Fold<BacklogFold.Backlog> {
    static final String NONE = "(none)";

    /** One step waiting for its approver, as the answer lists it. */
    record Waiting(String documentType, long documentId, String number, long approvalId, String approver,
            Instant since, long days, BigDecimal total, String currency) {}

    /** Longest waiting first; ties by document type and id, so arrival order does not matter. */
    static final Comparator<Waiting> LONGEST_FIRST = Comparator.comparing(Waiting::since)
            .thenComparing(Waiting::documentType).thenComparingLong(Waiting::documentId)
            .thenComparingLong(Waiting::approvalId);

    /** What waits on one approver (or on all): steps, their documents' totals per currency, ages, queued steps. */
    static final class ApproverTally {
        final String key;
        String label;
        /** Count of waiting steps and the sum of their documents' totals. */
        final GroupTally waiting;
        final long[] ages;
        long queued;
        long oldestDays = -1;

        ApproverTally(String key, String label, int buckets) {
            this.key = key;
            this.label = label;
            this.waiting = new GroupTally(key, label, 1);
            this.ages = new long[buckets];
        }

        void addAll(ApproverTally other) {
            waiting.addAll(other.waiting);
            if (label == null) {
                label = other.label;
            }
            for (int i = 0; i < ages.length; i++) {
                ages[i] += other.ages[i];
            }
            queued += other.queued;
            oldestDays = Math.max(oldestDays, other.oldestDays);
        }
    }

    static final class Backlog {
        long documents;
        final ApproverTally overall;
        final Map<String, ApproverTally> approvers = new HashMap<>();
        final Oldest<Waiting> oldest;

        Backlog(int buckets, int oldest) {
            this.overall = new ApproverTally("", null, buckets);
            this.oldest = new Oldest<>(oldest, LONGEST_FIRST);
        }
    }

    private final BacklogBlock block;
    private final BacklogBlock.Document document;
    private final Instant asOf;

    BacklogFold(BacklogBlock block, BacklogBlock.Document document, Instant asOf) {
        this.block = block;
        this.document = document;
        this.asOf = asOf;
    }

    @Override
    public Backlog newAccumulator() {
        return new Backlog(block.buckets().size(), block.oldest());
    }

    @Override
    public void accept(Backlog backlog, ObjectNode record) {
        List<JsonNode> undecided = new ArrayList<>();
        List<JsonNode> decided = new ArrayList<>();
        JsonNode chain = SummaryFold.at(record, document.approvals());
        if (chain != null && chain.isArray()) {
            chain.forEach(a -> (block.undecided().contains(a.path("status").asString("")) ? undecided : decided)
                    .add(a));
        }
        if (undecided.isEmpty()) {
            return; // pending by status, but no step waits on anyone: nothing to attribute
        }
        backlog.documents++;
        int current = undecided.stream().mapToInt(a -> a.path("position").asInt(0)).min().orElse(0);
        Instant lastDecision = decided.stream().filter(a -> a.path("position").asInt(0) < current)
                .map(a -> instant(a, "approval-date")).filter(i -> i != null).max(Comparator.naturalOrder())
                .orElse(null);
        String currency = AgingFold.currency(record, document.currency());
        BigDecimal total = SummaryFold.amount(record, document.total().split("\\."), 0);
        for (JsonNode step : undecided) {
            ApproverTally approver = approver(backlog, step);
            if (step.path("position").asInt(0) != current) {
                approver.queued++;
                backlog.overall.queued++;
                continue;
            }
            Instant since = instant(step, "created-at");
            if (lastDecision != null && (since == null || lastDecision.isAfter(since))) {
                since = lastDecision;
            }
            long days = since == null ? 0 : Math.max(0, Duration.between(since, asOf).toDays());
            int bucket = block.buckets().index(days);
            for (ApproverTally t : List.of(approver, backlog.overall)) {
                t.waiting.add(currency, Collections.singletonList(total));
                t.ages[bucket]++;
                t.oldestDays = Math.max(t.oldestDays, days);
            }
            if (since != null) {
                backlog.oldest.offer(new Waiting(document.name(), record.path("id").asLong(),
                        SummaryFold.text(record, document.number()), step.path("id").asLong(),
                        approver.label != null ? approver.label : approver.key, since, days, total, currency));
            }
        }
    }

    /** Keyed by user id; an approver of another type (an approval group) by type and id, as ids may repeat. */
    private ApproverTally approver(Backlog backlog, JsonNode step) {
        String key = SummaryFold.text(step, "approver.id");
        String type = SummaryFold.text(step, "approver-type");
        if (key != null && type != null && !type.equals("User")) {
            key = type + " " + key;
        }
        String label = SummaryFold.text(step, "approver.fullname");
        String login = SummaryFold.text(step, "approver.login");
        String shown = label != null ? label : login;
        return backlog.approvers.computeIfAbsent(key == null ? NONE : key,
                k -> new ApproverTally(k, shown, block.buckets().size()));
    }

    @Override
    public Backlog merge(Backlog left, Backlog right) {
        left.documents += right.documents;
        left.overall.addAll(right.overall);
        right.approvers.forEach((key, tally) -> {
            ApproverTally mine = left.approvers.get(key);
            if (mine == null) {
                left.approvers.put(key, tally);
            } else {
                mine.addAll(tally);
            }
        });
        left.oldest.addAll(right.oldest);
        return left;
    }

    private static Instant instant(JsonNode node, String path) {
        String text = SummaryFold.text(node, path);
        return text == null ? null : ArgumentDates.instant(text);
    }
}
