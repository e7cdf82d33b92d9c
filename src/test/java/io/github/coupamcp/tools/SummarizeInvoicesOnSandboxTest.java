package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.ForwardingCoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.testing.MutableClock;
import io.github.coupamcp.testing.PageBound;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * summarize_invoices against a brute-force computation: every invoice list_invoices returns for the same filters,
 * grouped and summed here independently. Also the answer cache (hit, fresh, expiry) and the over-budget refusal.
 */
class SummarizeInvoicesOnSandboxTest {
    private static Sandbox sandbox;
    private static CoupaClient http;
    private static final AtomicInteger LISTS = new AtomicInteger();
    /** Counts list requests, so a cached answer can be shown to cost none. */
    private static CoupaClient client;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
        http = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO).build());
        client = new ForwardingCoupaClient(http) {
            @Override
            public List<ObjectNode> list(String resource, CoupaQuery query) {
                LISTS.incrementAndGet();
                return super.list(resource, query);
            }
        };
        catalog = registry.catalog(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    /** Count and per-currency sums of one group, computed here. */
    private static final class Expected {
        long count;
        final Map<String, BigDecimal> totals = new TreeMap<>();
        final Map<String, BigDecimal> due = new TreeMap<>();

        void add(JsonNode invoice) {
            count++;
            String currency = invoice.path("currency").asString(null);
            if (currency != null) {
                add(totals, currency, invoice.get("total"));
                add(due, currency, invoice.get("amount_due"));
            }
        }

        void addAll(Expected other) {
            count += other.count;
            other.totals.forEach((c, a) -> totals.merge(c, a, BigDecimal::add));
            other.due.forEach((c, a) -> due.merge(c, a, BigDecimal::add));
        }

        private static void add(Map<String, BigDecimal> sums, String currency, JsonNode amount) {
            if (amount != null) {
                sums.merge(currency, new BigDecimal(amount.asString()), BigDecimal::add);
            }
        }
    }

    private static final Map<String, Function<JsonNode, String>> KEYS = Map.of(
            "supplier", i -> i.path("supplier").path("id").asString("(none)"),
            "status", i -> i.path("status").asString("(none)"),
            "month", i -> i.has("invoice_date") ? i.get("invoice_date").asString().substring(0, 7) : "(none)",
            "currency", i -> i.path("currency").asString("(none)"));

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"group_by\": \"supplier\"}",
        "{\"group_by\": \"status\", \"invoice_date_from\": \"2024-01-01\"}",
        "{\"group_by\": \"month\", \"status\": [\"approved\", \"pending_approval\"]}",
        "{\"group_by\": \"currency\", \"paid\": false}",
        "{\"group_by\": \"supplier\", \"supplier_name\": \"a\", \"total_min\": 500, \"top\": 3}",
        "{\"group_by\": \"month\", \"paid\": false, \"net_due_date_to\": \"2026-06-30\"}",
        "{\"group_by\": \"status\", \"supplier_name\": \"no such supplier\"}",
        "{\"group_by\": \"month\", \"document_type\": \"credit_note\"}",
        "{\"group_by\": \"status\", \"currency\": \"XYZ\"}"})
    void agreesWithBruteForceOverTheListing(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        String groupBy = args.get("group_by").asString();
        int top = args.path("top").asInt(10);
        ObjectNode filters = args.deepCopy();
        filters.remove(List.of("group_by", "top"));
        Expected overall = new Expected();
        Map<String, Expected> groups = new HashMap<>();
        for (JsonNode invoice : listed("list_invoices", filters)) {
            overall.add(invoice);
            groups.computeIfAbsent(KEYS.get(groupBy).apply(invoice), k -> new Expected()).add(invoice);
        }
        List<String> ranked = new ArrayList<>(groups.keySet());
        ranked.sort(Comparator.<String>comparingLong(k -> groups.get(k).count).reversed()
                .thenComparing(Comparator.naturalOrder()));

        args.put("fresh", true);
        ToolOutcome out = catalog.call("summarize_invoices", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();
        assertTally(s.get("overall"), overall);
        List<String> shown = ranked.subList(0, Math.min(top, ranked.size()));
        assertThat(keys(s.get("groups"))).containsExactlyElementsOf(shown);
        for (JsonNode g : s.get("groups")) {
            assertTally(g, groups.get(g.get("key").asString()));
        }
        if (ranked.size() > top) {
            Expected rest = new Expected();
            ranked.subList(top, ranked.size()).forEach(k -> rest.addAll(groups.get(k)));
            assertTally(s.get("other"), rest);
            assertThat(s.get("other").get("groups").asInt()).isEqualTo(ranked.size() - top);
        } else {
            assertThat(s.has("other")).isFalse();
        }
        assertThat(s.get("scan").get("records").asLong()).isEqualTo(overall.count);
        assertThat(s.get("scan").get("cached").asBoolean()).isFalse();
        assertThat(out.text()).contains("Scanned " + overall.count + " records");
        if (overall.count == 0) {
            assertThat(out.text()).startsWith("No invoices match these filters.");
        } else {
            assertThat(out.text()).contains("ranked by count, largest first; ties by key");
        }
    }

    /** Purchase orders: a total is the sum of the order's lines, as on list_purchase_orders. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"group_by\": \"supplier\", \"top\": 25}",
        "{\"group_by\": \"status\"}",
        "{\"group_by\": \"month\", \"created_from\": \"2024-01-01\"}",
        "{\"group_by\": \"currency\", \"status\": [\"issued\"]}"})
    void purchaseOrderSummariesAgreeWithBruteForce(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        String groupBy = args.get("group_by").asString();
        int top = args.path("top").asInt(10);
        ObjectNode filters = args.deepCopy();
        filters.remove(List.of("group_by", "top"));
        Map<String, Function<JsonNode, String>> keys = Map.of(
                "supplier", o -> o.path("supplier").path("id").asString("(none)"),
                "status", o -> o.path("status").asString("(none)"),
                "month", o -> o.has("created_at") ? o.get("created_at").asString().substring(0, 7) : "(none)",
                "currency", o -> o.path("currency").asString("(none)"));
        Expected overall = new Expected();
        Map<String, Expected> groups = new HashMap<>();
        for (JsonNode order : listed("list_purchase_orders", filters)) {
            overall.add(order);
            groups.computeIfAbsent(keys.get(groupBy).apply(order), k -> new Expected()).add(order);
        }
        assertThat(overall.count).as("the sandbox has matching purchase orders").isPositive();
        List<String> ranked = new ArrayList<>(groups.keySet());
        ranked.sort(Comparator.<String>comparingLong(k -> groups.get(k).count).reversed()
                .thenComparing(Comparator.naturalOrder()));

        ToolOutcome out = catalog.call("summarize_purchase_orders", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        assertTally(out.structured().get("overall"), overall);
        assertThat(keys(out.structured().get("groups"))).containsExactlyElementsOf(
                ranked.subList(0, Math.min(top, ranked.size())));
        for (JsonNode g : out.structured().get("groups")) {
            assertTally(g, groups.get(g.get("key").asString()));
        }
        assertThat(out.text()).contains(overall.count + " purchase orders match these filters");
    }

    /**
     * Account and commodity group invoice lines, computed here from the sandbox's own records: an invoice counts once
     * in each group its lines fall into, with the sum of those lines' totals.
     */
    @ParameterizedTest
    @ValueSource(strings = {"account|", "commodity|", "account|approved", "commodity|pending_approval"})
    void lineDimensionsAgreeWithBruteForceOverTheSandbox(String spec) {
        String dimension = spec.substring(0, spec.indexOf('|'));
        String status = spec.substring(spec.indexOf('|') + 1);
        Map<String, Long> counts = new HashMap<>();
        Map<String, Map<String, BigDecimal>> totals = new HashMap<>();
        long matching = 0;
        SandboxCollection invoices = sandbox.store().collection("invoices");
        for (long id : invoices.ids()) {
            ObjectNode invoice = invoices.render(id);
            if (!status.isEmpty() && !status.equals(invoice.path("status").asString())) {
                continue;
            }
            matching++;
            String currency = invoice.path("currency").path("code").asString();
            Map<String, BigDecimal> byKey = new HashMap<>();
            for (JsonNode line : invoice.path("invoice-lines")) {
                JsonNode ref = line.path(dimension);
                String key = ref.has("id") ? ref.get("id").asString() : "(none)";
                byKey.merge(key, new BigDecimal(line.path("total").asString("0")), BigDecimal::add);
            }
            byKey.forEach((key, sum) -> {
                counts.merge(key, 1L, Long::sum);
                totals.computeIfAbsent(key, k -> new TreeMap<>()).merge(currency, sum, BigDecimal::add);
            });
        }
        List<String> ranked = new ArrayList<>(counts.keySet());
        ranked.sort(Comparator.<String>comparingLong(counts::get).reversed().thenComparing(Comparator.naturalOrder()));

        ObjectNode args = Json.object().put("group_by", dimension).put("top", 25).put("fresh", true);
        if (!status.isEmpty()) {
            args.putArray("status").add(status);
        }
        ToolOutcome out = catalog.call("summarize_invoices", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().get("overall").get("count").asLong()).isEqualTo(matching);
        assertThat(keys(out.structured().get("groups"))).containsExactlyElementsOf(
                ranked.subList(0, Math.min(25, ranked.size())));
        for (JsonNode g : out.structured().get("groups")) {
            String key = g.get("key").asString();
            assertThat(g.get("count").asLong()).as(key).isEqualTo(counts.get(key));
            assertSums(g.get("totals"), totals.get(key));
            assertThat(g.has("label")).as("a line's " + dimension + " has a name").isTrue();
        }
        assertThat(out.structured().get("basis").asString()).startsWith("Grouped by line");
        assertThat(out.text()).contains("Grouped by line");
    }

    @Test
    void rankingByTotalUsesTheCurrencyOfMostInvoices() {
        Map<String, Expected> groups = new HashMap<>();
        Map<String, Long> byCurrency = new TreeMap<>();
        for (JsonNode invoice : listed("list_invoices", Json.object())) {
            groups.computeIfAbsent(KEYS.get("supplier").apply(invoice), k -> new Expected()).add(invoice);
            byCurrency.merge(invoice.path("currency").asString(), 1L, Long::sum);
        }
        String currency = byCurrency.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        List<String> ranked = new ArrayList<>(groups.keySet());
        ranked.sort(Comparator.<String, BigDecimal>comparing(k -> groups.get(k).totals.getOrDefault(currency,
                BigDecimal.ZERO)).reversed().thenComparing(Comparator.<String>comparingLong(k -> groups.get(k).count)
                .reversed()).thenComparing(Comparator.naturalOrder()));

        ToolOutcome out = catalog.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"supplier\", \"rank_by\": \"total\", \"top\": 5}"));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(keys(out.structured().get("groups"))).containsExactlyElementsOf(ranked.subList(0, 5));
        assertThat(out.text()).contains("ranked by totals in " + currency);
    }

    /** No hidden status default: an answer over every status says so, and where to ask for what is owed. */
    @Test
    void anAnswerOverEveryStatusSaysSo() {
        ToolOutcome all = catalog.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree("{\"top\": 1}"));
        assertThat(all.text()).contains("No status filter: voided, rejected, draft and new invoices count too")
                .contains("invoice_aging");
        ToolOutcome approved = catalog.call("summarize_invoices",
                (ObjectNode) Json.MAPPER.readTree("{\"top\": 1, \"status\": [\"approved\"]}"));
        assertThat(approved.isError()).isFalse();
        assertThat(approved.text()).doesNotContain("No status filter");
    }

    @Test
    void anEqualQuestionIsAnsweredFromTheCacheUntilItExpiresOrFreshIsAsked() {
        MutableClock clock = new MutableClock();
        ToolCatalog cached = ToolRegistry.load(ToolSettings.builder().clock(clock).build()).catalog(client);
        String question = "{\"group_by\": \"status\", \"invoice_date_from\": \"2020-01-01\"}";
        ToolOutcome first = cached.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(question));
        assertThat(first.structured().get("scan").get("cached").asBoolean()).isFalse();

        int before = LISTS.get();
        clock.advance(Duration.ofMinutes(4));
        // the same question, another top and the arguments in another order: the same scan
        ToolOutcome again = cached.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"invoice_date_from\": \"2020-01-01\", \"top\": 2, \"group_by\": \"status\"}"));
        assertThat(LISTS.get()).isEqualTo(before);
        assertThat(again.structured().get("scan").get("cached").asBoolean()).isTrue();
        assertThat(again.structured().get("scan").get("as_of")).isEqualTo(first.structured().get("scan")
                .get("as_of"));
        assertThat(again.structured().get("overall")).isEqualTo(first.structured().get("overall"));
        assertThat(again.text()).contains("cached answer; pass fresh=true to scan again");

        ToolOutcome other = cached.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"status\", \"invoice_date_from\": \"2021-01-01\"}"));
        assertThat(other.structured().get("scan").get("cached").asBoolean()).as("other filters").isFalse();

        before = LISTS.get();
        ToolOutcome fresh = cached.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"status\", \"invoice_date_from\": \"2020-01-01\", \"fresh\": true}"));
        assertThat(LISTS.get()).isGreaterThan(before);
        assertThat(fresh.structured().get("scan").get("cached").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        ToolOutcome expired = cached.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(question));
        assertThat(expired.structured().get("scan").get("cached").asBoolean()).as("after 5 minutes").isFalse();
    }

    @Test
    void aScanReportsItsProgressEndingComplete() {
        List<double[]> events = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ToolOutcome out = catalog.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"currency\", \"fresh\": true}"), (progress, total, message) -> {
                    events.add(new double[] {progress, total});
                    messages.add(message);
                });
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(events).isNotEmpty();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)[0]).isGreaterThanOrEqualTo(events.get(i - 1)[0]);
        }
        assertThat(events.get(events.size() - 1)).containsExactly(100.0, 100.0);
        long records = out.structured().get("scan").get("records").asLong();
        assertThat(messages.get(messages.size() - 1)).startsWith("scanned " + records + " invoices in ");
    }

    @Test
    void aQuestionOverTheScanBudgetIsRefusedWithItsCostAndANarrowerFilter() {
        ToolCatalog small = ToolRegistry.load(ToolSettings.builder().scanMaxRequests(2).build()).catalog(client);
        ToolOutcome out = small.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"supplier\"}"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("would exceed its budget of 2 upstream requests")
                .contains("Narrow the filters").contains("date range").doesNotContain("Exception");
    }

    /** 25 months in four currencies do not fit 8,000 characters: fewer groups are shown, and the text says so. */
    @Test
    void manyGroupsInManyCurrenciesAreCutToFitTheBudgetNotRefused() {
        ToolOutcome out = catalog.call("summarize_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"group_by\": \"month\", \"top\": 25}"));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(ResponseBudget.measure(out.structured(), out.text()))
                .isLessThanOrEqualTo(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
        int shown = out.structured().get("groups").size();
        assertThat(shown).isBetween(1, 24);
        assertThat(out.text()).contains("Only " + shown + " of the top 25 fit the response budget");
        long total = out.structured().get("overall").get("count").asLong();
        long listed = out.structured().get("other").get("count").asLong();
        for (JsonNode g : out.structured().get("groups")) {
            listed += g.get("count").asLong();
        }
        assertThat(listed).as("groups and other add up to overall").isEqualTo(total);
    }

    @ParameterizedTest
    @ValueSource(strings = {"supplier", "account", "commodity"})
    void topTenFitsFourThousandCharacters(String groupBy) {
        ToolOutcome out = catalog.call("summarize_invoices", Json.object().put("group_by", groupBy));
        assertThat(out.structured().get("groups").size()).isEqualTo(out.structured().has("other") ? 10
                : out.structured().get("groups").size()).isPositive();
        assertThat(ResponseBudget.measure(out.structured(), out.text())).isLessThanOrEqualTo(4000);
    }

    private static void assertTally(JsonNode node, Expected expected) {
        assertThat(node.get("count").asLong()).isEqualTo(expected.count);
        assertSums(node.get("totals"), expected.totals);
        assertSums(node.get("amount_due"), expected.due);
    }

    private static void assertSums(JsonNode node, Map<String, BigDecimal> expected) {
        Map<String, BigDecimal> actual = new TreeMap<>();
        if (node == null) {
            assertThat(expected).isEmpty();
            return;
        }
        node.properties().forEach(e -> actual.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((c, a) -> assertThat(actual.get(c)).as(c).isEqualByComparingTo(a));
    }

    private static List<String> keys(JsonNode groups) {
        List<String> keys = new ArrayList<>();
        groups.forEach(g -> keys.add(g.get("key").asString()));
        return keys;
    }

    /** Every record the list tool returns for these filters, paged to the end. */
    private static List<JsonNode> listed(String tool, ObjectNode filters) {
        ObjectNode args = filters.deepCopy().put("limit", 50);
        List<JsonNode> all = new ArrayList<>();
        PageBound bound = PageBound.forRecords(tool + " " + filters, sandbox.store().collection(
                tool.substring("list_".length())).size(), 1);
        while (true) {
            bound.count();
            ToolOutcome page = catalog.call(tool, args);
            assertThat(page.isError()).as(page.text()).isFalse();
            page.structured().get("items").forEach(all::add);
            if (!page.structured().has("next_cursor")) {
                return all;
            }
            args = Json.object().put("cursor", page.structured().get("next_cursor").asString()).put("limit", 50);
        }
    }
}
