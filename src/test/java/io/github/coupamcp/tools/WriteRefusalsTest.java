package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.coupa.CoupaException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coupa's validation messages name the argument to fix, as the agent wrote it. */
class WriteRefusalsTest {
    private static WriteBlock block(String tool) {
        return (WriteBlock) ToolRegistry.load(ToolHarness.allTools()).specs().stream()
                .filter(s -> s.name().equals(tool)).findFirst().orElseThrow().block();
    }

    @Test
    void headerAndLineMessagesNameTheirArguments() {
        BodyTemplate invoice = block("create_invoice").body();
        assertThat(WriteRefusals.fix(invoice, "invoice_header: Invoice number is too long (maximum is 40 characters)"))
                .isEqualTo("invoice_number — Invoice number is too long (maximum is 40 characters)");
        assertThat(WriteRefusals.fix(invoice, "invoice_header: Line 2: Price can't be blank"))
                .isEqualTo("lines[1].price — Price can't be blank");
        assertThat(WriteRefusals.fix(invoice, "Supplier 'Acme' is inactive"))
                .isEqualTo("supplier_id — Supplier 'Acme' is inactive");
        assertThat(WriteRefusals.fix(invoice, "invoice_header: Line 1: Something unexpected"))
                .isEqualTo("line 1: Something unexpected");
        assertThat(WriteRefusals.fix(invoice, "base: Quota exceeded")).isEqualTo("Quota exceeded");

        BodyTemplate requisition = block("create_requisition").body();
        assertThat(WriteRefusals.fix(requisition, "requisition_header: Requested by: User 'nobody' not found"))
                .isEqualTo("requested_by — Requested by: User 'nobody' not found");
        assertThat(WriteRefusals.fix(requisition, "requisition_header: Line 3: Unit price can't be blank"))
                .isEqualTo("lines[2].unit_price — Unit price can't be blank");
    }

    @Test
    void theMessageSaysNothingWasWrittenAndHowToGoOn() {
        CoupaException e = new CoupaException.BadRequest("400", List.of("invoice_header: Currency can't be blank",
                "invoice_header: Line 1: Quantity must be greater than 0"), "POST", "/api/invoices", "req-1");
        assertThat(WriteRefusals.validation("create_invoice", "create the invoice", block("create_invoice"), e))
                .isEqualTo("Coupa refused to create the invoice: nothing was written (Coupa request id req-1). Fix: "
                        + "currency — Currency can't be blank; lines[0].quantity — Quantity must be greater than 0. "
                        + "Then call create_invoice without confirmation_token to preview the corrected change.");
    }
}
