package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Invoice;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/invoices}: invoice headers with lines, approvals and custom fields. */
final class InvoiceCollection extends BaseCollection<Invoice> {
    private final InvoiceRenderer renderer;

    InvoiceCollection(World world, InvoiceRenderer renderer) {
        super(world, world.invoices, "invoices", "invoice-header", "invoice-headers", "core.invoice.read",
                "core.invoice.write");
        this.renderer = renderer;
    }

    @Override
    ObjectNode render(Invoice inv) {
        return renderer.render(inv);
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-erp-invoice-number", "cf-integration-status");
    }
}
