package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.WriteResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * find_duplicate_invoices against a brute-force pairing over the sandbox's own records. The generated data has no
 * two invoices of one supplier with one total, so the test first keys in realistic duplicates through the sandbox's
 * create (as Coupa's POST /api/invoices): one number re-typed in another case with a leading zero, one with its
 * digits only, one with two digits swapped 40 days later, one with an unrelated number the next day, and a second
 * copy of one of them.
 */
class FindDuplicateInvoicesOnSandboxTest {
    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
        SandboxCollection invoices = on.sandbox.store().collection("invoices");
        List<ObjectNode> originals = new ArrayList<>();
        for (long id : invoices.ids()) {
            ObjectNode r = invoices.render(id);
            if (!r.get("is-credit-note").asBoolean() && new BigDecimal(r.get("total-with-taxes").asString()).signum() > 0
                    && originals.stream().noneMatch(o -> o.at("/supplier/id").equals(r.at("/supplier/id")))) {
                originals.add(r);
            }
            if (originals.size() == 4) {
                break;
            }
        }
        copy(originals.get(0), n -> n.toLowerCase(Locale.ROOT).replace("-", "-0"), 3);
        copy(originals.get(1), n -> n.replaceAll("\\D", ""), 20);
        copy(originals.get(2), n -> n.substring(0, n.length() - 2) + n.charAt(n.length() - 1)
                + n.charAt(n.length() - 2), 40);
        copy(originals.get(3), n -> "X-" + n.hashCode(), 1);
        copy(originals.get(3), n -> n + "/B", 2);
    }

    private static void copy(ObjectNode original, java.util.function.UnaryOperator<String> number, int daysLater) {
        LocalDate date = LocalDate.parse(original.get("invoice-date").asString().substring(0, 10)).plusDays(daysLater);
        ObjectNode body = Json.object();
        body.put("invoice-number", number.apply(original.get("invoice-number").asString()));
        body.putObject("supplier").put("id", original.at("/supplier/id").asLong());
        body.putObject("currency").put("code", original.at("/currency/code").asString());
        body.put("invoice-date", date.toString());
        body.putArray("invoice-lines").addObject().put("type", "InvoiceAmountLine").put("description", "Keyed again")
                .put("price", original.get("total-with-taxes").asString());
        WriteResult created = on.sandbox.store().collection("invoices").create(body);
        assertThat(created).as(String.valueOf(created)).isInstanceOf(WriteResult.Ok.class);
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    /** A pair as computed here: ids and numbers ordered as the tool orders them. */
    private record Expected(long first, long second, int days, int likeness, int lastDay) {}

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"within_days\": 90}", "{\"similar_numbers\": true, \"within_days\": 365}",
        "{\"within_days\": 0}", "{\"within_days\": 30, \"status\": [\"draft\"], \"top\": 2}",
        "{\"within_days\": 365, \"currency\": \"XYZ\"}"})
    void agreesWithBruteForceOverTheSandbox(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        int within = args.path("within_days").asInt(30);
        boolean similarOnly = args.path("similar_numbers").asBoolean(false);
        int top = args.path("top").asInt(10);
        String status = args.has("status") ? args.get("status").get(0).asString() : null;
        String currency = args.path("currency").asString(null);

        Map<String, List<ObjectNode>> byKey = new HashMap<>();
        long matching = 0;
        for (ObjectNode r : on.records("invoices")) {
            BigDecimal total = new BigDecimal(r.get("total-with-taxes").asString());
            if ((status != null && !status.equals(r.get("status").asString()))
                    || (currency != null && !currency.equals(r.at("/currency/code").asString()))) {
                continue;
            }
            matching++;
            if (total.signum() == 0) {
                continue;
            }
            byKey.computeIfAbsent(r.at("/supplier/id").asString() + "|" + r.at("/currency/code").asString() + "|"
                    + total.stripTrailingZeros().toPlainString(), k -> new ArrayList<>()).add(r);
        }
        List<Expected> pairs = new ArrayList<>();
        for (List<ObjectNode> same : byKey.values()) {
            for (ObjectNode a : same) {
                for (ObjectNode b : same) {
                    int da = day(a);
                    int db = day(b);
                    long ia = a.get("id").asLong();
                    long ib = b.get("id").asLong();
                    if ((da < db || (da == db && ia < ib)) && db - da <= within) {
                        int likeness = likeness(a.get("invoice-number").asString(), b.get("invoice-number").asString());
                        if (!similarOnly || likeness < 3) {
                            pairs.add(new Expected(ia, ib, db - da, likeness, db));
                        }
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Expected::likeness).thenComparingInt(Expected::days)
                .thenComparing(Comparator.comparingInt(Expected::lastDay).reversed())
                .thenComparingLong(Expected::first).thenComparingLong(Expected::second));

        args.put("fresh", true);
        ToolOutcome out = on.catalog.call("find_duplicate_invoices", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();
        assertThat(s.get("pairs_found").asLong()).as(out.text()).isEqualTo(pairs.size());
        List<List<Long>> shown = new ArrayList<>();
        for (JsonNode p : s.get("pairs")) {
            shown.add(List.of(p.at("/invoices/0/id").asLong(), p.at("/invoices/1/id").asLong()));
        }
        assertThat(shown).isEqualTo(pairs.subList(0, Math.min(top, pairs.size())).stream()
                .map(e -> List.of(e.first(), e.second())).toList());
        for (JsonNode p : s.get("pairs")) {
            ObjectNode a = on.sandbox.store().collection("invoices").render(p.at("/invoices/0/id").asLong());
            ObjectNode b = on.sandbox.store().collection("invoices").render(p.at("/invoices/1/id").asLong());
            assertThat(p.at("/supplier/id").asLong()).isEqualTo(a.at("/supplier/id").asLong())
                    .isEqualTo(b.at("/supplier/id").asLong());
            assertThat(p.at("/supplier/name").asString()).isEqualTo(a.at("/supplier/name").asString());
            assertThat(new BigDecimal(p.get("total").asString())).isEqualByComparingTo(a.get("total-with-taxes")
                    .asString()).isEqualByComparingTo(b.get("total-with-taxes").asString());
            assertThat(p.get("currency").asString()).isEqualTo(a.at("/currency/code").asString());
            assertThat(p.at("/invoices/0/number").asString()).isEqualTo(a.get("invoice-number").asString());
            assertThat(p.at("/invoices/1/date").asString()).isEqualTo(b.get("invoice-date").asString()
                    .substring(0, 10));
            assertThat(p.get("days_apart").asInt()).isEqualTo(day(b) - day(a)).isLessThanOrEqualTo(within);
            assertThat(p.get("why").asString()).startsWith("same supplier, currency and total; ");
        }
        assertThat(s.at("/scan/records").asLong()).isEqualTo(matching);
        assertThat(out.text()).contains("Scanned " + s.at("/scan/records").asLong() + " records");
    }

    @Test
    void theKeyedInDuplicatesAreFoundWithTheirReasons() {
        ToolOutcome out = on.call("find_duplicate_invoices", "{\"within_days\": 60, \"top\": 25}");
        assertThat(out.isError()).as(out.text()).isFalse();
        List<String> numbers = new ArrayList<>();
        out.structured().get("pairs").forEach(p -> numbers.add(p.get("numbers").asString()));
        assertThat(numbers).contains("same", "same_digits", "swapped", "different");
        assertThat(numbers.indexOf("same")).isLessThan(numbers.indexOf("same_digits"));
        assertThat(out.text().lines().findFirst().orElseThrow())
                .contains("pairs of likely duplicate invoices").contains("at most 60 days apart");
        assertThat(out.text()).contains("numbers equal ignoring case, punctuation and leading zeros");
    }

    /** Many pairs do not fit a small response budget: fewer are shown, the count stays whole, the text says so. */
    @Test
    void pairsAreCutToFitTheResponseBudgetNotRefused() {
        ToolCatalog small = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("invoice_checks")).responseBudgetChars(2_500).build())
                .catalog(on.client());
        ToolOutcome out = small.call("find_duplicate_invoices", Json.object().put("within_days", 365).put("top", 25));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(io.github.coupamcp.shape.ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(2_500);
        int shown = out.structured().get("pairs").size();
        long found = out.structured().get("pairs_found").asLong();
        assertThat(shown).isPositive().isLessThan((int) Math.min(25, found));
        assertThat(out.text()).contains("Only " + shown + " of the top " + Math.min(25, found)
                + " fit the response budget");
    }

    @Test
    void anotherWindowIsAnsweredFromTheCachedScanAndFreshScansAgain() {
        ToolOutcome first = on.call("find_duplicate_invoices", "{\"status\": [\"draft\"], \"fresh\": true}");
        ToolOutcome again = on.call("find_duplicate_invoices", "{\"status\": [\"draft\"], \"within_days\": 5}");
        assertThat(first.structured().at("/scan/cached").asBoolean()).isFalse();
        assertThat(again.structured().at("/scan/cached").asBoolean()).isTrue();
        assertThat(again.structured().at("/scan/as_of")).isEqualTo(first.structured().at("/scan/as_of"));
        assertThat(again.text()).contains("cached answer; pass fresh=true to scan again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"within_days\": -1}|within_days must be at least 0",
        "{\"within_days\": 400}|within_days must be at most 365",
        "{\"within_days\": \"soon\"}|within_days must be a whole number",
        "{\"similar_numbers\": \"yes\"}|similar_numbers must be true or false",
        "{\"top\": 0}|top must be at least 1"})
    void badArgumentsAreClearErrors(String spec) {
        String[] parts = spec.split("\\|");
        ToolOutcome out = on.call("find_duplicate_invoices", parts[0]);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains(parts[1]).contains("find_duplicate_invoices").doesNotContain("Exception");
    }

    @Test
    void aQuestionOverTheScanBudgetIsRefusedWithItsCost() {
        ToolCatalog small = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("invoice_checks")).scanMaxRequests(2).build())
                .catalog(on.client());
        ToolOutcome out = small.call("find_duplicate_invoices", Json.object());
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("would exceed its budget of 2 upstream requests").contains("Narrow the filters");
    }

    @Test
    void aScanReportsProgressEndingComplete() {
        List<Double> events = new ArrayList<>();
        ToolOutcome out = on.catalog.call("find_duplicate_invoices", Json.object().put("fresh", true),
                (progress, total, message) -> events.add(progress));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(events).isNotEmpty().isSorted().endsWith(100.0);
    }

    private static int day(JsonNode invoice) {
        return (int) LocalDate.parse(invoice.get("invoice-date").asString().substring(0, 10)).toEpochDay();
    }

    /** 0 same after normalising, 1 same digits, 2 adjacent swap, 3 different: written here independently. */
    private static int likeness(String a, String b) {
        String na = norm(a);
        String nb = norm(b);
        if (!na.isEmpty() && na.equals(nb)) {
            return 0;
        }
        String da = na.replaceAll("\\D", "").replaceFirst("^0+", "");
        if (da.length() >= 3 && da.equals(nb.replaceAll("\\D", "").replaceFirst("^0+", ""))) {
            return 1;
        }
        for (int i = 0; i + 1 < na.length(); i++) {
            String swapped = na.substring(0, i) + na.charAt(i + 1) + na.charAt(i) + na.substring(i + 2);
            if (!swapped.equals(na) && swapped.equals(nb)) {
                return 2;
            }
        }
        return 3;
    }

    private static String norm(String number) {
        Matcher m = Pattern.compile("\\d+").matcher(number.toUpperCase(Locale.ROOT));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group().replaceFirst("^0+(?=\\d)", ""));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("[^A-Z0-9]", "");
    }
}
