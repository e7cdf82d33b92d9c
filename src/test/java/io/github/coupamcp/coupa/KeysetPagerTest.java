package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.PageBound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Keyset paging against a small in-memory collection that honours id[gt]/id[lt], status filters, order and limit. */
class KeysetPagerTest extends ClientTestSupport {
    /** id -> status; statuses may change between pages, ids never do. */
    private final Map<Long, String> invoices = new ConcurrentHashMap<>();
    private Runnable betweenPages = () -> {};

    private void seed(int n) {
        for (long id = 1; id <= n; id++) {
            invoices.put(id * 3, id % 2 == 0 ? "approved" : "pending_approval");
        }
        stub.fallback(this::serve);
    }

    private MockResponse serve(RecordedRequest r) {
        HttpUrl url = r.getUrl();
        Predicate<Long> keep = id -> true;
        String gt = url.queryParameter("id[gt]");
        String lt = url.queryParameter("id[lt]");
        String status = url.queryParameter("status");
        String statusIn = url.queryParameter("status[in]");
        if (gt != null) {
            keep = keep.and(id -> id > Long.parseLong(gt));
        }
        if (lt != null) {
            keep = keep.and(id -> id < Long.parseLong(lt));
        }
        if (status != null) {
            keep = keep.and(id -> invoices.get(id).equals(status));
        }
        if (statusIn != null) {
            Set<String> in = new HashSet<>(Arrays.asList(statusIn.split(",")));
            keep = keep.and(id -> in.contains(invoices.get(id)));
        }
        Comparator<Long> order = "desc".equals(url.queryParameter("dir")) ? Comparator.reverseOrder()
                : Comparator.naturalOrder();
        int offset = url.queryParameter("offset") == null ? 0 : Integer.parseInt(url.queryParameter("offset"));
        int limit = Math.min(50, Integer.parseInt(url.queryParameter("limit")));
        ArrayNode page = Json.array();
        new TreeMap<>(invoices).keySet().stream().filter(keep).sorted(order).skip(offset).limit(limit)
                .forEach(id -> page.add(Json.object().put("id", id).put("status", invoices.get(id))));
        MockResponse response = json(200, page.toString());
        betweenPages.run();
        return response;
    }

    private static List<Long> ids(List<ObjectNode> page) {
        return page.stream().map(r -> r.get("id").asLong()).toList();
    }

    @Test
    void streamsEveryRecordInTheMinimumNumberOfRequestsLazily() {
        seed(137);
        KeysetPager pager = warmClient().pager("invoices", CoupaQuery.all(), null);
        assertThat(stub.apiRequests).isEmpty();

        List<Long> seen = new ArrayList<>();
        PageBound bound = PageBound.forRecords("invoices", 137, 50);
        while (pager.hasNext()) {
            bound.count();
            List<ObjectNode> page = pager.next();
            assertThat(stub.apiRequests).hasSize(bound.pages());
            seen.addAll(ids(page));
            assertThat(pager.lastId()).isEqualTo(seen.get(seen.size() - 1));
        }
        assertThat(seen).hasSize(137).isSorted().doesNotHaveDuplicates();
        assertThat(stub.apiRequests).hasSize(3); // ceil(137 / 50)
        assertThat(stub.apiRequests).allSatisfy(r -> {
            assertThat(r.getUrl().queryParameter("order_by")).isEqualTo("id");
            assertThat(r.getUrl().queryParameter("dir")).isEqualTo("asc");
            assertThat(r.getUrl().queryParameter("limit")).isEqualTo("50");
            assertThat(r.getUrl().queryParameter("offset")).isNull();
        });
        assertThat(stub.apiRequests.get(0).getUrl().queryParameter("id[gt]")).isNull();
        assertThat(stub.apiRequests.get(1).getUrl().queryParameter("id[gt]")).isEqualTo("150");
        assertThat(stub.apiRequests.get(2).getUrl().queryParameter("id[gt]")).isEqualTo("300");
    }

    @Test
    void anExactMultipleOfTheLimitCostsOneEmptyPage() {
        seed(100);
        KeysetPager pager = warmClient().pager("invoices", CoupaQuery.all(), null);
        int records = 0;
        PageBound bound = PageBound.forRecords("invoices", 100, 50);
        while (pager.hasNext()) {
            bound.count();
            records += pager.next().size();
        }
        assertThat(records).isEqualTo(100);
        assertThat(stub.apiRequests).hasSize(3);
        assertThat(pager.hasNext()).isFalse();
        assertThat(stub.apiRequests).hasSize(3);
    }

    @Test
    void resumesAfterAGivenIdAndIgnoresTheQuerysOrderAndOffset() {
        seed(60);
        CoupaQuery q = CoupaQuery.builder().orderBy("invoice-date", CoupaQuery.Direction.DESC).offset(40)
                .filter("id", Op.GT, "1").limit(20).build();
        KeysetPager pager = warmClient().pager("invoices", q, 90L);
        assertThat(pager.lastId()).isEqualTo(90L);
        List<Long> seen = new ArrayList<>();
        PageBound.forRecords("invoices", 30, 20).forEachRemaining(pager, p -> seen.addAll(ids(p)));
        assertThat(seen).first().isEqualTo(93L);
        assertThat(seen).hasSize(30).isSorted();
        RecordedRequest first = stub.apiRequests.get(0);
        assertThat(first.getUrl().queryParameterValues("id[gt]")).containsExactly("90");
        assertThat(first.getUrl().queryParameter("order_by")).isEqualTo("id");
        assertThat(first.getUrl().queryParameter("offset")).isNull();
        assertThat(first.getUrl().queryParameter("limit")).isEqualTo("20");
    }

