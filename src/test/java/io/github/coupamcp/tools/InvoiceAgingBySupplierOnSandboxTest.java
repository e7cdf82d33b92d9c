package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.ResponseBudget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * invoice_aging with group_by=supplier against a brute-force computation over the sandbox's own invoices: who is owed
 * what past due, ranked, and the suppliers (listed and other) adding up to the answer's past-due buckets.
 */
class InvoiceAgingBySupplierOnSandboxTest {
    private static final String AS_OF = "2026-06-30";
    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    /** Per supplier id: past-due count, amount due per currency, and per bucket per currency. */
    private static final class Owed {
        String name;
        long count;
        final Map<String, BigDecimal> due = new TreeMap<>();
        final Map<String, Map<String, BigDecimal>> buckets = new TreeMap<>();
    }

    private static Map<String, BigDecimal> amounts(JsonNode node) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        node.properties().forEach(e -> amounts.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        return amounts;
    }

    private static ObjectNode call(String arguments) {
        ToolOutcome out = on.call("invoice_aging", arguments);
        assertThat(out.isError()).as(out.text()).isFalse();
        return out.structured();
    }

    @Test
    void suppliersAreRankedAsTheBruteForceSaysAndAddUpToThePastDueBuckets() {
        LocalDate asOf = LocalDate.parse(AS_OF);
        Map<String, Owed> owed = new HashMap<>();
        Map<String, Long> byCurrency = new HashMap<>();
        for (ObjectNode invoice : on.records("invoices")) {
            String due = invoice.path("net-due-date").asString("");
            if (!InvoiceAgingOnSandboxTest.DEFAULT_STATUSES.contains(invoice.path("status").asString())
                    || invoice.path("paid").asBoolean() || due.isEmpty()) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(LocalDate.parse(due.substring(0, 10)), asOf);
            if (days <= 0) {
                continue;
            }
            String bucket = days <= 30 ? "1-30" : days <= 60 ? "31-60" : days <= 90 ? "61-90" : "90+";
            String currency = invoice.path("currency").path("code").asString();
            BigDecimal amount = new BigDecimal(invoice.path("amount-due").asString());
            Owed o = owed.computeIfAbsent(invoice.path("supplier").path("id").asString(), k -> new Owed());
            o.name = invoice.path("supplier").path("name").asString();
            o.count++;
            o.due.merge(currency, amount, BigDecimal::add);
            o.buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).merge(currency, amount, BigDecimal::add);
            byCurrency.merge(currency, 1L, Long::sum);
        }
        assertThat(owed).as("the sandbox has several suppliers with invoices past due").hasSizeGreaterThan(3);
        String rankCurrency = GroupTally.rankCurrency(byCurrency);
        List<Map.Entry<String, Owed>> ranked = new ArrayList<>(owed.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Owed>, BigDecimal>comparing(e -> e.getValue().due
                .getOrDefault(rankCurrency, BigDecimal.ZERO)).reversed()
                .thenComparing(Comparator.<Map.Entry<String, Owed>>comparingLong(e -> e.getValue().count).reversed())
                .thenComparing(e -> e.getValue().name).thenComparing(Map.Entry::getKey));

        // a budget every supplier fits in: the default one lists fewer (see below)
        ToolOutcome wide = on.catalog(ToolSettings.builder().responseBudgetChars(500_000)).call("invoice_aging",
                (ObjectNode) Json.MAPPER.readTree("{\"as_of\": \"" + AS_OF + "\", \"group_by\": \"supplier\", "
                        + "\"top\": 50, \"fresh\": true}"));
        assertThat(wide.isError()).as(wide.text()).isFalse();
        ObjectNode all = wide.structured();
        JsonNode groups = all.get("by_supplier").get("groups");
        assertThat(groups).hasSize(Math.min(50, owed.size()));
        for (int i = 0; i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            Owed expected = ranked.get(i).getValue();
            assertThat(g.get("id").asString()).as("rank " + (i + 1)).isEqualTo(ranked.get(i).getKey());
            assertThat(g.get("name").asString()).isEqualTo(expected.name);
            assertThat(g.get("count").asLong()).isEqualTo(expected.count);
            assertThat(amounts(g.get("amount_due"))).isEqualTo(expected.due);
            Map<String, Map<String, BigDecimal>> buckets = new TreeMap<>();
            g.get("buckets").properties().forEach(b -> buckets.put(b.getKey(), amounts(b.getValue())));
            assertThat(buckets).isEqualTo(expected.buckets);
        }
        assertThat(all.get("by_supplier").get("ranking").asString()).contains("in " + rankCurrency);

