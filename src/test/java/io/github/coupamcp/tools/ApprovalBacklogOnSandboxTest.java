package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * approval_backlog against a brute-force computation over the sandbox's own records: the pending documents' chains
 * (current step waiting since the last decision before it, later steps queued), per approver, with the documents'
 * totals, the age buckets and the longest waiting; and against the approvals resource, whose undecided approvals of
 * those documents are exactly the waiting and queued steps.
 */
class ApprovalBacklogOnSandboxTest {
    private static final Set<String> UNDECIDED = Set.of("pending_approval", "on_hold");
    private static final Map<String, String> RESOURCES = Map.of("invoice", "invoices", "requisition", "requisitions");
    private static final Map<String, String> TOTALS = Map.of("invoice", "total-with-taxes", "requisition", "total");
    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    private static final class Expected {
        long waiting;
        long queued;
        final Map<String, BigDecimal> totals = new TreeMap<>();
        final long[] ages = new long[5];
        long oldestDays = -1;
    }

    private record Step(Instant since, String type, long documentId, long approvalId) {}

    private static int bucket(long days) {
        return days <= 2 ? 0 : days <= 7 ? 1 : days <= 14 ? 2 : days <= 30 ? 3 : 4;
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : OffsetDateTime.parse(n.asString()).toInstant();
    }

