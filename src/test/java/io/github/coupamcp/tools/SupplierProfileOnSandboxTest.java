package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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

/** supplier_profile against a brute-force computation over the sandbox's own records, and its unhappy paths. */
class SupplierProfileOnSandboxTest {
    private static final java.util.Set<String> NOT_OWED = java.util.Set.of("new", "draft", "rejected", "abandoned",
            "voided", "invalid");
    private static SandboxListing on;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 22})
    void agreesWithBruteForceOverTheSandbox(int supplierId) {
        int months = 18;
        ToolOutcome out = on.call("supplier_profile", "{\"supplier_id\": " + supplierId + ", \"months\": " + months
                + ", \"fresh\": true}");
        assertThat(out.isError()).as(out.text()).isFalse();
        ObjectNode s = out.structured();
        ObjectNode supplier = on.sandbox.store().collection("suppliers").render(supplierId);
        assertThat(s.at("/supplier/name").asString()).isEqualTo(supplier.get("name").asString());
        assertThat(s.at("/supplier/number").asString()).isEqualTo(supplier.get("number").asString());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth from = YearMonth.from(today).minusMonths(months - 1);
        Map<String, Long> perMonth = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> monthTotals = new TreeMap<>();
        Map<String, BigDecimal> due = new TreeMap<>();
        long unpaid = 0;
        for (ObjectNode i : on.records("invoices")) {
            if (i.at("/supplier/id").asInt() != supplierId) {
                continue;
            }
            String currency = i.at("/currency/code").asString();
            String date = i.get("invoice-date").asString().substring(0, 10);
            if (date.compareTo(from.atDay(1).toString()) >= 0
                    && !java.util.Set.of("voided", "abandoned").contains(i.get("status").asString())) {
                perMonth.merge(date.substring(0, 7), 1L, Long::sum);
                monthTotals.computeIfAbsent(date.substring(0, 7), k -> new TreeMap<>()).merge(currency,
                        new BigDecimal(i.get("total-with-taxes").asString()), BigDecimal::add);
            }
            // owed: not paid, and not in a status that will never be paid or is not yet an invoice
            if (!i.get("paid").asBoolean() && !NOT_OWED.contains(i.get("status").asString())) {
                unpaid++;
                due.merge(currency, new BigDecimal(i.get("amount-due").asString()), BigDecimal::add);
            }
        }
        assertThat(s.at("/invoices_by_month/from").asString()).isEqualTo(from.toString());
        assertThat(s.at("/invoices_by_month/months")).hasSize(months);
        for (JsonNode m : s.at("/invoices_by_month/months")) {
            String key = m.get("month").asString();
            assertThat(m.get("count").asLong()).as(key).isEqualTo(perMonth.getOrDefault(key, 0L));
            assertSums(m.get("totals"), monthTotals.getOrDefault(key, Map.of()));
        }
        assertThat(s.at("/invoices_by_month/count").asLong())
                .isEqualTo(perMonth.values().stream().mapToLong(Long::longValue).sum());
        assertThat(s.at("/amount_due/count").asLong()).isEqualTo(unpaid);
        assertSums(s.at("/amount_due/amount_due"), due);

        List<ObjectNode> open = new ArrayList<>();
        Map<String, BigDecimal> openTotals = new TreeMap<>();
        for (ObjectNode o : on.records("purchase_orders")) {
            if (o.at("/supplier/id").asInt() == supplierId && List.of("issued", "exported")
                    .contains(o.get("status").asString())) {
                open.add(o);
                for (JsonNode line : o.get("order-lines")) {
                    openTotals.merge(o.at("/currency/code").asString(), new BigDecimal(line.get("total").asString()),
                            BigDecimal::add);
                }
            }
        }
        open.sort(Comparator.<ObjectNode, String>comparing(o -> o.get("created-at").asString()).reversed()
                .thenComparing(Comparator.<ObjectNode>comparingLong(o -> o.get("id").asLong()).reversed()));
        assertThat(s.at("/open_orders/count").asLong()).isEqualTo(open.size());
        assertSums(s.at("/open_orders/totals"), openTotals);
        List<Long> recent = new ArrayList<>();
        s.at("/open_orders/recent").forEach(o -> recent.add(o.get("id").asLong()));
        assertThat(recent).isEqualTo(open.stream().limit(3).map(o -> o.get("id").asLong()).toList());

        List<ObjectNode> contracts = on.records("contracts").stream()
                .filter(c -> c.at("/supplier/id").asInt() == supplierId).toList();
        String day = today.toString();
        List<Long> current = contracts.stream().filter(c -> c.get("end-date").isNull()
                        || c.get("end-date").asString().substring(0, 10).compareTo(day) >= 0)
                .sorted(Comparator.<ObjectNode, String>comparing(c -> c.get("end-date").isNull() ? "9999"
                        : c.get("end-date").asString().substring(0, 10)).thenComparingLong(c -> c.get("id").asLong()))
                .map(c -> c.get("id").asLong()).toList();
        assertThat(s.at("/contracts/count").asLong()).isEqualTo(contracts.size());
        assertThat(s.at("/contracts/current").asLong()).isEqualTo(current.size());
        List<Long> shown = new ArrayList<>();
        s.at("/contracts/soonest_ending").forEach(c -> shown.add(c.get("id").asLong()));
        assertThat(shown).isEqualTo(current.stream().limit(5).toList());

        assertThat(s.at("/scan/records").asLong()).isEqualTo(open.size() + s.at("/invoices_by_month/count").asLong()
                + unpaid + contracts.size());
        assertThat(s.at("/scan/upstream_requests").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(out.text().lines().findFirst().orElseThrow()).startsWith(supplier.get("name").asString());
    }

    @Test
    void aNameFindsTheSupplierAndAnEqualQuestionIsCached() {
        ObjectNode supplier = on.sandbox.store().collection("suppliers").render(3);
        String name = supplier.get("name").asString();
        ToolOutcome byName = on.call("supplier_profile", "{\"supplier_name\": \"" + name + "\", \"fresh\": true}");
        assertThat(byName.isError()).as(byName.text()).isFalse();
        assertThat(byName.structured().at("/supplier/id").asLong()).isEqualTo(3);
        ToolOutcome again = on.call("supplier_profile", "{\"supplier_name\": \"" + name + "\"}");
        assertThat(again.structured().at("/scan/cached").asBoolean()).isTrue();
        assertThat(again.structured().get("invoices_by_month")).isEqualTo(byName.structured().get("invoices_by_month"));
    }

    @Test
    void progressReportsEachPart() {
        List<String> messages = new ArrayList<>();
        ToolOutcome out = on.catalog.call("supplier_profile", Json.object().put("supplier_id", 4).put("fresh", true),
                (progress, total, message) -> messages.add(progress + "/" + total + " " + message));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(messages).hasSize(4).last().asString().startsWith("4.0/4.0 read ");
    }

    /** An operator who did not grant contracts still gets the rest of the profile, and is told what is missing. */
    @Test
    void withoutTheContractScopeTheProfileSaysContractsAreUnavailable() {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
        java.util.Set<String> scopes = new java.util.TreeSet<>(registry.requiredScopes());
        scopes.remove("core.contract.read");
        try (io.github.coupamcp.coupa.HttpCoupaClient client = io.github.coupamcp.coupa.HttpCoupaClient.create(
                io.github.coupamcp.config.CoupaConfig.builder().instanceUrl(on.sandbox.baseUrl())
                        .clientId(on.sandbox.clientId()).clientSecret(on.sandbox.clientSecret()).scopes(scopes)
                        .tokenPropagationDelay(java.time.Duration.ZERO).build())) {
            ToolOutcome out = registry.catalog(client).call("supplier_profile", Json.object().put("supplier_id", 1));
            assertThat(out.isError()).as(out.text()).isFalse();
            assertThat(out.structured().at("/contracts/unavailable").asString()).contains("core.contract.read");
            assertThat(out.structured().at("/open_orders/count").asLong()).isEqualTo(
                    on.call("supplier_profile", "{\"supplier_id\": 1}").structured().at("/open_orders/count").asLong());
            assertThat(out.text()).contains("contracts not readable: the OAuth client lacks core.contract.read");
        }
    }

    /** Lists that take a while, counting how many are in flight at once (and across which resources). */
    private static final class SlowClient implements io.github.coupamcp.coupa.CoupaClient {
        final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.Set<String> overlapping = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final io.github.coupamcp.coupa.CoupaClient delegate;
        private final long millis;

        SlowClient(io.github.coupamcp.coupa.CoupaClient delegate, long millis) {
            this.delegate = delegate;
            this.millis = millis;
        }

        @Override
        public List<ObjectNode> list(String resource, io.github.coupamcp.coupa.CoupaQuery query) {
            String call = resource + "#" + System.identityHashCode(query);
            running.add(call);
            inFlight.incrementAndGet();
            try {
                if (running.size() >= 2) {
                    running.forEach(r -> overlapping.add(r.substring(0, r.indexOf('#'))));
                }
                Thread.sleep(millis);
                return delegate.list(resource, query);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.github.coupamcp.coupa.CoupaException.Unavailable("interrupted", "GET", "/api/" + resource,
                        null, e);
            } finally {
                inFlight.decrementAndGet();
                running.remove(call);
            }
        }

        @Override
        public ObjectNode get(String resource, long id, io.github.coupamcp.coupa.Fields fields) {
            return delegate.get(resource, id, fields);
        }

        @Override
        public ObjectNode create(String resource, JsonNode body, io.github.coupamcp.coupa.Fields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectNode update(String resource, long id, JsonNode body, io.github.coupamcp.coupa.Fields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectNode action(String resource, long id, String action, JsonNode body,
                io.github.coupamcp.coupa.Fields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void thePartsAreReadConcurrently() {
        SlowClient slow = new SlowClient(on.client(), 150);
        ToolOutcome out = ToolRegistry.load(ToolSettings.defaults()).catalog(slow).call("supplier_profile",
                Json.object().put("supplier_id", 5));
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(slow.overlapping).as("resources listed while another list was in flight")
                .contains("purchase_orders", "invoices", "contracts");
    }

    @Test
    void interruptingTheCallCancelsEveryPart() throws Exception {
        SlowClient slow = new SlowClient(on.client(), 2_000);
        ToolCatalog catalog = ToolRegistry.load(ToolSettings.defaults()).catalog(slow);
        java.util.concurrent.atomic.AtomicReference<ToolOutcome> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread call = new Thread(() -> outcome.set(catalog.call("supplier_profile",
                Json.object().put("supplier_id", 6))));
        call.start();
        io.github.coupamcp.testing.Await.until("the parts are listing", java.time.Duration.ofSeconds(10),
                () -> slow.inFlight.get() >= 2);
        call.interrupt();
        call.join(5_000);
        assertThat(call.isAlive()).isFalse();
        assertThat(outcome.get().isError()).isTrue();
        assertThat(outcome.get().text()).isEqualTo("supplier_profile was cancelled before it finished.");
        io.github.coupamcp.testing.Await.until("every part stopped", java.time.Duration.ofSeconds(5),
                () -> slow.inFlight.get() == 0);
    }

    @Test
    void unknownSupplierIdIsNotFound() {
        ToolOutcome out = on.call("supplier_profile", "{\"supplier_id\": 99999999}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).isEqualTo("No supplier with id 99999999. Use list_suppliers to find ids.");
    }

    @Test
    void unknownAndAmbiguousNamesAreClearErrors() {
        ToolOutcome unknown = on.call("supplier_profile", "{\"supplier_name\": \"No Such Supplier Zzz\"}");
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.text()).contains("no supplier's name contains 'No Such Supplier Zzz'")
                .contains("list_suppliers");
        ToolOutcome ambiguous = on.call("supplier_profile", "{\"supplier_name\": \"a\"}");
        assertThat(ambiguous.isError()).isTrue();
        assertThat(ambiguous.text()).contains("supplier_name 'a' matches several suppliers: ").contains("(id ")
                .contains("and more").contains("pass supplier_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}|give either supplier_id or supplier_name",
        "{\"supplier_id\": 1, \"supplier_name\": \"x\"}|give either supplier_id or supplier_name",
        "{\"supplier_id\": 1, \"months\": 0}|months must be at least 1",
        "{\"supplier_id\": 0}|supplier_id must be at least 1"})
    void badArgumentsAreClearErrors(String spec) {
        String[] parts = spec.split("\\|");
        ToolOutcome out = on.call("supplier_profile", parts[0]);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains(parts[1]).doesNotContain("Exception");
    }

    private static void assertSums(JsonNode node, Map<String, BigDecimal> expected) {
        Map<String, BigDecimal> actual = new TreeMap<>();
        if (node != null && !node.isMissingNode()) {
            node.properties().forEach(e -> actual.put(e.getKey(), new BigDecimal(e.getValue().asString())));
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((c, a) -> assertThat(actual.get(c)).as(c).isEqualByComparingTo(a));
    }
}
