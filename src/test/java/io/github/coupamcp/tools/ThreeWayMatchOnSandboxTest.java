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
import io.github.coupamcp.testing.MutableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * three_way_match_exceptions against a brute-force match computed here from the sandbox's own records (every
 * purchase order and invoice as the sandbox renders them), plus its cost, cache, budget refusal and argument errors.
 */
class ThreeWayMatchOnSandboxTest {
    private static Sandbox sandbox;
    private static CoupaClient http;
    private static final AtomicInteger LISTS = new AtomicInteger();
    private static final Map<String, AtomicInteger> LISTS_BY_RESOURCE = new ConcurrentHashMap<>();
    private static CoupaClient client;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        ToolRegistry registry = ToolRegistry.load(ToolHarness.allToolsets());
        http = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO).build());
        client = new ForwardingCoupaClient(http) {
            @Override
            public List<ObjectNode> list(String resource, CoupaQuery query) {
                LISTS.incrementAndGet();
                LISTS_BY_RESOURCE.computeIfAbsent(resource, r -> new AtomicInteger()).incrementAndGet();
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

    // ------------------------------------------------------------------ brute force

    /** One expected exception: its PO line (and invoice line for a price variance) and amount. */
    private record Expected(long poLineId, long invoiceLineId, BigDecimal amount, String currency) {}

    /** The whole match, computed here from every record the sandbox holds. */
    private static final class Brute {
        final Map<String, List<Expected>> byType = new TreeMap<>();
        int orders;
        int poLines;
        final Set<Long> invoices = new HashSet<>();
        long invoiceLines;
    }

    private static List<ObjectNode> records(String resource) {
        SandboxCollection collection = sandbox.store().collection(resource);
        List<ObjectNode> all = new ArrayList<>();
        collection.ids().forEach(id -> all.add(collection.render(id)));
        return all;
    }

    private static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() ? null : new BigDecimal(n.asString());
    }

    private static Brute bruteForce(Predicate<ObjectNode> selects, BigDecimal tolerancePct) {
        Brute b = new Brute();
        List.of("over_billed", "billed_not_received", "price_variance").forEach(t -> b.byType.put(t,
                new ArrayList<>()));
        Map<Long, JsonNode> lines = new HashMap<>();
        Map<Long, String> currencyOf = new HashMap<>();
        for (ObjectNode po : records("purchase_orders")) {
            if (!selects.test(po)) {
                continue;
            }
            b.orders++;
            for (JsonNode line : po.get("order-lines")) {
                lines.put(line.get("id").asLong(), line);
                currencyOf.put(line.get("id").asLong(), po.get("currency").get("code").asString());
                b.poLines++;
            }
        }
        Map<Long, BigDecimal> quantity = new HashMap<>();
        Map<Long, BigDecimal> amount = new HashMap<>();
        for (ObjectNode inv : records("invoices")) {
            if (Set.of("voided", "abandoned").contains(inv.get("status").asString())) {
                continue;
            }
            for (JsonNode l : inv.get("invoice-lines")) {
                JsonNode po = lines.get(l.path("order-line-id").asLong(-1));
                if (po == null) {
                    continue;
                }
                long lineId = po.get("id").asLong();
                b.invoices.add(inv.get("id").asLong());
                b.invoiceLines++;
                if (dec(l.get("quantity")) != null) {
                    quantity.merge(lineId, dec(l.get("quantity")), BigDecimal::add);
                }
                amount.merge(lineId, dec(l.get("total")), BigDecimal::add);
                BigDecimal poPrice = dec(po.get("price"));
                BigDecimal price = dec(l.get("price"));
                if (dec(po.get("quantity")) != null && dec(l.get("quantity")) != null
                        && price.subtract(poPrice).abs().multiply(BigDecimal.valueOf(100))
                                .compareTo(poPrice.multiply(tolerancePct)) > 0) {
                    b.byType.get("price_variance").add(new Expected(lineId, l.get("id").asLong(), price
                            .subtract(poPrice).multiply(dec(l.get("quantity"))).setScale(2, RoundingMode.HALF_UP),
                            currencyOf.get(lineId)));
                }
            }
        }
        amount.forEach((lineId, billed) -> {
            JsonNode po = lines.get(lineId);
            String currency = currencyOf.get(lineId);
            BigDecimal ordered = dec(po.get("quantity"));
            if (ordered == null) {
                if (billed.compareTo(dec(po.get("total"))) > 0) {
                    b.byType.get("over_billed").add(new Expected(lineId, 0, billed.subtract(dec(po.get("total")))
                            .setScale(2, RoundingMode.HALF_UP), currency));
                }
                return;
            }
            BigDecimal q = quantity.getOrDefault(lineId, BigDecimal.ZERO);
            BigDecimal price = dec(po.get("price"));
            if (q.compareTo(ordered) > 0) {
                b.byType.get("over_billed").add(new Expected(lineId, 0, q.subtract(ordered).multiply(price)
                        .setScale(2, RoundingMode.HALF_UP), currency));
            }
            BigDecimal received = dec(po.get("received")) == null ? BigDecimal.ZERO : dec(po.get("received"));
            if (po.get("receipt-required").asBoolean() && q.compareTo(received) > 0) {
                b.byType.get("billed_not_received").add(new Expected(lineId, 0, q.subtract(received)
                        .multiply(price).setScale(2, RoundingMode.HALF_UP), currency));
            }
        });
        return b;
    }

    private static Predicate<ObjectNode> selection(ObjectNode args) {
        Predicate<ObjectNode> p = po -> true;
        if (args.has("po_number")) {
            p = p.and(po -> po.get("po-number").asString().equals(args.get("po_number").asString()));
        }
        if (args.has("po_id")) {
            p = p.and(po -> po.get("id").asLong() == args.get("po_id").asLong());
        }
        if (args.has("supplier_id")) {
            p = p.and(po -> po.get("supplier").get("id").asLong() == args.get("supplier_id").asLong());
        }
        if (args.has("supplier_name")) {
            String part = args.get("supplier_name").asString().toLowerCase(java.util.Locale.ROOT);
            p = p.and(po -> po.get("supplier").get("name").asString().toLowerCase(java.util.Locale.ROOT)
                    .contains(part));
        }
        if (args.has("created_from")) {
            Instant from = Instant.parse(args.get("created_from").asString() + "T00:00:00Z");
            p = p.and(po -> !created(po).isBefore(from));
        }
        if (args.has("created_before")) {
            Instant before = Instant.parse(args.get("created_before").asString() + "T00:00:00Z");
            p = p.and(po -> created(po).isBefore(before));
        }
        return p;
    }

    private static Instant created(JsonNode po) {
        return java.time.OffsetDateTime.parse(po.get("created-at").asString()).toInstant();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theSandboxHasEveryExceptionType() {
        Brute all = bruteForce(po -> true, BigDecimal.ZERO);
        all.byType.forEach((type, found) -> assertThat(found).as(type).hasSizeGreaterThanOrEqualTo(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"created_from\": \"2000-01-01\", \"top\": 25}",
        "{\"created_from\": \"2000-01-01\", \"price_tolerance_pct\": 2.5}",
        "{\"created_from\": \"2025-01-01\", \"created_before\": \"2025-07-01\", \"top\": 10}",
        "{\"supplier_id\": 3}",
        "{\"supplier_id\": 7, \"created_before\": \"2025-06-01\"}",
        "{\"supplier_name\": \"SERVICES\", \"created_from\": \"2025-01-01\"}",
        "{\"po_id\": 1}"})
    void agreesWithBruteForceOverTheSandbox(String question) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(question);
        args.put("fresh", true);
        BigDecimal tolerance = args.has("price_tolerance_pct") ? args.get("price_tolerance_pct").decimalValue()
                : BigDecimal.ZERO;
        int top = args.path("top").asInt(5);
        Brute expected = bruteForce(selection(args), tolerance);

        ToolOutcome out = catalog.call("three_way_match_exceptions", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();
        JsonNode compared = s.get("compared");
        assertThat(compared.get("purchase_orders").asInt()).isEqualTo(expected.orders);
        assertThat(compared.get("po_lines").asInt()).isEqualTo(expected.poLines);
        assertThat(compared.get("invoices").asInt()).isEqualTo(expected.invoices.size());
        assertThat(compared.get("invoice_lines").asLong()).isEqualTo(expected.invoiceLines);
        expected.byType.forEach((type, found) -> {
            JsonNode answer = s.get("exceptions").get(type);
            assertThat(answer.get("count").asLong()).as(type).isEqualTo(found.size());
            Map<String, BigDecimal> sums = new TreeMap<>();
            found.forEach(e -> sums.merge(e.currency(), e.amount(), BigDecimal::add));
            Map<String, BigDecimal> actual = new TreeMap<>();
            answer.get("amounts").properties().forEach(e -> actual.put(e.getKey(), new BigDecimal(e.getValue()
                    .asString())));
            assertThat(actual).as(type).isEqualTo(sums);
            List<Expected> ranked = new ArrayList<>(found);
            ranked.sort(Comparator.<Expected, BigDecimal>comparing(e -> e.amount().abs()).reversed()
                    .thenComparingLong(Expected::poLineId).thenComparingLong(Expected::invoiceLineId));
            List<String> shown = new ArrayList<>();
            answer.get("items").forEach(i -> shown.add(i.get("po_line_id").asLong() + "/" + i.get("amount")
                    .asString() + " " + i.get("currency").asString()));
            int listed = Math.min(top, ranked.size());
            if (shown.size() < listed) {
                assertThat(out.text()).contains("fit the response budget");
                listed = shown.size();
            }
            assertThat(shown).as(type).containsExactlyElementsOf(ranked.subList(0, listed).stream().map(e -> e.poLineId() + "/" + e.amount().toPlainString() + " " + e.currency())
                    .toList());
        });
        assertThat(s.get("scan").get("cached").asBoolean()).isFalse();
        assertThat(out.text().lines().findFirst().orElseThrow()).contains(s.get("selection").asString());
    }

    private static ToolOutcome call(String arguments) {
        return catalog.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(arguments));
    }

    @Test
    void onePoByNumberShowsItsPriceVarianceWithTheInvoice() {
        Brute all = bruteForce(po -> true, BigDecimal.ZERO);
        Expected variance = all.byType.get("price_variance").get(0);
        ObjectNode poLine = sandbox.store().collection("purchase_order_lines").render(variance.poLineId());
        String poNumber = poLine.get("order-header-number").asString();

        ToolOutcome out = call("{\"po_number\": \"" + poNumber + "\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        JsonNode item = out.structured().at("/exceptions/price_variance/items/0");
        assertThat(item.get("po_number").asString()).isEqualTo(poNumber);
        assertThat(item.get("amount").asString()).isEqualTo(variance.amount().toPlainString());
        assertThat(item.get("invoice_id").asLong()).isPositive();
        assertThat(out.structured().at("/compared/purchase_orders").asInt()).isEqualTo(1);
        assertThat(out.text()).contains("PO " + poNumber + " line " + poLine.get("line-num").asString())
                .contains("vs PO " + new BigDecimal(poLine.get("price").asString()).stripTrailingZeros()
                        .toPlainString());
    }

    @Test
    void aDateRangeCostsTheOrderScanPlusAboutOneRequestPerFiftyOrders() {
        LISTS_BY_RESOURCE.clear();
        int before = LISTS.get();
        ToolOutcome out = call("{\"created_from\": \"2000-01-01\", \"fresh\": true}");
        assertThat(out.isError()).as(out.text()).isFalse();
        long orders = out.structured().at("/compared/purchase_orders").asLong();
        long invoices = out.structured().at("/compared/invoices").asLong();
        assertThat(out.structured().at("/scan/upstream_requests").asLong()).as("the answer states its cost")
                .isEqualTo(LISTS.get() - before);
        long batches = (orders + 49) / 50;
        // each batch: its pages, plus one request for the largest id when it has more than a page
        assertThat(LISTS_BY_RESOURCE.get("invoices").get()).isBetween((int) batches,
                (int) (2 * batches + (invoices + 49) / 50));
        // the order scan is the engine's: its pages, the largest id, and about one request per partition and steal
        assertThat(LISTS_BY_RESOURCE.get("purchase_orders").get()).isLessThanOrEqualTo((int) ((orders + 49) / 50
                + 2 + 3 * ScanOptionsDefaults.CONCURRENCY));
    }

    /** The scan engine's default concurrency: the partitions an order scan starts with. */
    private static final class ScanOptionsDefaults {
        static final int CONCURRENCY = io.github.coupamcp.coupa.scan.ScanOptions.DEFAULT_CONCURRENCY;
    }

    @Test
    void anEqualQuestionIsAnsweredFromTheCacheUntilFreshIsAsked() {
        ToolCatalog cached = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("invoice_checks")).clock(new MutableClock()).build())
                .catalog(client);
        ToolOutcome first = cached.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"supplier_id\": 3, \"price_tolerance_pct\": 1}"));
        assertThat(first.structured().at("/scan/cached").asBoolean()).isFalse();
        int before = LISTS.get();
        ToolOutcome again = cached.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"price_tolerance_pct\": 1.0, \"top\": 2, \"supplier_id\": 3}"));
        assertThat(LISTS.get()).isEqualTo(before);
        assertThat(again.structured().at("/scan/cached").asBoolean()).isTrue();
        assertThat(again.structured().get("exceptions").get("billed_not_received").get("count"))
                .isEqualTo(first.structured().get("exceptions").get("billed_not_received").get("count"));
        assertThat(again.text()).contains("cached answer; pass fresh=true to scan again");
        ToolOutcome other = cached.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"supplier_id\": 3, \"price_tolerance_pct\": 2}"));
        assertThat(other.structured().at("/scan/cached").asBoolean()).as("another tolerance").isFalse();
        before = LISTS.get();
        ToolOutcome fresh = cached.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"supplier_id\": 3, \"price_tolerance_pct\": 1, \"fresh\": true}"));
        assertThat(LISTS.get()).isGreaterThan(before);
        assertThat(fresh.structured().at("/scan/cached").asBoolean()).isFalse();
    }

    @Test
    void aQuestionOverTheBudgetIsRefusedWithItsCostAndANarrowerSelection() {
        ToolCatalog small = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("invoice_checks")).scanMaxRequests(3).build()).catalog(client);
        ToolOutcome out = small.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"created_from\": \"2000-01-01\"}"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("budget of 3").contains("Narrow").doesNotContain("Exception");
    }

    /** One supplier's orders fit one page; their invoices need one request more than a budget of 1 allows. */
    @Test
    void invoiceRequestsOverTheBudgetAreRefusedBeforeTheyAreMade() {
        ToolCatalog tight = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("invoice_checks")).scanMaxRequests(1).build()).catalog(client);
        int before = LISTS.get();
        ToolOutcome out = tight.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"supplier_id\": 3}"));
        assertThat(out.isError()).as(out.text()).isTrue();
        assertThat(LISTS.get() - before).isEqualTo(1);
        assertThat(out.text()).contains("would take at least 2 upstream requests").contains("budget of 1")
                .contains("Narrow the selection").doesNotContain("Exception");
    }

    @Test
    void progressEndsComplete() {
        List<Double> events = new ArrayList<>();
        ToolOutcome out = catalog.call("three_way_match_exceptions", (ObjectNode) Json.MAPPER.readTree(
                "{\"created_from\": \"2000-01-01\", \"fresh\": true}"), (progress, total, message) ->
                        events.add(progress));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(events).isNotEmpty().isSorted();
        assertThat(events.get(events.size() - 1)).isEqualTo(100.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"po_number\": \"999999\"}|No purchase order with po_number \"999999\". Find it with list_purchase_orders.",
        "{\"po_id\": 99999999}|No purchase order with po_id 99999999. Find it with list_purchase_orders.",
        "{}|say which purchase orders to check: po_number or po_id for one, or supplier_id, supplier_name, created_from, "
            + "created_before",
        "{\"price_tolerance_pct\": 5}|say which purchase orders to check",
        "{\"po_number\": \"4001\", \"supplier_id\": 3}|po_number selects one purchase order: drop supplier_id",
        "{\"po_number\": \"4001\", \"po_id\": 1}|give only one of them",
        "{\"po_id\": 1, \"price_tolerance_pct\": -1}|price_tolerance_pct",
        "{\"po_id\": 1, \"price_tolerance_pct\": 101}|price_tolerance_pct",
        "{\"po_id\": 1, \"price_tolerance_pct\": \"two\"}|price_tolerance_pct",
        "{\"created_from\": \"2025-06-01\", \"created_before\": \"2025-01-01\"}|created_from"})
    void unhappyPathsAreClearErrors(String spec) {
        String arguments = spec.substring(0, spec.indexOf('|'));
        String message = spec.substring(spec.indexOf('|') + 1);
        ToolOutcome out = call(arguments);
        assertThat(out.isError()).as(out.text()).isTrue();
        assertThat(out.text()).contains(message).doesNotContain("Exception").doesNotContain("java.");
    }
}
