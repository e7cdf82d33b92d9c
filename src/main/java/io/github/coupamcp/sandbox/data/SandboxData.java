package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.Currency;
import java.time.Clock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entry point of the sandbox data layer: generates a deterministic, consistent Coupa data set and wraps it in a
 * {@link SandboxStore}. The clock only stamps writes (updated-at); generated data never depends on it.
 */
public final class SandboxData {
    private SandboxData() {}

    public static SandboxStore generate(long seed, Scale scale) {
        return generate(seed, scale, Clock.systemUTC());
    }

    public static SandboxStore generate(long seed, Scale scale, Clock clock) {
        java.util.Objects.requireNonNull(scale, "scale");
        java.util.Objects.requireNonNull(clock, "clock");
        World world = new World(clock);
        new Generator(world, seed, scale).run();
        return assemble(world);
    }

    private static DataStore assemble(World world) {
        DataStore store = new DataStore(world);
        ApprovalRenderer approvals = new ApprovalRenderer(world);
        OrderRenderer orders = new OrderRenderer(world);
        ReferenceData ref = world.ref;
        NestedNodes nodes = world.nodes;
        InvoiceWrites invoiceWrites = new InvoiceWrites(world, InvoiceCollection.CUSTOM_FIELDS);
        RequisitionWrites requisitionWrites = new RequisitionWrites(world, RequisitionCollection.CUSTOM_FIELDS);
        store.add(new InvoiceCollection(world, new InvoiceRenderer(world, approvals), invoiceWrites));
        store.add(new SupplierCollection(world));
        store.add(new UserCollection(world));
        store.add(new PurchaseOrderCollection(world, orders));
        store.add(new PurchaseOrderLineCollection(world, orders));
        store.add(new ReceiptCollection(world, orders, "inventory_transactions"));
        store.add(new ReceiptCollection(world, orders, "receiving_transactions"));
        store.add(new RequisitionCollection(world, new RequisitionRenderer(world, approvals),
                requisitionWrites));
        store.add(new ApprovalCollection(world, approvals, invoiceWrites, requisitionWrites));
        store.add(new ContractCollection(world));
        store.add(new ExpenseReportCollection(world));
        store.add(new ReferenceCollection(world, ref.accounts.size(), "accounts", "account", "accounts",
                "core.accounting.read", id -> (ObjectNode) nodes.account(id)));
        store.add(new ReferenceCollection(world, ref.accountTypes.size(), "account_types", "account-type",
                "account-types", "core.accounting.read", id -> (ObjectNode) nodes.accountType(id)));
        store.add(new ReferenceCollection(world, ref.currencies.size(), "currencies", "currency", "currencies",
                "core.common.read", id -> currency(ref.currency(id))));
        store.add(new ReferenceCollection(world, ref.paymentTerms.size(), "payment_terms", "payment-term",
                "payment-terms", "core.common.read", id -> (ObjectNode) nodes.paymentTerm(id)));
        store.add(new ReferenceCollection(world, ref.departments.size(), "departments", "department", "departments",
                "core.common.read", id -> (ObjectNode) nodes.department(id)));
        store.add(new ReferenceCollection(world, ref.addresses.size(), "addresses", "address", "addresses",
                "core.common.read", id -> (ObjectNode) nodes.address(id)));
        store.add(new ReferenceCollection(world, ref.commodities.size(), "commodities", "commodity", "commodities",
                "core.common.read", id -> (ObjectNode) nodes.commodity(id)));
        store.add(new ReferenceCollection(world, ref.uoms.size(), "uoms", "uom", "uoms", "core.common.read",
                id -> (ObjectNode) nodes.uom(id)));
        return store;
    }

    private static ObjectNode currency(Currency c) {
        ObjectNode n = Json.object();
        n.put("id", c.id());
        n.put("code", c.code());
        n.put("name", c.name());
        n.put("symbol", c.symbol());
        n.put("decimals", c.decimals());
        n.put("enabled", true);
        return n;
    }
}