    private static String currency(JsonNode document) {
        JsonNode c = document.path("currency");
        return c.isObject() ? c.path("code").asString() : c.asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"document_type\": \"invoice\"}", "{\"document_type\": \"requisition\"}",
        "{\"min_amount\": 5000}", "{\"document_type\": \"invoice\", \"min_amount\": 20000, \"top\": 2}",
        "{\"top\": 1}"})
    void agreesWithBruteForceOverTheSandbox(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        String type = args.path("document_type").asString("both");
        BigDecimal min = args.has("min_amount") ? new BigDecimal(args.get("min_amount").asString()) : null;
        int top = args.path("top").asInt(10);
        args.put("fresh", true);
        Instant before = Instant.now();
        ToolOutcome out = on.catalog.call("approval_backlog", args);
        Instant after = Instant.now();
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();

        Map<String, Expected> approvers = new HashMap<>();
        Expected overall = new Expected();
        long documents = 0;
        long records = 0;
        List<Step> waitingSteps = new ArrayList<>();
        Set<Long> undecidedApprovals = new java.util.HashSet<>();
        for (String docType : List.of("invoice", "requisition")) {
            if (!type.equals("both") && !type.equals(docType)) {
                continue;
            }
            for (ObjectNode doc : on.records(RESOURCES.get(docType))) {
                BigDecimal total = new BigDecimal(doc.path(TOTALS.get(docType)).asString());
                if (!doc.path("status").asString().equals("pending_approval")
                        || (min != null && total.compareTo(min) < 0)) {
                    continue;
                }
                records++;
                List<JsonNode> undecided = new ArrayList<>();
                doc.path("approvals").forEach(a -> {
                    if (UNDECIDED.contains(a.path("status").asString())) {
                        undecided.add(a);
                        undecidedApprovals.add(a.get("id").asLong());
                    }
                });
                if (undecided.isEmpty()) {
                    continue;
                }
                documents++;
                int current = undecided.stream().mapToInt(a -> a.get("position").asInt()).min().getAsInt();
                Instant lastDecision = null;
                for (JsonNode a : doc.path("approvals")) {
                    Instant decided = instant(a.get("approval-date"));
                    if (a.get("position").asInt() < current && decided != null
                            && (lastDecision == null || decided.isAfter(lastDecision))) {
                        lastDecision = decided;
                    }
                }
                for (JsonNode a : undecided) {
                    Expected e = approvers.computeIfAbsent(a.path("approver").path("id").asString(),
                            k -> new Expected());
                    if (a.get("position").asInt() != current) {
                        e.queued++;
                        overall.queued++;
                        continue;
                    }
                    Instant since = instant(a.get("created-at"));
                    if (lastDecision != null && lastDecision.isAfter(since)) {
                        since = lastDecision;
                    }
                    waitingSteps.add(new Step(since, docType, doc.get("id").asLong(), a.get("id").asLong()));
                    for (Expected t : List.of(e, overall)) {
                        t.waiting++;
                        t.totals.merge(currency(doc), total, BigDecimal::add);
                    }
                }
            }
        }
        assertThat(documents).as("the sandbox has documents waiting for " + question).isPositive();
        assertThat(s.get("overall").get("documents").asLong()).isEqualTo(documents);
        assertThat(s.get("overall").get("waiting").asLong()).isEqualTo(overall.waiting);
        assertThat(s.get("overall").get("queued").asLong()).isEqualTo(overall.queued);
        assertThat(totals(s.get("overall"))).isEqualTo(overall.totals);
        assertThat(s.get("scan").get("records").asLong()).isEqualTo(records);

        List<String> ranked = new ArrayList<>(approvers.keySet());
        ranked.sort(Comparator.<String>comparingLong(k -> -approvers.get(k).waiting)
                .thenComparingLong(k -> -approvers.get(k).queued).thenComparing(Comparator.naturalOrder()));
        List<String> keys = new ArrayList<>();
        s.get("approvers").forEach(a -> keys.add(a.get("key").asString()));
        assertThat(keys).containsExactlyElementsOf(ranked.subList(0, Math.min(top, ranked.size())));
        for (JsonNode a : s.get("approvers")) {
            Expected e = approvers.get(a.get("key").asString());
            assertThat(a.get("waiting").asLong()).isEqualTo(e.waiting);
            assertThat(a.get("queued").asLong()).isEqualTo(e.queued);
            assertThat(totals(a)).isEqualTo(e.totals);
            long aged = 0;
            for (JsonNode n : a.get("age_days")) {
                aged += n.asLong();
            }
            assertThat(aged).isEqualTo(e.waiting);
        }
        if (ranked.size() > top) {
            long rest = ranked.subList(top, ranked.size()).stream().mapToLong(k -> approvers.get(k).waiting).sum();
            assertThat(s.get("other").get("waiting").asLong()).isEqualTo(rest);
            assertThat(s.get("other").get("approvers").asInt()).isEqualTo(ranked.size() - top);
        } else {
            assertThat(s.has("other")).isFalse();
        }

        // ages: days between the step becoming current and the scan, which ran between before and after
        long[] ages = new long[5];
        for (Step step : waitingSteps) {
            long early = Duration.between(step.since(), before).toDays();
            long late = Duration.between(step.since(), after).toDays();
            assertThat(early).as("the test ran within one day boundary").isEqualTo(late);
            ages[bucket(early)]++;
        }
        List<Long> got = new ArrayList<>();
        s.get("overall").get("age_days").forEach(n -> got.add(n.asLong()));
        assertThat(got).containsExactly(ages[0], ages[1], ages[2], ages[3], ages[4]);
        List<String> labels = new ArrayList<>();
        s.get("overall").get("age_days").propertyNames().forEach(labels::add);
        assertThat(labels).containsExactly("0-2", "3-7", "8-14", "15-30", "30+");

        waitingSteps.sort(Comparator.comparing(Step::since).thenComparing(Step::type)
                .thenComparingLong(Step::documentId).thenComparingLong(Step::approvalId));
        List<Long> oldest = new ArrayList<>();
        s.get("oldest").forEach(o -> oldest.add(o.get("approval_id").asLong()));
        assertThat(oldest).containsExactlyElementsOf(waitingSteps.stream().limit(5).map(Step::approvalId).toList());

        // the approvals resource, independently: its undecided approvals of these documents are the steps counted
        long fromApprovals = on.records("approvals").stream()
                .filter(a -> UNDECIDED.contains(a.path("status").asString()))
                .filter(a -> undecidedApprovals.contains(a.get("id").asLong())).count();
        assertThat(overall.waiting + overall.queued).isEqualTo(fromApprovals);
        assertThat(out.text()).contains(documents + " ", "wait for approval", "Scanned " + records + " records");
    }

    private static Map<String, BigDecimal> totals(JsonNode tally) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        tally.get("totals").properties().forEach(e -> totals.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        return totals;
    }

    @Test
    void bothDocumentTypesAreOneCachedAnswer() {
        ToolOutcome first = on.call("approval_backlog", "{\"min_amount\": 100}");
        assertThat(first.isError()).as(first.text()).isFalse();
        ToolOutcome again = on.call("approval_backlog", "{\"document_type\": \"both\", \"min_amount\": 100.0, \"top\": 3}");
        assertThat(again.structured().get("scan").get("cached").asBoolean()).isTrue();
        assertThat(again.structured().get("overall")).isEqualTo(first.structured().get("overall"));
        assertThat(again.structured().get("approvers")).hasSize(3);
        assertThat(again.text()).contains("cached answer; pass fresh=true");
    }

    @Test
    void nothingWaitingIsAnAnswerNotAnError() {
        ToolOutcome out = on.call("approval_backlog", "{\"min_amount\": 999999999}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().get("overall").get("documents").asLong()).isZero();
        assertThat(out.structured().get("approvers")).isEmpty();
        assertThat(out.structured().get("oldest")).isEmpty();
        assertThat(out.text()).startsWith("No invoices and requisitions with a total of at least 999999999 (in their "
                + "own currency) wait for approval.");
    }

    /** Both types are two scans in a row: progress runs 0-50 over the first and 50-100 over the second. */
    @Test
    void progressOverTwoScansNeverGoesBackwards() {
        List<Double> events = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ToolOutcome out = on.catalog.call("approval_backlog", (ObjectNode) Json.MAPPER.readTree("{\"fresh\": true}"),
                (progress, total, message) -> {
                    assertThat(total).isEqualTo(100.0);
                    events.add(progress);
                    messages.add(message);
                });
        assertThat(out.isError()).as(out.text()).isFalse();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)).as("event " + i + " of " + events).isGreaterThanOrEqualTo(events.get(i - 1));
        }
        assertThat(events).contains(50.0);
        assertThat(events.get(events.size() - 1)).isEqualTo(100.0);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(" invoices in "));
        assertThat(messages.get(messages.size() - 1)).contains(" requisitions in ");
    }

    /** The budget holds for the whole answer: both types together may not cost more than it, each within it. */
    @Test
    void theScanBudgetHoldsForBothScansTogether() {
        long invoicesCost = on.call("approval_backlog", "{\"document_type\": \"invoice\", \"fresh\": true}")
                .structured().get("scan").get("upstream_requests").asLong();
        ToolCatalog small = on.catalog(ToolSettings.builder().scanMaxRequests(invoicesCost));
        ToolOutcome invoices = small.call("approval_backlog", (ObjectNode) Json.MAPPER.readTree(
                "{\"document_type\": \"invoice\"}"));
        assertThat(invoices.isError()).as(invoices.text()).isFalse();
        ToolOutcome both = small.call("approval_backlog", (ObjectNode) Json.MAPPER.readTree("{}"));
        assertThat(both.isError()).isTrue();
        assertThat(both.text()).contains("The scan of requisitions would exceed its budget of " + invoicesCost
                + " upstream requests", "Narrow the filters").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"document_type\": \"purchase_order\"}|document_type 'purchase_order' is not one of both, invoice, requisition",
        "{\"min_amount\": -1}|min_amount must be at least 0",
        "{\"min_amount\": \"lots\"}|min_amount",
        "{\"top\": 0}|top must be at least 1",
        "{\"approver\": \"x\"}|approver"})
    void badArgumentsAreClearErrors(String spec) {
        String[] parts = spec.split("\\|");
        ToolOutcome out = on.call("approval_backlog", parts[0]);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains(parts[1]).doesNotContain("Exception");
    }
}
