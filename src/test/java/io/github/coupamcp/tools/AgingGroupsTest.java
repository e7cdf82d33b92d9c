package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** invoice_aging's group_by=supplier: the fold per supplier and the ranking, over invoices made up to the point. */
class AgingGroupsTest {
    private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
    private static final AgingBlock BLOCK = (AgingBlock) ToolRegistry.load(ToolSettings.defaults()).specs().stream()
            .filter(s -> s.name().equals("invoice_aging")).findFirst().orElseThrow().block();
    private static final AggregateBlock.Dimension SUPPLIER = BLOCK.groupBy().get("supplier");
    private final AgingFold fold = new AgingFold(BLOCK, AS_OF, SUPPLIER);

    /** An invoice of a supplier ({@code supplierId} 0: none), due {@code daysPastDue} days before AS_OF. */
    private static ObjectNode invoice(long id, long supplierId, String supplier, int daysPastDue, String amount,
            String currency) {
        ObjectNode invoice = Json.object().put("id", id).put("invoice-number", "INV-" + id)
                .put("net-due-date", AS_OF.minusDays(daysPastDue).toString()).put("amount-due", amount);
        invoice.putObject("currency").put("code", currency);
        ObjectNode s = invoice.putObject("supplier");
        if (supplierId > 0) {
            s.put("id", supplierId);
        }
        if (supplier != null) {
            s.put("name", supplier);
        }
        return invoice;
    }

    private AgingFold.Aging fold(List<ObjectNode> invoices) {
        AgingFold.Aging aging = fold.newAccumulator();
        invoices.forEach(i -> fold.accept(aging, i));
        return aging;
    }

    private static ObjectNode answer(AgingFold.Aging aging, int top) {
        return new AgingGroups(BLOCK, SUPPLIER, "amount_due", aging, top, 0).json();
    }

    private static List<String> names(ObjectNode answer) {
        List<String> names = new ArrayList<>();
        answer.get("groups").forEach(g -> names.add(g.get("name").asString()));
        return names;
    }

    @Test
    void rankedByAmountPastDueThenCountThenName() {
        AgingFold.Aging aging = fold(List.of(
                invoice(1, 11, "Beta", 10, "100.00", "USD"),
                invoice(2, 12, "Acme", 40, "100.00", "USD"),
                invoice(3, 13, "Zeta", 5, "60.00", "USD"),
                invoice(4, 13, "Zeta", 100, "40.00", "USD"),
                invoice(5, 14, "Big", 5, "150.00", "USD"),
                invoice(6, 15, "Euro", 5, "9999.00", "EUR"),
                // not yet due: counts in the aging, never in a supplier's past due
                invoice(7, 16, "Early", -3, "5000.00", "USD"),
                invoice(8, 14, "Big", 0, "5000.00", "USD")));
        ObjectNode answer = answer(aging, 10);
        // 150 first; three at 100: Zeta has two invoices, then Acme before Beta; EUR counts as nothing in USD
        assertThat(names(answer)).containsExactly("Big", "Zeta", "Acme", "Beta", "Euro");
        assertThat(answer.get("ranking").asString()).contains("in USD (the currency of most invoices past due",
                "ties by count, then by name");
        JsonNode zeta = answer.get("groups").get(1);
        assertThat(zeta.get("id").asString()).isEqualTo("13");
        assertThat(zeta.get("count").asLong()).isEqualTo(2);
        assertThat(zeta.get("amount_due").get("USD").asString()).isEqualTo("100.00");
        assertThat(zeta.get("buckets").get("1-30").get("USD").asString()).isEqualTo("60.00");
        assertThat(zeta.get("buckets").get("90+").get("USD").asString()).isEqualTo("40.00");
        assertThat(zeta.get("buckets").has("31-60")).isFalse();
        assertThat(answer.get("groups").get(0).get("count").asLong()).as("Big's invoice due today is current")
                .isEqualTo(1);
        assertThat(aging.groups).doesNotContainKey("16");
        assertThat(answer.has("other")).isFalse();
    }

