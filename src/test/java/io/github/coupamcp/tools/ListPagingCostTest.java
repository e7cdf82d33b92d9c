package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.testing.PageBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What paging a listing end to end costs upstream: records fetched but not returned wait in the read-ahead, so the
 * next page does not ask Coupa again (issue target: at most 1.2 x ceil(records / 50) requests), and a read-ahead
 * miss still continues correctly.
 */
class ListPagingCostTest {
    private static Sandbox sandbox;
    private static ToolRegistry registry;
    private static HttpCoupaClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        registry = ToolRegistry.load(ToolSettings.builder().cursorKey(ToolHarness.KEY).build());
        client = client(sandbox, registry);
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    private static HttpCoupaClient client(Sandbox sandbox, ToolRegistry registry) {
        return HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO)
                .rateLimit(100_000, 100_000).build());
    }

    @Test
    void pagingAllInvoicesCostsAboutOneRequestPerFiftyRecordsAndVisitsEachOnce() {
        int records = sandbox.store().collection("invoices").size();
        ToolCatalog catalog = registry.catalog(client);
        long before = client.metrics().requests();

        List<Long> seen = pageAll(List.of(catalog), records).ids();

        long requests = client.metrics().requests() - before;
        assertThat(seen).doesNotHaveDuplicates().hasSize(records).isSorted();
        assertThat(requests).as("upstream requests for %d invoices", records)
                .isLessThanOrEqualTo((long) Math.floor(1.2 * ceilFifty(records)));
    }

    /**
     * Pages alternate between two replicas (same cursor key, each with its own read-ahead): what one kept is never
     * at the position the other's cursor continues from, so every page misses and fetches, and none is lost.
     */
    @Test
    void aReadAheadMissStillContinuesCorrectly() {
        int records = sandbox.store().collection("invoices").size();
        long before = client.metrics().requests();

        List<Long> seen = pageAll(List.of(registry.catalog(client), registry.catalog(client)), records).ids();

        assertThat(seen).doesNotHaveDuplicates().hasSize(records).isSorted();
        assertThat(client.metrics().requests() - before).as("every page fetched").isGreaterThan(ceilFifty(records));
    }

    /** The ids listed, in order, and how many pages listed them. */
    record Paged(List<Long> ids, int pages) {}

    /** Pages list_invoices with default arguments, each page on the next catalog in turn (cycling); also the benchmark's. */
    static Paged pageAll(List<ToolCatalog> catalogs, int records) {
        List<Long> seen = new ArrayList<>();
        PageBound bound = PageBound.forRecords("list_invoices", records, 1);
        ObjectNode args = Json.object();
        int pages = 0;
        while (true) {
            bound.count();
            ToolOutcome page = catalogs.get(pages++ % catalogs.size()).call("list_invoices", args);
            assertThat(page.isError()).as(page.text()).isFalse();
            for (JsonNode item : page.structured().get("items")) {
                seen.add(item.get("id").asLong());
            }
            if (!page.structured().has("next_cursor")) {
                return new Paged(seen, pages);
            }
            args = Json.object();
            args.put("cursor", page.structured().get("next_cursor").asString());
        }
    }

    private static long ceilFifty(long records) {
        return (records + 49) / 50;
    }
}
