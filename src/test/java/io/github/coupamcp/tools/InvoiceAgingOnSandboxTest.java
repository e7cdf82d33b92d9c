package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * invoice_aging against a brute-force computation over the sandbox's own invoice records: the default statuses and
 * paid=false (or the caller's), days past the net due date, buckets, per-currency amounts due and the oldest.
 */
class InvoiceAgingOnSandboxTest {
    static final Set<String> DEFAULT_STATUSES = Set.of("ap_hold", "on_hold", "pending_receipt", "disputed",
            "pending_approval", "booking_hold", "pending_action", "approved", "processing", "payable_adjustment");
    static final List<String> BUCKETS = List.of("current", "1-30", "31-60", "61-90", "90+");

    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    private static final class Tally {
        long count;
        final Map<String, BigDecimal> due = new TreeMap<>();

        void add(JsonNode invoice) {
            count++;
            due.merge(invoice.path("currency").path("code").asString(),
                    new BigDecimal(invoice.path("amount-due").asString()), BigDecimal::add);
        }
    }

    private static String bucket(long days) {
        return days <= 0 ? "current" : days <= 30 ? "1-30" : days <= 60 ? "31-60" : days <= 90 ? "61-90" : "90+";
    }

    /** {@code question|filter}: the call's arguments, and what the brute force selects (besides as_of). */
    @ParameterizedTest
    @ValueSource(strings = {"{\"as_of\": \"2026-06-30\"}", "{\"as_of\": \"2025-03-15\", \"currency\": \"EUR\"}",
        "{\"as_of\": \"2026-01-01\", \"status\": [\"approved\"]}",
        "{\"as_of\": \"2026-01-01\", \"paid\": true, \"supplier_id\": 3}",
        "{\"as_of\": \"2024-06-30\", \"invoice_date_from\": \"2023-01-01\"}"})
    void agreesWithBruteForceOverTheSandbox(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        LocalDate asOf = LocalDate.parse(args.get("as_of").asString());
        Set<String> statuses = new java.util.HashSet<>(DEFAULT_STATUSES);
        if (args.has("status")) {
            statuses.clear();
            args.get("status").forEach(s -> statuses.add(s.asString()));
        }
        boolean paid = args.path("paid").asBoolean(false);
        Predicate<ObjectNode> filter = i -> statuses.contains(i.path("status").asString())
                && i.path("paid").asBoolean() == paid
                && (!args.has("currency") || args.get("currency").asString().equals(i.path("currency").path("code")
                        .asString()))
                && (!args.has("supplier_id") || args.get("supplier_id").asLong() == i.path("supplier").path("id")
                        .asLong())
                && (!args.has("invoice_date_from") || i.path("invoice-date").asString()
                        .compareTo(args.get("invoice_date_from").asString()) >= 0);
        Tally overall = new Tally();
        Map<String, Tally> buckets = new HashMap<>();
        Tally undated = new Tally();
        List<long[]> pastDue = new ArrayList<>();
        for (ObjectNode invoice : on.records("invoices")) {
            if (!filter.test(invoice)) {
                continue;
            }
            overall.add(invoice);
            String due = invoice.path("net-due-date").asString("");
            if (due.isEmpty()) {
                undated.add(invoice);
                continue;
            }
            long days = ChronoUnit.DAYS.between(LocalDate.parse(due.substring(0, 10)), asOf);
            buckets.computeIfAbsent(bucket(days), b -> new Tally()).add(invoice);
            if (days > 0) {
                pastDue.add(new long[] {days, invoice.get("id").asLong()});
            }
        }
        assertThat(overall.count).as("the sandbox has invoices for " + question).isPositive();
        pastDue.sort(Comparator.<long[]>comparingLong(p -> -p[0]).thenComparingLong(p -> p[1]));

        args.put("fresh", true);
        ToolOutcome out = on.catalog.call("invoice_aging", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();
        assertThat(s.get("as_of").asString()).isEqualTo(asOf.toString());
        assertTally(s.get("overall"), overall);
        List<String> labels = new ArrayList<>();
        for (JsonNode b : s.get("buckets")) {
            labels.add(b.get("bucket").asString());
            assertTally(b, buckets.getOrDefault(b.get("bucket").asString(), new Tally()));
        }
        assertThat(labels).containsExactlyElementsOf(BUCKETS);
        if (undated.count > 0) {
            assertTally(s.get("no_net_due_date"), undated);
        } else {
            assertThat(s.has("no_net_due_date")).isFalse();
        }
        List<Long> oldest = new ArrayList<>();
        s.get("oldest").forEach(o -> oldest.add(o.get("id").asLong()));
        assertThat(oldest).containsExactlyElementsOf(pastDue.stream().limit(5).map(p -> p[1]).toList());
        for (JsonNode o : s.get("oldest")) {
            ObjectNode invoice = on.sandbox.store().collection("invoices").render(o.get("id").asLong());
            assertThat(o.get("invoice_number").asString()).isEqualTo(invoice.get("invoice-number").asString());
            assertThat(o.get("supplier").asString()).isEqualTo(invoice.path("supplier").path("name").asString());
            assertThat(o.get("amount_due").asString()).isEqualTo(invoice.get("amount-due").asString());
            assertThat(o.get("currency").asString()).isEqualTo(invoice.path("currency").path("code").asString());
            assertThat(o.get("days_past_due").asLong()).isEqualTo(ChronoUnit.DAYS.between(
                    LocalDate.parse(o.get("net_due_date").asString()), asOf));
        }
        assertThat(s.get("scan").get("records").asLong()).isEqualTo(overall.count);
        assertThat(s.get("scan").get("cached").asBoolean()).isFalse();
        // the defaults are stated only when applied
        assertThat(s.has("defaults_applied")).isEqualTo(!args.has("status") || !args.has("paid"));
        assertThat(s.path("defaults_applied").has("status")).isEqualTo(!args.has("status"));
        assertThat(out.text()).contains("Scanned " + overall.count + " records", "90+: ");
    }

    private static void assertTally(JsonNode actual, Tally expected) {
        assertThat(actual.get("count").asLong()).isEqualTo(expected.count);
        Map<String, BigDecimal> due = new TreeMap<>();
        actual.get("amount_due").properties().forEach(e -> due.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        assertThat(due).isEqualTo(expected.due);
    }

    @Test
    void statesTheDefaultStatusesAndAgesAsOfTodayByDefault() {
        ToolOutcome out = on.call("invoice_aging", "{}");
        assertThat(out.isError()).as(out.text()).isFalse();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // a run across midnight (UTC) may see either day
        assertThat(out.structured().get("as_of").asString()).isIn(today.toString(), today.minusDays(1).toString());
        JsonNode applied = out.structured().get("defaults_applied");
        assertThat(applied.get("paid").asBoolean()).isFalse();
        List<String> statuses = new ArrayList<>();
        applied.get("status").forEach(v -> statuses.add(v.asString()));
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(DEFAULT_STATUSES);
        assertThat(out.structured().get("basis").asString()).contains("status=ap_hold,on_hold", "paid=false");
        assertThat(out.text()).contains("Defaults applied (pass them to change): paid=false; status=ap_hold");
    }

    @Test
    void noMatchesIsAnAnswerNotAnError() {
        ToolOutcome out = on.call("invoice_aging", "{\"currency\": \"XYZ\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().get("overall").get("count").asLong()).isZero();
        assertThat(out.structured().get("buckets")).hasSize(5);
        assertThat(out.structured().get("oldest")).isEmpty();
        assertThat(out.text()).startsWith("No invoices match these filters.");
    }

    @Test
    void anEqualQuestionIsAnsweredFromTheCache() {
        ToolOutcome first = on.call("invoice_aging", "{\"as_of\": \"2026-02-01\", \"currency\": \"USD\"}");
        ToolOutcome again = on.call("invoice_aging", "{\"currency\": \"USD\", \"as_of\": \"2026-02-01\"}");
        assertThat(again.structured().get("scan").get("cached").asBoolean()).isTrue();
        assertThat(again.text()).contains("cached answer; pass fresh=true");
        assertThat(again.structured().get("buckets")).isEqualTo(first.structured().get("buckets"));
        ToolOutcome otherDay = on.call("invoice_aging", "{\"currency\": \"USD\", \"as_of\": \"2026-02-02\"}");
        assertThat(otherDay.structured().get("scan").get("cached").asBoolean()).isFalse();
    }

    @Test
    void aQuestionOverTheScanBudgetIsRefusedWithItsCostAndANarrowerFilter() {
        ToolCatalog small = on.catalog(ToolSettings.builder().scanMaxRequests(2));
        ToolOutcome out = small.call("invoice_aging", (ObjectNode) Json.MAPPER.readTree("{}"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("would exceed its budget of 2 upstream requests", "Narrow the filters")
                .doesNotContain("Exception");
    }

    @Test
    void aScanReportsItsProgressEndingComplete() {
        List<Double> events = new ArrayList<>();
        ToolOutcome out = on.catalog.call("invoice_aging", (ObjectNode) Json.MAPPER.readTree(
                "{\"fresh\": true}"), (progress, total, message) -> events.add(progress));
        assertThat(out.isError()).as(out.text()).isFalse();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)).isGreaterThanOrEqualTo(events.get(i - 1));
        }
        assertThat(events.get(events.size() - 1)).isEqualTo(100.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"as_of\": \"2026-02-30\"}|as_of '2026-02-30' is not a date like 2025-01-31",
        "{\"as_of\": \"yesterday\"}|as_of 'yesterday' is not a date",
        "{\"status\": [\"paid\"]}|is not one of new, ap_hold",
        "{\"as_of\": \"2026-01-01\", \"net_due_date_from\": \"2026-03-01\", \"net_due_date_to\": \"2026-01-01\"}|"
                + "net_due_date_from"})
    void badArgumentsAreClearErrors(String spec) {
        String[] parts = spec.split("\\|");
        ToolOutcome out = on.call("invoice_aging", parts[0]);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains(parts[1]).doesNotContain("Exception");
    }
}
