package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every filter argument becomes exactly the Coupa server-side filter documented for it. */
class FilterMappingTest {
    /** The filter parameters sent (ordering, projection and limit left out). */
    private static String filtersSent(String tool, String args) {
        ToolHarness h = new ToolHarness();
        ToolOutcome out = h.call(tool, args);
        assertThat(out.isError()).as(out.text()).isFalse();
        List<Map.Entry<String, String>> params = h.coupa.lastParams();
        return params.stream()
                .filter(p -> !List.of("order_by", "dir", "fields", "limit").contains(p.getKey()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            list_invoices | {"status": "approved"}                          | status=approved
            list_invoices | {"status": ["approved"]}                        | status=approved
            list_invoices | {"status": ["on_hold", "approved"]}             | status[in]=approved,on_hold
            list_invoices | {"supplier_id": 42}                             | supplier[id]=42
            list_invoices | {"supplier_name": "Acme"}                       | supplier[name][contains]=Acme
            list_invoices | {"invoice_date_from": "2025-01-01"}             | invoice-date[gt_or_eq]=2025-01-01
            list_invoices | {"invoice_date_to": "2025-01-31"}               | invoice-date[lt]=2025-02-01
            list_invoices | {"total_min": 100}                              | total-with-taxes[gt_or_eq]=100
            list_invoices | {"total_max": 2500.50}                          | total-with-taxes[lt_or_eq]=2500.5
            list_invoices | {"paid": false}                                 | paid=false
            list_invoices | {"paid": true}                                  | paid=true
            list_invoices | {"net_due_date_from": "2025-01-01"}             | net-due-date[gt_or_eq]=2025-01-01
            list_invoices | {"net_due_date_to": "2025-01-31"}               | net-due-date[lt]=2025-02-01
            list_invoices | {"po_number": "4012"}                           | invoice-lines[po-number]=4012
            list_suppliers | {"name": "Acme"}                               | name[contains]=Acme
            list_suppliers | {"status": ["active", "draft"]}               | status[in]=active,draft
            list_suppliers | {"number": "S-1"}                              | number=S-1
            list_suppliers | {"updated_after": "2025-01-01"}                | updated-at[gt]=2025-01-01
            list_suppliers | {"updated_after": "2025-01-01T08:30:00"}       | updated-at[gt]=2025-01-01T08:30:00Z
            list_suppliers | {"updated_after": "2025-01-01T08:30:00+02:00"} | updated-at[gt]=2025-01-01T08:30:00+02:00
            list_purchase_orders | {"status": "issued"}                     | status=issued
            list_purchase_orders | {"supplier_id": 5}                       | supplier[id]=5
            list_purchase_orders | {"supplier_name": "Beta"}                | supplier[name][contains]=Beta
            list_purchase_orders | {"po_number": "4012"}                    | po-number=4012
            list_purchase_orders | {"created_from": "2025-01-01"}           | created-at[gt_or_eq]=2025-01-01
            list_purchase_orders | {"created_before": "2025-02-01"}         | created-at[lt]=2025-02-01
            list_purchase_orders | {"updated_after": "2025-01-01T00:00:00Z"} | updated-at[gt]=2025-01-01T00:00:00Z
            """)
    void mapsEachFilter(String tool, String args, String expected) {
        assertThat(filtersSent(tool, args)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            list_invoices | {"status": ["approved"], "supplier_name": "Acme", "invoice_date_from": "2025-01-01", "invoice_date_to": "2025-01-31", "total_min": 10} | status=approved&supplier[name][contains]=Acme&invoice-date[gt_or_eq]=2025-01-01&invoice-date[lt]=2025-02-01&total-with-taxes[gt_or_eq]=10
            """)
    void combinesFiltersWithAnd(String tool, String args, String expected) {
        assertThat(filtersSent(tool, args)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            get_invoice | {"invoice_number": "INV-7"}                         | invoice-number=INV-7
            get_invoice | {"invoice_number": "INV-7", "supplier_id": 3}       | invoice-number=INV-7&supplier[id]=3
            get_invoice | {"invoice_number": "INV-7", "supplier_name": "Acme"} | invoice-number=INV-7&supplier[name]=Acme
            get_supplier | {"name": "Acme Corp"}                               | name=Acme Corp
            get_supplier | {"number": "S-1"}                                   | number=S-1
            get_purchase_order | {"po_number": "4012"}                         | po-number=4012
            """)
    void naturalKeyGetsUseExactFiltersAndAtMostTwoRecords(String tool, String args, String expected) {
        ToolHarness h = new ToolHarness();
        h.call(tool, args);
        List<Map.Entry<String, String>> params = h.coupa.lastParams();
        assertThat(params.stream().filter(p -> !List.of("order_by", "dir", "fields", "limit").contains(p.getKey()))
                .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"))).isEqualTo(expected);
        assertThat(params).contains(Map.entry("limit", "2"));
    }

    /** Value rewrites a binding may name (no core tool uses upper or title_words since the catalogue was trimmed). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            upper       | usd         | USD
            next_day    | 2025-02-28  | 2025-03-01
            title_words | credit_note | Credit Note
            """)
    void transformsRewriteValues(String transform, String value, String sent) {
        assertThat(FilterBinding.Transform.parse(transform).apply(value)).isEqualTo(sent);
    }
}
