package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.PageBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Keyset continuation through signed cursors: no skips, no duplicates, clear errors for bad cursors. */
class PaginationTest {
    private final ToolHarness h = new ToolHarness();

    private void seed(int count) {
        for (int i = 1; i <= count; i++) {
            h.coupa.add("invoices", Records.invoice(i, "INV-" + i, i % 2 == 0 ? "approved" : "pending_approval",
                    10 + i % 3, "Supplier " + i % 3, "10.00", "USD", "2025-01-01"));
        }
    }

    private ToolOutcome next(ToolOutcome page, String extraArgs) {
        return next(h.catalog, page, extraArgs);
    }

    private static ToolOutcome next(ToolCatalog catalog, ToolOutcome page, String extraArgs) {
        String cursor = page.structured().get("next_cursor").asString();
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(extraArgs);
        args.put("cursor", cursor);
        return catalog.call("list_invoices", args);
    }

    @Test
    void cursorContinuesWithIdGreaterThanTheLastRecordReturned() {
        seed(7);
        ToolOutcome first = h.call("list_invoices", "{\"limit\": 3}");
        assertThat(first.structured().at("/summary/has_more").asBoolean()).isTrue();
        assertThat(first.text()).contains("More: call list_invoices again with the same arguments and cursor=\""
                + first.structured().get("next_cursor").asString() + "\"");

        ToolOutcome second = next(first, "{\"limit\": 3}");
        assertThat(ids(second)).containsExactly(4L, 5L, 6L);
        assertThat(h.coupa.calls()).as("served from the read-ahead of the first page").hasSize(1);

        ToolOutcome onAnotherReplica = next(h.replica(), first, "{\"limit\": 3}");
        assertThat(h.coupa.lastParams()).contains(Map.entry("id[gt]", "3"), Map.entry("order_by", "id"));
        assertThat(h.coupa.lastParams()).extracting(Map.Entry::getKey).doesNotContain("offset");
        assertThat(ids(onAnotherReplica)).containsExactly(4L, 5L, 6L);
    }

    /**
     * Two listings stopping at the same id: each continues with what it kept itself, never with the other's records
     * (the read-ahead is keyed by the listing's filters and projection, not only by the position).
     */
    @Test
    void theReadAheadServesOnlyTheListingThatKeptIt() {
        for (int i = 1; i <= 20; i++) {
            h.coupa.add("invoices", Records.invoice(i, "INV-" + i, i <= 3 || i % 2 == 0 ? "approved" : "voided",
                    10, "S", "1.00", "USD", "2025-01-01"));
        }
        ToolOutcome approved = h.call("list_invoices", "{\"status\": [\"approved\"], \"limit\": 3}");
        ToolOutcome all = h.call("list_invoices", "{\"limit\": 3}");
        assertThat(ids(approved)).containsExactly(1L, 2L, 3L);
        assertThat(ids(all)).containsExactly(1L, 2L, 3L);

        assertThat(ids(next(approved, "{\"limit\": 3}"))).containsExactly(4L, 6L, 8L);
        assertThat(ids(next(all, "{\"limit\": 3}"))).containsExactly(4L, 5L, 6L);
        assertThat(h.coupa.calls()).as("each continued from its own read-ahead").hasSize(2);
    }

    @Test
    void cursorAloneCarriesTheFiltersOfTheFirstPage() {
        seed(10);
        ToolOutcome first = h.call("list_invoices", "{\"status\": [\"approved\"], \"limit\": 2}");
        ToolOutcome second = next(h.replica(), first, "{}");
        assertThat(h.coupa.lastParams()).contains(Map.entry("status", "approved"), Map.entry("id[gt]", "4"));
        assertThat(ids(second)).containsExactly(6L, 8L, 10L);
    }

    @Test
    void pagingWhileRecordsChangeStatusHasNoSkipsAndNoDuplicates() {
        seed(30);
        List<Long> seen = new ArrayList<>();
        ToolOutcome page = h.call("list_invoices", "{\"limit\": 4}");
        int round = 0;
        PageBound bound = PageBound.forRecords("list_invoices", 30, 4);
        while (true) {
            bound.count();
            seen.addAll(ids(page));
            // records change status (and so their place in any status-ordered view) between pages
            for (long id = 1; id <= 30; id += 1 + round) {
                h.coupa.update("invoices", id, "status", round % 2 == 0 ? "voided" : "approved");
            }
            round++;
            if (!page.structured().has("next_cursor")) {
                break;
            }
            page = next(page, "{\"limit\": 4}");
        }
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
    }

    @Test
    void lastPageHasNoCursorAndSaysSo() {
        seed(3);
        ToolOutcome out = h.call("list_invoices", "{\"limit\": 3}");
        assertThat(out.structured().has("next_cursor")).isFalse();
        assertThat(out.structured().at("/summary/has_more").asBoolean()).isFalse();
        assertThat(out.text()).contains("That is all.");
    }

