package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Invoice;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/invoices}: invoice headers with lines, approvals and custom fields; rules in {@link InvoiceWrites}. */
final class InvoiceCollection extends BaseCollection<Invoice> {
    static final Set<String> CUSTOM_FIELDS = Set.of("cf-erp-invoice-number", "cf-integration-status");
    /** Scope per action, as in Coupa's scope table (void/abandon are "delete" rights). */
    private static final Map<String, String> ACTIONS = Map.of("submit", "core.invoice.write", "dispute",
            "core.invoice.write", "withdraw_dispute", "core.invoice.write", "void", "core.invoice.delete", "abandon",
            "core.invoice.delete");

    private final InvoiceRenderer renderer;
    private final InvoiceWrites writes;

    InvoiceCollection(World world, InvoiceRenderer renderer, InvoiceWrites writes) {
        super(world, world.invoices, "invoices", "invoice-header", "invoice-headers", "core.invoice.read",
                "core.invoice.write");
        this.renderer = renderer;
        this.writes = writes;
    }

    @Override
    ObjectNode render(Invoice inv) {
        return renderer.render(inv);
    }

    @Override
    ObjectNode renderFields(Invoice inv, Set<String> fields) {
        return renderer.render(inv, fields);
    }

    @Override
    public Map<String, String> actionScopes() {
        return ACTIONS;
    }

    @Override
    public Set<String> createScopes() {
        return Set.of("core.invoice.create", "core.invoice.write");
    }

    @Override
    public WriteResult create(ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return createWith(InvoiceWrites.KEY, errors -> writes.create(in, errors));
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, InvoiceWrites.KEY, (inv, errors) -> writes.update(inv, in, errors));
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!ACTIONS.containsKey(action)) {
            return unknownAction(id, "Unknown invoice action " + action);
        }
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, InvoiceWrites.KEY, (inv, errors) -> writes.action(inv, action, in, errors));
    }

    @Override
    public Set<String> customFieldNames() {
        return CUSTOM_FIELDS;
    }
}
