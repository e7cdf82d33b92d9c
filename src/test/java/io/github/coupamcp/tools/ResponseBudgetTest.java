package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.testing.PageBound;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Every result fits the budget; a cut page says how to continue; a huge record is trimmed with a note. */
class ResponseBudgetTest {
    private static final int BUDGET = 2500;

    private static ToolHarness seeded(int count) {
        ToolHarness h = new ToolHarness(BUDGET);
        for (int i = 1; i <= count; i++) {
            h.coupa.add("invoices", Records.invoice(i, "INV-" + i, "approved", 10, "A supplier with a long name " + i,
                    "10.00", "USD", "2025-01-01"));
        }
        return h;
    }

    private static int size(ToolOutcome out) {
        return ResponseBudget.measure(out.structured(), out.text());
    }

    @Test
    void pageIsCutAtTheBudgetBeforeTheLimitAndContinues() {
        ToolHarness h = seeded(40);
        ToolOutcome first = h.call("list_invoices", "{\"limit\": 40}");

        assertThat(size(first)).isLessThanOrEqualTo(BUDGET);
        int count = first.structured().get("items").size();
        assertThat(count).isBetween(2, 39);
        assertThat(first.structured().at("/summary/has_more").asBoolean()).isTrue();
        assertThat(first.text()).contains("Page cut to fit the response budget.").contains("cursor=\"");

        List<Long> seen = new ArrayList<>(PaginationTest.ids(first));
        ToolOutcome page = first;
        PageBound bound = PageBound.forRecords("list_invoices", 40, 1); // a cut page holds at least one record
        while (page.structured().has("next_cursor")) {
            bound.count();
            ObjectNode args = Json.object();
            args.put("cursor", page.structured().get("next_cursor").asString());
            args.put("limit", 40);
            page = h.catalog.call("list_invoices", args);
            assertThat(page.isError()).as(page.text()).isFalse();
            assertThat(size(page)).isLessThanOrEqualTo(BUDGET);
            seen.addAll(PaginationTest.ids(page));
        }
        assertThat(seen).hasSize(40).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aSingleHugeRecordIsTrimmedWithANoteInsteadOfBlowingTheBudget() {
        ToolHarness h = new ToolHarness(BUDGET);
        ObjectNode huge = Records.invoice(1, "INV-1", "approved", 10, "Acme", "10.00", "USD", "2025-01-01");
        ArrayNode lines = huge.putArray("invoice-lines");
        for (int i = 0; i < 200; i++) {
            lines.addObject().put("id", 1000 + i).put("description", "A long line description number " + i);
        }
        h.coupa.add("invoices", huge);
        h.coupa.add("invoices", Records.invoice(2, "INV-2", "approved", 10, "Acme", "10.00", "USD", "2025-01-01"));

        ToolOutcome list = h.call("list_invoices", "{\"detail\": \"full\"}");
        ToolOutcome get = h.call("get_invoice", "{\"id\": 1, \"detail\": \"full\"}");

        for (ToolOutcome out : List.of(list, get)) {
            assertThat(out.isError()).as(out.text()).isFalse();
            assertThat(size(out)).isLessThanOrEqualTo(BUDGET);
            JsonNode notes = out.structured().get("notes");
            assertThat(notes).as(out.text()).isNotNull();
            assertThat(notes.get(0).asString()).contains("trimmed to fit the response budget")
                    .contains("invoice_lines: first");
            assertThat(out.text()).contains("Note: ");
        }
        assertThat(list.structured().get("items")).hasSize(1);
        assertThat(list.structured().at("/summary/has_more").asBoolean()).isTrue();
    }

    @Test
    void neverExceededForAnyBudgetAndMixedRecordSizes() {
        for (int budget = ServerConfig.MIN_RESPONSE_BUDGET; budget <= 9000; budget += 500) {
            ToolHarness h = new ToolHarness(budget);
            for (int i = 1; i <= 30; i++) {
                ObjectNode inv = Records.invoice(i, "INV-" + i, "approved", i, "Supplier " + "x".repeat(i * 7 % 90),
                        i + ".00", i % 3 == 0 ? "EUR" : "USD", "2025-01-01");
                inv.put("comments", "c".repeat(i % 5 == 0 ? 4000 : 10));
                h.coupa.add("invoices", inv);
            }
            List<Long> seen = new ArrayList<>();
            ObjectNode args = (ObjectNode) Json.MAPPER.readTree("{\"limit\": 50, \"fields\": [\"comments\"]}");
            PageBound bound = PageBound.forRecords("list_invoices at budget " + budget, 30, 1);
            while (true) {
                bound.count();
                ToolOutcome page = h.catalog.call("list_invoices", args);
                assertThat(page.isError()).as(page.text()).isFalse();
                assertThat(size(page)).as("budget " + budget).isLessThanOrEqualTo(budget);
                seen.addAll(PaginationTest.ids(page));
                if (!page.structured().has("next_cursor")) {
                    break;
                }
                args = Json.object();
                args.put("cursor", page.structured().get("next_cursor").asString());
                args.put("limit", 50);
            }
            assertThat(seen).as("budget " + budget).hasSize(30).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void defaultBudgetIsConservativeAndTinyBudgetsAreRefused() {
        assertThat(ToolSettings.defaults().responseBudgetChars()).isEqualTo(8000);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ServerConfig.builder().responseBudget(1999).build())
                .hasMessageStartingWith("Response budget must be at least 2000 characters, got 1999");
    }

    @Test
    void smallResultsAreUntouched() {
        ToolHarness h = seeded(3);
        ToolOutcome out = h.call("list_invoices", "{}");
        assertThat(out.structured().has("notes")).isFalse();
        assertThat(out.text()).doesNotContain("cut");
        assertThat(size(out)).isLessThan(BUDGET);
    }

    private static ToolOutcome hostile(String tool, String argumentsJson) {
        ToolHarness h = new ToolHarness();
        ToolOutcome out = h.call(tool, argumentsJson);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("Invalid arguments for " + tool).doesNotContain("cut to fit");
        assertThat(size(out)).as(out.text()).isLessThan(700);
        assertThat(h.coupa.calls()).isEmpty();
        return out;
    }

    private static String repeated(String element, int times) {
        return "[" + String.join(",", java.util.Collections.nCopies(times, element)) + "]";
    }

    @Test
    void aValueRepeatedAThousandTimesIsFoldedAndReportedOnce() {
        ToolOutcome out = hostile("list_purchase_orders", "{\"status\": " + repeated("\"approved\"", 1000) + "}");
        assertThat(out.text()).contains("status[0] 'approved' is not one of buyer_hold").doesNotContain("status[1]");
        ToolOutcome valid = new ToolHarness().call("list_invoices", "{\"status\": " + repeated("\"approved\"", 1000)
                + "}");
        assertThat(valid.isError()).as(valid.text()).isFalse();
    }

    @Test
    void manyBadValuesAreCountedWithTheFirstOneShown() {
        ToolOutcome out = hostile("list_invoices", "{\"status\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}");
        assertThat(out.text()).contains("status has 5 invalid values of 5; the first bad one: status[0] 'a' is not one of");
    }

    @Test
    void moreDifferentValuesThanAllowedAreRefusedWithoutListingThem() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            values.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        ToolOutcome out = hostile("list_purchase_orders", "{\"status\": [" + values + "]}");
        assertThat(out.text()).contains("status takes at most 11 different values, got 1,000");
    }

    @Test
    void aHugeFieldNameIsRefusedAndNeverEchoed() {
        ToolOutcome out = hostile("list_invoices", "{\"fields\": [\"" + "a".repeat(5000) + "\"]}");
        assertThat(out.text()).contains("fields[0] must be at most 100 characters, got 5,000");
    }

    @Test
    void aLongBadValueIsQuotedByItsStartAndLength() {
        ToolOutcome out = hostile("list_invoices", "{\"invoice_date_from\": \"" + "9".repeat(5000) + "\"}");
        assertThat(out.text()).contains("invoice_date_from '" + "9".repeat(40) + "...' (5,000 characters) is not a date");
    }

    @Test
    void manyUnknownArgumentsAreOneProblem() {
        StringBuilder args = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            args.append(i == 0 ? "" : ",").append("\"x").append(i).append("\": 1");
        }
        ToolOutcome out = hostile("list_invoices", args.append('}').toString());
        assertThat(out.text()).contains("unknown arguments 'x0', 'x1', 'x2' and 9,997 more (allowed: status,");
    }
}
