package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoice filters paid, net due date, PO number (any line) and document type against the sandbox: every listing
 * holds exactly the invoices a brute-force pass over the sandbox's own records selects.
 */
class InvoiceFiltersOnSandboxTest {
    private static SandboxListing on;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
        catalog = on.catalog;
    }

    @AfterAll
    static void stop() {
        on.close();
    }

    @Test
    void paidSelectsPaidOrUnpaidInvoices() {
        List<Long> paid = expected(r -> r.path("paid").asBoolean());
        assertThat(paid).isNotEmpty();
        assertThat(listed("{\"paid\": true}")).containsExactlyElementsOf(paid);
        assertThat(listed("{\"paid\": false}")).containsExactlyElementsOf(expected(r -> !r.path("paid").asBoolean()));
    }

    @Test
    void netDueDateRangeIsInclusiveOnBothEnds() {
        List<String> dates = new ArrayList<>();
        invoices().forEach(r -> dates.add(r.path("net-due-date").asString()));
        dates.sort(null);
        String from = dates.get(dates.size() / 3).substring(0, 10);
        String to = dates.get(dates.size() / 2).substring(0, 10);
        List<Long> expected = expected(r -> {
            String day = r.path("net-due-date").asString().substring(0, 10);
            return day.compareTo(from) >= 0 && day.compareTo(to) <= 0;
        });
        assertThat(expected).isNotEmpty();
        assertThat(listed("{\"net_due_date_from\": \"" + from + "\", \"net_due_date_to\": \"" + to + "\"}"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void poNumberMatchesAnyLine() {
        String po = null;
        for (ObjectNode r : invoices()) {
            for (JsonNode line : r.path("invoice-lines")) {
                if (po == null && line.hasNonNull("po-number")) {
                    po = line.get("po-number").asString();
                }
            }
        }
        assertThat(po).as("the sandbox has PO-backed invoices").isNotNull();
        String number = po;
        List<Long> expected = expected(r -> {
            for (JsonNode line : r.path("invoice-lines")) {
                if (number.equals(line.path("po-number").asString(null))) {
                    return true;
                }
            }
            return false;
        });
        assertThat(listed("{\"po_number\": \"" + po + "\"}")).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(listed("{\"po_number\": \"no-such-po\"}")).isEmpty();
    }

    @Test
    void anInvertedNetDueDateRangeIsAClearError() {
        ToolOutcome out = catalog.call("list_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"net_due_date_from\": \"2025-02-01\", \"net_due_date_to\": \"2025-01-01\"}"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("net_due_date_from").contains("net_due_date_to");
    }

    private static List<ObjectNode> invoices() {
        return on.records("invoices");
    }

    private static List<Long> expected(Predicate<ObjectNode> filter) {
        return on.expected("invoices", filter);
    }

    /** Ids of every invoice the listing returns, paged to the end. */
    private static List<Long> listed(String filters) {
        return on.listed("list_invoices", "invoices", filters);
    }
}