    @Test
    void theRestIsSummedUnderOtherAndEverythingAddsUpToThePastDueBuckets() {
        List<ObjectNode> invoices = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            invoices.add(invoice(i, 100 + i % 7, "S" + i % 7, i * 4, i + ".50", i % 3 == 0 ? "EUR" : "USD"));
        }
        AgingFold.Aging aging = fold(invoices);
        ObjectNode answer = answer(aging, 3);
        assertThat(answer.get("groups")).hasSize(3);
        assertThat(answer.get("other").get("groups").asInt()).isEqualTo(4);
        Map<String, Map<String, BigDecimal>> sums = new TreeMap<>();
        long count = 0;
        List<JsonNode> parts = new ArrayList<>();
        answer.get("groups").forEach(parts::add);
        parts.add(answer.get("other"));
        for (JsonNode part : parts) {
            count += part.get("count").asLong();
            part.get("buckets").properties().forEach(b -> b.getValue().properties().forEach(c -> sums
                    .computeIfAbsent(b.getKey(), k -> new TreeMap<>())
                    .merge(c.getKey(), new BigDecimal(c.getValue().asString()), BigDecimal::add)));
        }
        long pastDue = 0;
        Map<String, Map<String, BigDecimal>> expected = new TreeMap<>();
        for (GroupTally bucket : aging.buckets) {
            if (!bucket.key.equals("current")) {
                pastDue += bucket.count;
                if (bucket.count > 0) {
                    expected.put(bucket.key, bucket.sums.get(0));
                }
            }
        }
        assertThat(count).isEqualTo(pastDue).isEqualTo(30);
        assertThat(sums).isEqualTo(expected);
    }

    @Test
    void amountsInSeveralCurrenciesStayApartAndTheRankCurrencyIsTheCommonestPastDue() {
        AgingFold.Aging aging = fold(List.of(
                invoice(1, 1, "Small", 10, "10.00", "EUR"),
                invoice(2, 1, "Small", 10, "10.00", "EUR"),
                invoice(3, 2, "Large", 10, "500.00", "EUR"),
                invoice(4, 3, "Dollar", 10, "99999.00", "USD"),
                invoice(5, 1, "Small", 10, "7.00", "USD")));
        ObjectNode answer = answer(aging, 10);
        assertThat(names(answer)).containsExactly("Large", "Small", "Dollar");
        assertThat(answer.get("ranking").asString()).contains("in EUR");
        JsonNode small = answer.get("groups").get(1);
        assertThat(small.get("amount_due").get("EUR").asString()).isEqualTo("20.00");
        assertThat(small.get("amount_due").get("USD").asString()).isEqualTo("7.00");
        assertThat(small.get("buckets").get("1-30").size()).isEqualTo(2);
    }

    @Test
    void aCurrencyTieIsBrokenByCodeAndNoPastDueIsAnEmptyList() {
        assertThat(GroupTally.rankCurrency(Map.of("USD", 2L, "EUR", 2L, "GBP", 1L))).isEqualTo("EUR");
        ObjectNode none = answer(fold(List.of(invoice(1, 1, "A", -5, "1.00", "USD"))), 10);
        assertThat(none.get("groups")).isEmpty();
        assertThat(none.has("other")).isFalse();
        assertThat(none.get("ranking").asString()).startsWith("ranked by count");
    }

    @Test
    void withoutAnIdTheNameIsTheGroupAndWithoutEitherItIsNone() {
        AgingFold.Aging aging = fold(List.of(
                invoice(1, 0, "Nameonly", 10, "5.00", "USD"),
                invoice(2, 0, "Nameonly", 20, "5.00", "USD"),
                invoice(3, 0, null, 10, "1.00", "USD")));
        ObjectNode answer = answer(aging, 10);
        assertThat(names(answer)).containsExactly("Nameonly", SummaryFold.NONE);
        answer.get("groups").forEach(g -> assertThat(g.has("id")).isFalse());
        assertThat(answer.get("groups").get(0).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void memoryIsBoundedBySuppliersNotInvoices() {
        AgingFold.Aging aging = fold.newAccumulator();
        for (int i = 1; i <= 20_000; i++) {
            fold.accept(aging, invoice(i, 1 + i % 7, "S" + i % 7, i % 200, "1.00", i % 2 == 0 ? "USD" : "EUR"));
        }
        assertThat(aging.groups).hasSize(7);
        aging.groups.values().forEach(g -> {
            assertThat(g.buckets).hasSize(BLOCK.buckets().size());
            assertThat(g.pastDue.sums.get(0)).hasSize(2);
        });
        assertThat(aging.pastDueByCurrency).hasSize(2);
        assertThat(aging.oldest.sorted()).hasSize(BLOCK.oldest());
    }

    @Test
    void mergingAccumulatorsEqualsFoldingInOne() {
        List<ObjectNode> invoices = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            invoices.add(invoice(i, 1 + i % 4, "S" + i % 4, i * 9, i + ".00", i % 5 == 0 ? "EUR" : "USD"));
        }
        AgingFold.Aging left = fold(invoices.subList(0, 5));
        AgingFold.Aging right = fold(invoices.subList(5, 12));
        assertThat(answer(fold.merge(left, right), 2)).isEqualTo(answer(fold(invoices), 2));
    }

    @Test
    void withoutGroupByNoGroupIsKept() {
        AgingFold plain = new AgingFold(BLOCK, AS_OF);
        AgingFold.Aging aging = plain.newAccumulator();
        plain.accept(aging, invoice(1, 1, "A", 10, "1.00", "USD"));
        assertThat(aging.groups).isEmpty();
        assertThat(aging.pastDueByCurrency).isEmpty();
        assertThat(aging.overall.count).isEqualTo(1);
    }
}