    @Test
    void aFullPageOfFiftyAssumesMoreAndAnEmptyFollowUpSaysNoMore() {
        ToolHarness big = new ToolHarness(200_000);
        for (int i = 1; i <= 50; i++) {
            big.coupa.add("invoices", Records.invoice(i, "INV-" + i, "approved", 1, "S", "1.00", "USD", "2025-01-01"));
        }
        ToolOutcome full = big.call("list_invoices", "{\"limit\": 50}");
        assertThat(full.structured().get("items")).hasSize(50);
        assertThat(full.structured().at("/summary/has_more").asBoolean()).isTrue();

        ObjectNode args = Json.object();
        args.put("cursor", full.structured().get("next_cursor").asString());
        ToolOutcome empty = big.catalog.call("list_invoices", args);

        assertThat(empty.isError()).as(empty.text()).isFalse();
        assertThat(empty.text()).isEqualTo("No more invoices.");
        assertThat(empty.structured().at("/summary/has_more").asBoolean()).isFalse();
    }

    @Test
    void tamperedCursorIsAClearError() {
        seed(5);
        ToolOutcome out = h.call("list_invoices", "{\"cursor\": \"eyJ0IjoibGlzdF9pbnZvaWNlcyJ9.AAAA\"}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("The cursor is not valid").endsWith("call list_invoices without cursor.");
        assertThat(h.coupa.calls()).isEmpty();
    }

    @Test
    void expiredCursorIsAClearError() {
        seed(5);
        ToolOutcome first = h.call("list_invoices", "{\"limit\": 2}");
        h.clock.advance(ToolSettings.DEFAULT_CURSOR_TTL.plus(Duration.ofSeconds(1)));
        ToolOutcome out = next(first, "{}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("The cursor has expired. Restart the listing");
    }

    @Test
    void cursorWithOtherFiltersIsAMismatch() {
        seed(5);
        ToolOutcome first = h.call("list_invoices", "{\"status\": [\"approved\"], \"limit\": 1}");
        ToolOutcome out = next(first, "{\"status\": [\"voided\"]}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("The cursor belongs to a different listing");
    }

    @Test
    void cursorWithTheSameFiltersInAnotherOrderIsAccepted() {
        seed(10);
        ToolOutcome first = h.call("list_invoices", "{\"status\": [\"approved\", \"pending_approval\"], \"limit\": 2}");
        ToolOutcome out = next(first, "{\"status\": [\"pending_approval\", \"approved\"], \"limit\": 5}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(ids(out)).containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void cursorWithTheSameArgumentsInAnotherKeyOrderIsAccepted() {
        seed(10);
        ToolOutcome first = h.call("list_invoices",
                "{\"supplier_name\": \"Supplier\", \"status\": [\"approved\"], \"limit\": 2}");
        ToolOutcome out = next(h.replica(), first,
                "{\"limit\": 2, \"status\": [\"approved\"], \"supplier_name\": \"Supplier\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(h.coupa.lastParams()).contains(Map.entry("id[gt]", "4"));
    }

    /** The cursor pins a digest, not a copy, of long arguments: it stays short, and they must come with it. */
    @Test
    void longArgumentsKeepTheCursorShortAndMustBeRepeated() {
        seed(10);
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            fields.append(i == 0 ? "" : ", ").append("\"custom_fields.cf_").append("x".repeat(60)).append(i).append('"');
        }
        String args = "{\"limit\": 2, \"fields\": [" + fields + "]}";
        ToolOutcome first = h.call("list_invoices", args);
        assertThat(first.isError()).as(first.text()).isFalse();
        assertThat(first.structured().get("next_cursor").asString()).hasSizeLessThan(200);

        ToolOutcome alone = next(first, "{}");
        assertThat(alone.isError()).isTrue();
        assertThat(alone.text()).contains("too long to travel in the cursor, so pass them again with it");
        ToolOutcome repeated = next(first, args);
        assertThat(repeated.isError()).as(repeated.text()).isFalse();
        assertThat(ids(repeated)).containsExactly(3L, 4L);
    }

    @Test
    void spellingOutADefaultDoesNotChangeTheListing() {
        seed(5);
        ToolOutcome first = h.call("list_invoices", "{\"detail\": \"compact\", \"status\": \"approved\", \"limit\": 1}");
        ToolOutcome out = next(first, "{\"status\": [\"approved\"], \"limit\": 1}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(ids(out)).containsExactly(4L);
    }

    @Test
    void cursorOfAnotherToolIsAMismatch() {
        h.coupa.add("suppliers", Records.supplier(1, "A", "S-1", "active"));
        h.coupa.add("suppliers", Records.supplier(2, "B", "S-2", "active"));
        ToolOutcome suppliers = h.call("list_suppliers", "{\"limit\": 1}");
        ObjectNode args = Json.object();
        args.put("cursor", suppliers.structured().get("next_cursor").asString());
        ToolOutcome out = h.catalog.call("list_invoices", args);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("belongs to a different listing").contains("list_suppliers");
    }

    static List<Long> ids(ToolOutcome out) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : out.structured().get("items")) {
            ids.add(item.get("id").asLong());
        }
        return ids;
    }
}
