package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.WriteResult;
import io.github.coupamcp.sandbox.query.Values;
import io.github.coupamcp.testing.PageBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * order_by and dir on the list tools, against the sandbox: paging a whole listing visits each record exactly once,
 * in the order a brute-force sort of the sandbox's records gives (sort value in the direction asked, ties by id in
 * the same direction, records without a value last), with the read-ahead hit and missed, and while records change.
 */
class ListOrderOnSandboxTest {
    private Sandbox sandbox;
    private ToolRegistry registry;
    private HttpCoupaClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        registry = ToolRegistry.load(ToolSettings.builder().cursorKey(ToolHarness.KEY).build());
        client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO)
                .rateLimit(100_000, 100_000).build());
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    static Stream<Arguments> orders() {
        List<Arguments> all = new ArrayList<>();
        for (String dir : List.of("asc", "desc")) {
            for (String field : List.of("id", "invoice_date", "net_due_date", "total", "updated_at")) {
                all.add(Arguments.of("list_invoices", "invoices", field, dir));
            }
            for (String field : List.of("id", "name", "updated_at")) {
                all.add(Arguments.of("list_suppliers", "suppliers", field, dir));
            }
            for (String field : List.of("id", "created_at", "updated_at")) {
                all.add(Arguments.of("list_purchase_orders", "purchase_orders", field, dir));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} order_by={2} dir={3}")
    @MethodSource("orders")
    void pagingVisitsEachRecordOnceInTheRequestedOrder(String tool, String resource, String field, String dir) {
        List<Long> expected = bruteForce(resource, attribute(tool, field), dir.equals("desc"));
        ObjectNode args = Json.object().put("order_by", field).put("dir", dir).put("limit", 7);

        List<Long> withReadAhead = pageAll(List.of(registry.catalog(client)), tool, args, expected.size(), p -> {});
        List<Long> everyPageMisses = pageAll(List.of(registry.catalog(client), registry.catalog(client)), tool, args,
                expected.size(), p -> {});

        assertThat(withReadAhead).as("read-ahead hit").containsExactlyElementsOf(expected);
        assertThat(everyPageMisses).as("read-ahead missed").containsExactlyElementsOf(expected);
    }

    /**
     * A sorted listing costs about what the id order costs: a full page of 50 gives up only its last value's run
     * (asked again next time), and a field that may be blank adds one request for the blank ones at the end.
     */
    @ParameterizedTest(name = "order_by={0}")
    @CsvSource({"net_due_date", "invoice_date", "total", "updated_at"})
    void pagingASortedListingCostsAboutOneRequestPerFiftyRecords(String field) {
        int records = sandbox.store().collection("invoices").size();
        long before = client.metrics().requests();
        List<Long> seen = pageAll(List.of(registry.catalog(client)), "list_invoices",
                Json.object().put("order_by", field).put("dir", "desc"), records, p -> {});
        long requests = client.metrics().requests() - before;
        long fifties = (records + 49) / 50;
        System.out.printf("[figure] list_invoices order_by=%s desc: %d records, %d upstream requests (%.2f x "
                + "ceil(N/50))%n", field, seen.size(), requests, (double) requests / fifties);
        assertThat(seen).hasSize(records).doesNotHaveDuplicates();
        assertThat(requests).isLessThanOrEqualTo((long) Math.floor(1.2 * fifties) + 1);
    }

    /** Totals do not change when invoices are voided or disputed: the order stays, and the listing is exact. */
    @Test
    void invoicesChangingStatusMidwayAreListedOnceEachInTotalOrder() {
        List<Long> expected = bruteForce("invoices", "total-with-taxes", true);
        ObjectNode args = Json.object().put("order_by", "total").put("dir", "desc").put("limit", 9);
        SandboxCollection invoices = sandbox.store().collection("invoices");
        List<Long> ids = new ArrayList<>(invoices.ids());
        int[] round = {0};
        List<Long> seen = pageAll(List.of(registry.catalog(client), registry.catalog(client)), "list_invoices", args,
                expected.size(), page -> changeSomeStatuses(invoices, ids, round[0]++));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    /**
     * Sorted by updated_at, a changed record moves behind the position: every record left alone is listed exactly
     * once and in order; a changed one at most twice (before and after its change).
     */
    @Test
    void aRecordWhoseSortValueChangesMayRepeatButNoOtherRecordIsSkippedOrRepeated() {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        List<Long> expected = bruteForce("invoices", "updated-at", false);
        List<Long> ids = new ArrayList<>(invoices.ids());
        Set<Long> changed = new HashSet<>();
        int[] round = {0};
        List<Long> seen = pageAll(List.of(registry.catalog(client)), "list_invoices",
                Json.object().put("order_by", "updated_at").put("limit", 10), 2 * expected.size(),
                page -> changed.addAll(changeSomeStatuses(invoices, ids, round[0]++)));
        assertThat(changed).isNotEmpty();
        List<Long> untouched = seen.stream().filter(id -> !changed.contains(id)).toList();
        assertThat(untouched).containsExactlyElementsOf(expected.stream().filter(id -> !changed.contains(id))
                .toList());
        for (long id : changed) {
            assertThat(seen.stream().filter(s -> s == id).count()).as("invoice %d", id).isBetween(1L, 2L);
        }
    }

    /**
     * Records leaving the filter mid-way drop out; every record matching throughout is listed once, in order. Pages
     * alternate between two replicas so each fetches afresh (a read-ahead hit serves what was fetched up to a minute
     * before, as documented).
     */
    @Test
    void recordsLeavingTheFilterMidwayDropOutWithoutDisturbingTheOthers() {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        List<Long> pending = new ArrayList<>();
        for (long id : invoices.ids()) {
            if ("pending_approval".equals(invoices.render(id).path("status").asString())) {
                pending.add(id);
            }
        }
        List<Long> expected = bruteForce("invoices", "invoice-date", false).stream().filter(pending::contains)
                .toList();
        assertThat(expected).hasSizeGreaterThan(20);
        Set<Long> disputed = new HashSet<>();
        Set<Long> listed = new HashSet<>();
        List<Long> seen = pageAll(List.of(registry.catalog(client), registry.catalog(client)), "list_invoices",
                Json.object().put("order_by", "invoice_date").put("limit", 5).set("status", Json.array().add("pending_approval")),
                expected.size(), page -> {
                    page.structured().get("items").forEach(item -> listed.add(item.get("id").asLong()));
                    // dispute the last pending invoice not listed yet, each page
                    for (int i = expected.size() - 1; i >= 0; i--) {
                        long victim = expected.get(i);
                        if (!listed.contains(victim) && !disputed.contains(victim)) {
                            if (invoices.action(victim, "dispute", Json.object(), java.util.Map.of())
                                    instanceof WriteResult.Ok) {
                                disputed.add(victim);
                            }
                            break;
                        }
                    }
                });
        assertThat(disputed).isNotEmpty();
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyElementsOf(expected.stream().filter(id -> !disputed.contains(id)).toList());
    }

    @Test
    void anUnknownOrderByNamesTheAllowedOnes() {
        ToolOutcome out = registry.catalog(client).call("list_invoices", Json.object().put("order_by", "amount"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("order_by").contains("id, invoice_date, net_due_date, total, updated_at");
        ToolOutcome badDir = registry.catalog(client).call("list_invoices", Json.object().put("dir", "down"));
        assertThat(badDir.isError()).isTrue();
        assertThat(badDir.text()).contains("dir").contains("asc, desc");
    }

    @Test
    void aCursorOfOneOrderDoesNotContinueAnother() {
        ToolCatalog catalog = registry.catalog(client);
        ToolOutcome first = catalog.call("list_invoices", Json.object().put("order_by", "total").put("limit", 3));
        ToolOutcome other = catalog.call("list_invoices", Json.object().put("order_by", "invoice_date")
                .put("limit", 3).put("cursor", first.structured().get("next_cursor").asString()));
        assertThat(other.isError()).isTrue();
        assertThat(other.text()).contains("cursor");
    }

    /** Voids or disputes a few invoices (which also moves their updated_at); returns those that changed. */
    private static Set<Long> changeSomeStatuses(SandboxCollection invoices, List<Long> ids, int round) {
        Set<Long> changed = new HashSet<>();
        for (int i = round % 7; i < ids.size(); i += 23) {
            long id = ids.get(i);
            String action = round % 2 == 0 ? "dispute" : "void";
            if (invoices.action(id, action, Json.object(), java.util.Map.of()) instanceof WriteResult.Ok) {
                changed.add(id);
            }
        }
        return changed;
    }

    private String attribute(String tool, String field) {
        return registry.specs().stream().filter(s -> s.definition().name().equals(tool)).findFirst().orElseThrow()
                .binding().orderBy().get(field).attribute();
    }

    /** The ids of every record, sorted as the listing promises, computed from the sandbox's own records. */
    private List<Long> bruteForce(String resource, String attribute, boolean descending) {
        SandboxCollection collection = sandbox.store().collection(resource);
        record Keyed(Comparable<?> key, long id) {}
        List<Keyed> keyed = new ArrayList<>();
        for (long id : collection.ids()) {
            keyed.add(new Keyed(Values.sortKey(collection.render(id).get(attribute)), id));
        }
        Comparator<Keyed> values = (a, b) -> Values.compareKeys(a.key(), b.key());
        Comparator<Keyed> order = values.thenComparingLong(Keyed::id);
        if (descending) {
            order = order.reversed();
        }
        Comparator<Keyed> nullsLast = Comparator.comparing((Keyed k) -> k.key() == null);
        keyed.sort(nullsLast.thenComparing(order));
        return keyed.stream().map(Keyed::id).toList();
    }

    /** Pages a listing end to end, each page on the next catalog in turn, running {@code between} after each. */
    private static List<Long> pageAll(List<ToolCatalog> catalogs, String tool, ObjectNode first, int records,
            Consumer<ToolOutcome> between) {
        List<Long> seen = new ArrayList<>();
        PageBound bound = PageBound.forRecords(tool, records, 1);
        ObjectNode args = first.deepCopy();
        int pages = 0;
        while (true) {
            bound.count();
            ToolOutcome page = catalogs.get(pages++ % catalogs.size()).call(tool, args);
            assertThat(page.isError()).as(page.text()).isFalse();
            for (JsonNode item : page.structured().get("items")) {
                seen.add(item.get("id").asLong());
            }
            between.accept(page);
            if (!page.structured().has("next_cursor")) {
                return seen;
            }
            args = first.deepCopy();
            args.put("cursor", page.structured().get("next_cursor").asString());
        }
    }
}
