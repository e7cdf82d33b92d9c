package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names in fields are checked against what Coupa documents for the resource: a typo is an error with suggestions. */
class FieldDiscoveryTest {
    private final ToolHarness h = new ToolHarness();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            list_invoices | totl           | 'totl' is not a field of invoices (closest: total
            list_invoices | coments        | 'coments' is not a field of invoices (closest: comments
            list_invoices | supplier.nmae  | 'supplier.nmae' is not a field of supplier (closest: supplier.name
            list_invoices | suplier.name   | 'suplier.name' does not start with an association of invoices (closest: supplier.name
            list_invoices | invoice_line.po_number | (closest: invoice_lines.po_number
            get_invoice   | aprovals       | 'aprovals' is not a field of invoices (closest: approvals
            list_purchase_orders | order_lines.invoiced_amount | (closest: order_lines.invoiced
            get_supplier  | primary_contact.emial | (closest: primary_contact.email
            """)
    void anUnknownNameIsAnErrorNamingTheClosestValidNames(String tool, String field, String expected) {
        ToolOutcome out = h.call(tool, "{\"fields\": [\"" + field + "\"]" + (tool.startsWith("get_") ? ", \"id\": 1" : "")
                + "}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).startsWith("Invalid arguments for " + tool + ": fields: ").contains(expected);
        assertThat(h.coupa.calls()).as("nothing reaches Coupa").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            comments
            payment_term.code
            PAYMENT-TERM.code
            approvals
            invoice_lines.po_number
            invoice_lines
            payments
            custom_fields
            custom_fields.cf_anything_this_instance_defines
            total
            tax_code.code
            """)
    void documentedNamesAssociationsAndCustomFieldsPass(String field) {
        h.coupa.add("invoices", Records.invoice(1, "INV-1", "approved", 10, "Acme", "1.00", "USD", "2025-01-01"));
        ToolOutcome out = h.call("list_invoices", "{\"fields\": [\"" + field + "\"]}");
        assertThat(out.isError()).as(out.text()).isFalse();
    }

    @Test
    void anOutputNameStandsForTheCoupaFieldBehindIt() {
        h.call("list_invoices", "{\"fields\": [\"total\"]}");
        assertThat(h.coupa.lastCall().fields().toParam()).contains("\"total-with-taxes\"").doesNotContain("\"total\"");
    }

    @Test
    void manyUnknownNamesMakeAShortError() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            fields.append(i == 0 ? "" : ", ").append("\"nonsense_").append(i).append('"');
        }
        ToolOutcome out = h.call("list_invoices", "{\"fields\": [" + fields + "]}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("fields: 25 more unknown names").hasSizeLessThan(800);
    }

    /** Credentials Coupa documents as attributes are never asked for, nor offered as the closest name. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            get_supplier | cxml_http_password
            get_supplier | cxml_secret
            get_supplier | coupa_connect_secret
            get_supplier | cxml_invoice_secret
            """)
    void credentialFieldsAreRefused(String tool, String field) {
        ToolOutcome out = h.call(tool, "{\"id\": 1, \"fields\": [\"" + field + "\"]}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("'" + field + "' is not a field of");
        assertThat(h.coupa.calls()).as("nothing reaches Coupa").isEmpty();
    }

    @Test
    void aCredentialIsNeverTheClosestName() {
        ToolOutcome out = h.call("get_supplier", "{\"id\": 1, \"fields\": [\"passwrd\", \"cxml_secrt\"]}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).doesNotContain("password").doesNotContain("secret");
    }
}
