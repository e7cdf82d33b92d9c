package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.testing.PageBound;
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
    private static Sandbox sandbox;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        on = new SandboxListing();
        sandbox = on.sandbox;
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
    void documentTypeSeparatesCreditNotes() {
        List<Long> credits = expected(r -> r.path("is-credit-note").asBoolean());
        assertThat(credits).isNotEmpty();
        assertThat(listed("{\"document_type\": \"credit_note\"}")).containsExactlyElementsOf(credits);
        assertThat(listed("{\"document_type\": \"invoice\"}"))
                .containsExactlyElementsOf(expected(r -> !r.path("is-credit-note").asBoolean()));
    }

    @Test
    void anInvertedNetDueDateRangeIsAClearError() {
        ToolOutcome out = catalog.call("list_invoices", (ObjectNode) Json.MAPPER.readTree(
                "{\"net_due_date_from\": \"2025-02-01\", \"net_due_date_to\": \"2025-01-01\"}"));
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("net_due_date_from").contains("net_due_date_to");
    }

    private static List<ObjectNode> invoices() {
        SandboxCollection invoices = sandbox.store().collection("invoices");
        List<ObjectNode> all = new ArrayList<>();
        invoices.ids().forEach(id -> all.add(invoices.render(id)));
        return all;
    }

    private static List<Long> expected(Predicate<ObjectNode> filter) {
        return invoices().stream().filter(filter).map(r -> r.get("id").asLong()).sorted().toList();
    }

    /** Ids of every invoice the listing returns, paged to the end. */
    private static List<Long> listed(String filters) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(filters);
        args.put("limit", 50);
        List<Long> ids = new ArrayList<>();
        PageBound bound = PageBound.forRecords("list_invoices " + filters, sandbox.store().collection("invoices")
                .size(), 1);
        while (true) {
            bound.count();
            ToolOutcome page = catalog.call("list_invoices", args);
            assertThat(page.isError()).as(page.text()).isFalse();
            page.structured().get("items").forEach(i -> ids.add(i.get("id").asLong()));
            if (!page.structured().has("next_cursor")) {
                return ids;
            }
            args = Json.object().put("cursor", page.structured().get("next_cursor").asString()).put("limit", 50);
        }
    }
}