        // top 3: the listed and other together are exactly the answer's past-due buckets
        call("{\"as_of\": \"" + AS_OF + "\", \"group_by\": \"supplier\", \"top\": 5, \"fresh\": true}");
        ObjectNode three = call("{\"as_of\": \"" + AS_OF + "\", \"group_by\": \"supplier\", \"top\": 3}");
        assertThat(three.get("scan").get("cached").asBoolean()).as("another top reuses the scan").isTrue();
        JsonNode bySupplier = three.get("by_supplier");
        assertThat(bySupplier.get("groups")).hasSize(3);
        assertThat(bySupplier.get("other").get("groups").asInt()).isEqualTo(owed.size() - 3);
        List<JsonNode> parts = new ArrayList<>();
        bySupplier.get("groups").forEach(parts::add);
        parts.add(bySupplier.get("other"));
        long count = 0;
        Map<String, BigDecimal> due = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> perBucket = new TreeMap<>();
        for (JsonNode part : parts) {
            count += part.get("count").asLong();
            amounts(part.get("amount_due")).forEach((c, a) -> due.merge(c, a, BigDecimal::add));
            part.get("buckets").properties().forEach(b -> amounts(b.getValue()).forEach((c, a) -> perBucket
                    .computeIfAbsent(b.getKey(), k -> new TreeMap<>()).merge(c, a, BigDecimal::add)));
        }
        long pastDue = 0;
        Map<String, BigDecimal> pastDueAmounts = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> bucketAmounts = new TreeMap<>();
        for (JsonNode b : three.get("buckets")) {
            if (b.get("bucket").asString().equals("current") || b.get("count").asLong() == 0) {
                continue;
            }
            pastDue += b.get("count").asLong();
            bucketAmounts.put(b.get("bucket").asString(), amounts(b.get("amount_due")));
            amounts(b.get("amount_due")).forEach((c, a) -> pastDueAmounts.merge(c, a, BigDecimal::add));
        }
        assertThat(count).isEqualTo(pastDue).isPositive();
        assertThat(due).isEqualTo(pastDueAmounts);
        assertThat(perBucket).isEqualTo(bucketAmounts);
        assertThat(on.call("invoice_aging", "{\"as_of\": \"" + AS_OF + "\", \"group_by\": \"supplier\", \"top\": 3}")
                .text()).contains("Past due by supplier, top 3 of " + owed.size(), "\nOther " + (owed.size() - 3)
                + " suppliers: ");
    }

    @Test
    void withoutGroupByTheAnswerIsTheSameWithoutBySupplier() {
        ObjectNode plain = call("{\"as_of\": \"2026-01-01\", \"currency\": \"USD\", \"fresh\": true}");
        ObjectNode grouped = call("{\"as_of\": \"2026-01-01\", \"currency\": \"USD\", \"group_by\": \"supplier\"}");
        assertThat(plain.has("by_supplier")).isFalse();
        assertThat(grouped.get("by_supplier").get("groups")).isNotEmpty();
        grouped.remove("by_supplier");
        plain.remove("scan");
        grouped.remove("scan");
        assertThat(grouped).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"group_by\": \"month\"}|'month' is not one of supplier",
        "{\"group_by\": \"supplier\", \"top\": 0}|top must be at least 1",
        "{\"group_by\": \"supplier\", \"top\": 51}|top must be at most 50",
        "{\"top\": 5}|top is the number of groups listed: pass it with group_by (supplier)"})
    void badValuesAreClearErrors(String spec) {
        String[] parts = spec.split("\\|");
        ToolOutcome out = on.call("invoice_aging", parts[0]);
        assertThat(out.isError()).as(out.text()).isTrue();
        assertThat(out.text()).contains(parts[1]).doesNotContain("Exception");
    }

    @Test
    void theDefaultResponseBudgetListsFewerSuppliersAndSaysSo() {
        ToolOutcome out = on.call("invoice_aging", "{\"as_of\": \"" + AS_OF + "\", \"group_by\": \"supplier\", "
                + "\"top\": 50}");
        assertThat(out.isError()).as(out.text()).isFalse();
        JsonNode bySupplier = out.structured().get("by_supplier");
        int shown = bySupplier.get("groups").size();
        assertThat(shown).isBetween(1, 49);
        assertThat(bySupplier.get("other").get("groups").asInt()).isPositive();
        assertThat(out.text()).contains("Only " + shown + " of the top 50 fit the response budget");
        assertThat(ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
    }
}
