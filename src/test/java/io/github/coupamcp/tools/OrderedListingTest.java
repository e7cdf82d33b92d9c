package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.ListingOnlyClient;
import io.github.coupamcp.testing.PageBound;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sorted listing stays exact where the sandbox is kind: Coupa does not document its tie order, so this Coupa
 * returns records sharing a value in a scrambled order, puts blank values first ascending (as MySQL does), and holds
 * runs of one value longer than a page (120 invoices due the same day) and invoices without a net due date.
 */
class OrderedListingTest {
    private static final int RECORDS = 260;
    private static final String BUSY_DAY = "2025-03-01T00:00:00+00:00";

    private final ScrambledCoupa coupa = new ScrambledCoupa();

    @ParameterizedTest(name = "dir={0} limit={1}")
    @CsvSource({"asc, 7", "desc, 7", "asc, 50", "desc, 50", "asc, 1", "desc, 23"})
    void everyInvoiceOnceInOrderWhateverCoupaDoesWithTies(String dir, int limit) {
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().cursorKey(ToolHarness.KEY).build());
        ObjectNode args = Json.object().put("order_by", "net_due_date").put("dir", dir).put("limit", limit);
        List<Long> expected = expected(dir.equals("desc"));

        List<Long> hit = pageAll(List.of(registry.catalog(coupa)), args);
        int hitCalls = coupa.calls;
        List<Long> miss = pageAll(List.of(registry.catalog(coupa), registry.catalog(coupa)), args);

        assertThat(hit).as("read-ahead hit").containsExactlyElementsOf(expected);
        assertThat(miss).as("read-ahead missed").containsExactlyElementsOf(expected);
        if (limit == 50) {
            assertThat(hitCalls).as("upstream requests paging %d records 50 at a time", RECORDS)
                    .isLessThanOrEqualTo(2 * ((RECORDS + 49) / 50) + 2);
        }
    }

    /** Sorted by value (blank last), ties by id, all in the direction asked. */
    private List<Long> expected(boolean descending) {
        Comparator<ObjectNode> order = Comparator.comparing((ObjectNode r) -> r.get("net-due-date").asString())
                .thenComparingLong(r -> r.get("id").asLong());
        if (descending) {
            order = order.reversed();
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
        List<ObjectNode> valued = coupa.rows.stream().filter(r -> !r.get("net-due-date").isNull()).sorted(order)
                .toList();
        List<ObjectNode> blank = coupa.rows.stream().filter(r -> r.get("net-due-date").isNull())
                .sorted(descending ? byId.reversed() : byId).toList();
        List<Long> ids = new ArrayList<>();
        valued.forEach(r -> ids.add(r.get("id").asLong()));
        blank.forEach(r -> ids.add(r.get("id").asLong()));
        assertThat(blank).isNotEmpty();
        return ids;
    }

    private List<Long> pageAll(List<ToolCatalog> catalogs, ObjectNode first) {
        coupa.calls = 0;
        List<Long> seen = new ArrayList<>();
        PageBound bound = PageBound.forRecords("list_invoices", RECORDS, 1);
        ObjectNode args = first.deepCopy();
        for (int pages = 0; ; pages++) {
            bound.count();
            ToolOutcome page = catalogs.get(pages % catalogs.size()).call("list_invoices", args);
            assertThat(page.isError()).as(page.text()).isFalse();
            page.structured().get("items").forEach(item -> seen.add(item.get("id").asLong()));
            if (!page.structured().has("next_cursor")) {
                return seen;
            }
            args = first.deepCopy().put("cursor", page.structured().get("next_cursor").asString());
        }
    }

    /** Invoices with a net due date only, answering the filters and orders a sorted listing sends. */
    private static final class ScrambledCoupa extends ListingOnlyClient {
        final List<ObjectNode> rows = new ArrayList<>();
        int calls;

        ScrambledCoupa() {
            for (long id = 1; id <= RECORDS; id++) {
                ObjectNode row = Json.object().put("id", id).put("status", "approved");
                if (id % 9 == 0) {
                    row.putNull("net-due-date");
                } else if (id <= 120) {
                    row.put("net-due-date", BUSY_DAY);
                } else {
                    row.put("net-due-date", "2025-0" + (1 + id % 7) + "-15T00:00:00+00:00");
                }
                rows.add(row);
            }
        }

        @Override
        public List<ObjectNode> list(String resource, CoupaQuery query) {
            calls++;
            Predicate<ObjectNode> match = r -> true;
            for (CoupaQuery.Filter f : query.filters()) {
                match = match.and(matches(f));
            }
            boolean desc = query.direction() == CoupaQuery.Direction.DESC;
            Comparator<ObjectNode> order;
            if ("id".equals(query.orderBy())) {
                order = Comparator.comparingLong(r -> r.get("id").asLong());
                order = desc ? order.reversed() : order;
            } else {
                // blank first ascending (so last descending), ties in no useful order
                Comparator<ObjectNode> byValue = Comparator.comparing((ObjectNode r) -> !r.get("net-due-date")
                        .isNull()).thenComparing(r -> r.get("net-due-date").asString(""));
                order = (desc ? byValue.reversed() : byValue)
                        .thenComparingLong(r -> (r.get("id").asLong() * 7919) % 1009);
            }
            return rows.stream().filter(match).sorted(order).limit(query.limit()).map(ObjectNode::deepCopy)
                    .toList();
        }

        private static Predicate<ObjectNode> matches(CoupaQuery.Filter f) {
            String v = f.values().get(0);
            if (f.attribute().equals("id")) {
                long bound = Long.parseLong(v);
                return switch (f.op()) {
                    case GT -> r -> r.get("id").asLong() > bound;
                    case LT -> r -> r.get("id").asLong() < bound;
                    default -> throw new AssertionError("unexpected id filter " + f);
                };
            }
            assertThat(f.attribute()).isEqualTo("net-due-date");
            return switch (f.op()) {
                case BLANK -> r -> r.get("net-due-date").isNull() == Boolean.parseBoolean(v);
                case EQ -> r -> v.equals(r.get("net-due-date").asString(null));
                case GT -> r -> !r.get("net-due-date").isNull() && r.get("net-due-date").asString().compareTo(v) > 0;
                case LT -> r -> !r.get("net-due-date").isNull() && r.get("net-due-date").asString().compareTo(v) < 0;
                default -> throw new AssertionError("unexpected filter " + f);
            };
        }

        @Override
        public void close() {}
    }
}
