package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The call CLI bypasses the SDK's schema validation, so the catalog validates every argument itself. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // 1e999999999 once ran for minutes
class ArgumentValidationTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            list_invoices | {"supplier": "Acme"}                 | unknown argument 'supplier' (allowed: status, supplier_id
            list_invoices | {"supplier_id": "abc"}               | supplier_id must be a whole number
            list_invoices | {"supplier_id": 1.5}                 | supplier_id must be a whole number
            list_invoices | {"supplier_id": 0}                   | supplier_id must be at least 1
            list_invoices | {"status": ["paid"]}                 | status[0] 'paid' is not one of new, ap_hold
            list_invoices | {"status": []}                       | status needs at least 1 value(s)
            list_invoices | {"status": "[\\"paid\\"]"}               | status[0] 'paid' is not one of new, ap_hold
            list_invoices | {"status": "[[\\"approved\\"]]"}         | status[0] must be a string
            list_invoices | {"status": "[approved]"}             | status[0] '[approved]' is not one of new
            list_invoices | {"invoice_date_from": "31/01/2025"}  | invoice_date_from '31/01/2025' is not a date like 2025-01-31
            list_invoices | {"invoice_date_from": "2025-02-30"}  | is not a date like 2025-01-31
            list_suppliers | {"updated_after": "yesterday"}      | updated_after 'yesterday' is not a date (2025-01-31) or date-time
            list_invoices | {"supplier_id": 0}                   | supplier_id must be at least 1
            list_invoices | {"total_min": 500, "total_max": 100} | total_min (500) is after total_max (100): the range is empty
            list_invoices | {"invoice_date_from": "2025-02-01", "invoice_date_to": "2025-01-01"} | invoice_date_from (2025-02-01) is after invoice_date_to
            list_invoices | {"limit": 51}                        | limit must be at most 50
            list_invoices | {"limit": 0}                         | limit must be at least 1
            list_invoices | {"detail": "everything"}             | detail 'everything' is not one of compact, full
            list_invoices | {"fields": ["a b"]}                  | fields: 'a b' is not valid
            list_invoices | {"supplier_name": ""}                | supplier_name must not be empty
            list_invoices | {"supplier_name": 12}                | supplier_name must be a string
            list_suppliers | {"status": ["gone"]}                | status[0] 'gone' is not one of active, inactive, draft
            list_purchase_orders | {"created_from": "2025-03-01", "created_before": "2025-01-01"} | created_from (2025-03-01) is after created_before
            get_invoice | {}                                     | get_invoice needs id, or invoice_number (optionally with supplier_id or supplier_name)
            get_invoice | {"id": 5, "invoice_number": "X"}       | pass either id or invoice_number, not both
            get_supplier | {"id": "x"}                          | id must be a whole number
            list_invoices | {"invoice_date_from": "+10000-01-01"} | invoice_date_from '+10000-01-01' is outside the accepted range (years 1900 to 2999)
            list_invoices | {"invoice_date_from": "-0001-01-01"}  | invoice_date_from '-0001-01-01' is outside the accepted range
            list_invoices | {"invoice_date_from": "1899-12-31"}   | invoice_date_from '1899-12-31' is outside the accepted range
            list_invoices | {"invoice_date_to": "+999999999-12-31"} | invoice_date_to '+999999999-12-31' is outside the accepted range
            list_invoices | {"invoice_date_from": "+10000-01-01", "invoice_date_to": "+10001-01-01"} | invoice_date_to '+10001-01-01' is outside
            list_suppliers | {"updated_after": "+10000-01-01T00:00:00Z"} | updated_after '+10000-01-01T00:00:00Z' is outside the accepted range
            list_suppliers | {"updated_after": "-5000-01-01"}     | updated_after '-5000-01-01' is outside the accepted range
            list_purchase_orders | {"created_from": "+10000-01-01", "created_before": "2025-01-01"} | created_from '+10000-01-01' is outside
            list_purchase_orders | {"created_from": "2025-01-01T00:00:00", "created_before": "3000-01-01"} | created_before '3000-01-01' is outside
            list_invoices | {"supplier_id": "1e999999999"}        | supplier_id is out of range (at most 18 digits)
            list_invoices | {"supplier_id": 99999999999999999999999} | supplier_id is out of range (at most 18 digits)
            list_invoices | {"total_max": "1e999999999"}          | total_max is out of range (at most 18 digits)
            list_invoices | {"total_max": "1e-999999999"}         | total_max takes at most 6 decimals
            get_invoice | {"id": -1}                             | id must be at least 1
            get_invoice | {"id": "9223372036854775808"}          | id is out of range (at most 18 digits)
            """)
    void rejectsWithAnActionableMessage(String tool, String args, String expected) {
        ToolHarness h = new ToolHarness();
        ToolOutcome out = h.call(tool, args);
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).doesNotContain("Internal error")
                .startsWith("Invalid arguments for " + tool + ": ").contains(expected)
                .endsWith("Fix them and call " + tool + " again.");
        assertThat(h.coupa.calls()).as("nothing reaches Coupa").isEmpty();
    }

    /** A name filter states no maxLength (agents would pay for it in context), yet a huge one is refused. */
    @Test
    void aStringWithoutAPublishedMaximumIsCapped() {
        ToolHarness h = new ToolHarness();
        String name = "a".repeat(ArgumentValidator.DEFAULT_MAX_LENGTH + 1);
        ToolOutcome out = h.call("list_invoices", Json.object().put("supplier_name", name).toString());
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("supplier_name must be at most " + ArgumentValidator.DEFAULT_MAX_LENGTH
                + " characters");
        assertThat(h.coupa.calls()).isEmpty();
        assertThat(h.call("list_invoices", Json.object().put("supplier_name", name.substring(1)).toString())
                .isError()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aNumberOfAMillionDigitsIsRefusedWithoutParsingIt() {
        ToolHarness h = new ToolHarness();
        String args = "{\"id\": \"" + "7".repeat(1_000_000) + "\"}";
        // parsing it took about 15 s: one agent could keep a core busy with a few such calls
        ToolOutcome out = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(3),
                () -> h.call("get_invoice", args));
        assertThat(out.text()).contains("id is out of range (at most 18 digits)");
        assertThat(h.coupa.calls()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aBadValueIsReportedOnceNotAlsoAsAnEmptyList() {
        ToolOutcome out = new ToolHarness().call("list_invoices", "{\"status\": [\"waiting\"]}");
        assertThat(out.text()).contains("status[0] 'waiting' is not one of").doesNotContain("needs at least");
        ToolOutcome empty = new ToolHarness().call("list_invoices", "{\"status\": []}");
        assertThat(empty.text()).contains("status needs at least 1 value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"supplier_id": "42"}            | supplier[id]=42
            {"status": "approved"}           | status=approved
            {"status": "[\\"approved\\"]"}      | status=approved
            {"status": " [\\"voided\\", \\"approved\\", \\"approved\\"] "} | status[in]=approved,voided
            {"supplier_name": "  Acme  "}    | supplier[name][contains]=Acme
            {"supplier_id": null}            | -
            """)
    void acceptsLenientFormsAndNormalisesThem(String args, String expected) {
        ToolHarness h = new ToolHarness();
        ToolOutcome out = h.call("list_invoices", args);
        assertThat(out.isError()).as(out.text()).isFalse();
        String first = h.coupa.lastParams().get(0).getKey() + "=" + h.coupa.lastParams().get(0).getValue();
        assertThat(first).isEqualTo(expected.equals("-") ? "order_by=id" : expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nope
            """)
    void unknownToolNamesTheAvailableOnes(String tool) {
        ToolOutcome out = new ToolHarness().call(tool, "{}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("Unknown tool 'nope'. Available tools: ")
                .isEqualTo("Unknown tool 'nope'. Available tools: " + String.join(", ", ToolRegistry.load(
                        ToolSettings.defaults()).specs().stream().map(ToolSpec::name).toList()) + ".");
    }
}