    @Test
    void anUpperIdBoundInTheQueryIsKeptWhileScanningUpwards() {
        seed(60);
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.LT, "60").build();
        List<Long> seen = new ArrayList<>();
        PageBound.forRecords("invoices", 19, 50).forEachRemaining(warmClient().pager("invoices", q, null),
                p -> seen.addAll(ids(p)));

        assertThat(seen).hasSize(19).allMatch(id -> id < 60).isSorted();
        assertThat(stub.apiRequests).allSatisfy(r ->
                assertThat(r.getUrl().queryParameter("id[lt]")).isEqualTo("60"));
    }

    @Test
    void aLowerIdBoundInTheQueryMovesTheStartTheLaterStartWins() {
        seed(60);
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.GT, "90").build();
        HttpCoupaClient client = warmClient();

        KeysetPager fromQuery = client.pager("invoices", q, null);
        assertThat(fromQuery.lastId()).isEqualTo(90L);
        assertThat(ids(fromQuery.next())).first().isEqualTo(93L);
        assertThat(ids(client.pager("invoices", q, 30L).next())).first().isEqualTo(93L);
        assertThat(ids(client.pager("invoices", q, 150L).next())).first().isEqualTo(153L);
        assertThat(stub.apiRequests).allSatisfy(r ->
                assertThat(r.getUrl().queryParameterValues("id[gt]")).hasSize(1));
    }

    @Test
    void aDescendingScanKeepsALowerBoundAndStartsBelowTheUpperOne() {
        seed(60);
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.GT, "150").filter("id", Op.LT, "171").build();
        List<Long> seen = new ArrayList<>();
        PageBound.forRecords("invoices", 6, 50).forEachRemaining(
                warmClient().pager("invoices", q, null, CoupaQuery.Direction.DESC), p -> seen.addAll(ids(p)));

        assertThat(seen).containsExactly(168L, 165L, 162L, 159L, 156L, 153L);
    }

    @Test
    void aNonNumericIdBoundIsRefusedBeforeAnyRequest() {
        CoupaQuery q = CoupaQuery.builder().filter("id", Op.GT, "abc").build();
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.pager("invoices", q, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id[gt]");
        assertThat(stub.apiRequests).isEmpty();
    }

    @Test
    void descendingScanUsesIdLt() {
        seed(70);
        KeysetPager pager = warmClient().pager("invoices", CoupaQuery.all(), 150L, CoupaQuery.Direction.DESC);
        List<Long> seen = new ArrayList<>();
        PageBound.forRecords("invoices", 49, 50).forEachRemaining(pager, p -> seen.addAll(ids(p)));
        assertThat(seen).hasSize(49).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(seen.get(0)).isEqualTo(147L);
        assertThat(stub.apiRequests.get(0).getUrl().queryParameter("id[lt]")).isEqualTo("150");
        assertThat(stub.apiRequests.get(0).getUrl().queryParameter("dir")).isEqualTo("desc");
    }

    @Test
    void statusChurnBetweenPagesCausesNeitherSkipsNorDuplicates() {
        seed(300);
        // After every page, every record changes status (approved <-> pending_approval).
        betweenPages = () -> invoices.replaceAll((id, s) -> s.equals("approved") ? "pending_approval" : "approved");
        CoupaQuery q = CoupaQuery.builder().filter("status", Op.IN, "approved", "pending_approval").build();
        KeysetPager pager = warmClient().pager("invoices", q, null);
        List<Long> seen = new ArrayList<>();
        PageBound.forRecords("invoices", 300, 50).forEachRemaining(pager, p -> seen.addAll(ids(p)));

        assertThat(seen).hasSize(300).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen)).isEqualTo(invoices.keySet());
    }

    @Test
    void recordsLeavingTheFilterMidScanDoNotShiftTheRest() {
        seed(200);
        Set<Long> alwaysPending = new HashSet<>();
        invoices.forEach((id, s) -> {
            if (s.equals("pending_approval")) {
                alwaysPending.add(id);
            }
        });
        // The agent approves what it has seen: seen records leave the filter between pages.
        Set<Long> handedOut = ConcurrentHashMap.newKeySet();
        betweenPages = () -> handedOut.forEach(id -> invoices.put(id, "approved"));
        KeysetPager pager = warmClient().pager("invoices", CoupaQuery.builder().eq("status", "pending_approval")
                .limit(25).build(), null);
        List<Long> seen = new ArrayList<>();
        PageBound bound = PageBound.forRecords("invoices", 200, 25);
        while (pager.hasNext()) {
            bound.count();
            List<Long> page = ids(pager.next());
            seen.addAll(page);
            handedOut.addAll(page);
        }
        // An offset scan would have skipped a page after each approval; the keyset scan sees all of them once.
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(alwaysPending);
    }

    @Test
    void addsIdToAProjectionThatLacksIt() {
        seed(3);
        KeysetPager pager = warmClient().pager("invoices",
                CoupaQuery.builder().fields(Fields.of("status")).build(), null);
        pager.next();
        assertThat(stub.apiRequests.get(0).getUrl().queryParameter("fields")).isEqualTo("[\"id\",\"status\"]");
    }

    @Test
    void refusesToLoopWhenTheServerIgnoresTheKeyset() {
        stub.fallback(r -> json(200, Stream.iterate(1, i -> i + 1).limit(50)
                .map(i -> "{\"id\":" + i + "}").toList().toString()));
        KeysetPager pager = warmClient().pager("invoices", CoupaQuery.all(), null);
        pager.next();
        assertThatThrownBy(pager::hasNext).isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                e -> assertThat(e.getMessage()).contains("out of order"));
    }
}
