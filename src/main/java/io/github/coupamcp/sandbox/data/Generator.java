package io.github.coupamcp.sandbox.data;

import java.util.SplittableRandom;

/**
 * Builds a deterministic, internally consistent data set from a seed: requisitions become purchase orders,
 * goods lines get receipts, invoices match PO lines of their own supplier (same currency), credit notes point
 * at earlier invoices, and approval chains agree with their document's status. All randomness comes from one
 * {@link SplittableRandom} consumed in a fixed order, so the same seed and scale give the same data.
 */
final class Generator {
    static final String[] INVOICE_STATUSES = {"new", "ap_hold", "draft", "on_hold", "pending_receipt", "rejected",
        "abandoned", "disputed", "pending_approval", "booking_hold", "pending_action", "approved", "voided",
        "processing", "invalid", "payable_adjustment"};

    static final String[] REQUISITION_STATUSES = {"draft", "cart", "pending_buyer_action", "pending_approval",
        "approved", "ordered", "partially_received", "received", "abandoned", "backgrounded", "withdrawn"};

    static final String[] ORDER_STATUSES = {"buyer_hold", "cancelled", "closed", "currency_hold", "draft", "error",
        "expensed", "issued", "supplier_hold", "supplier_window_hold", "exported"};

    static final String[] EXPENSE_STATUSES = {"draft", "working", "pending_approval", "pending_info", "approved",
        "accounting_review", "approved_for_payment", "scheduled_for_payment", "paid"};

    private final World world;
    private final Scale scale;
    private final SplittableRandom rnd;

    Generator(World world, long seed, Scale scale) {
        this.world = world;
        this.scale = scale;
        this.rnd = new SplittableRandom(seed);
    }

    /** The parts share one random source and run in a fixed order. */
    void run() {
        GeneratorPart.State state = new GeneratorPart.State();
        MasterDataGenerator master = new MasterDataGenerator(world, scale, rnd, state);
        ApprovalChainGenerator approvals = new ApprovalChainGenerator(world, scale, rnd, state);
        ProcurementGenerator procurement = new ProcurementGenerator(world, scale, rnd, state, approvals);
        master.indexCatalog();
        master.users();
        master.suppliers();
        procurement.contracts();
        procurement.requisitionsAndOrders();
        procurement.standaloneOrders();
        new InvoiceGenerator(world, scale, rnd, state, approvals).invoices();
        new ExpenseGenerator(world, scale, rnd, state).expenseReports();
    }
}
