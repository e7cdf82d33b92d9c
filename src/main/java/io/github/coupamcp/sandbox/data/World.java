package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Approval;
import io.github.coupamcp.sandbox.data.Model.Contract;
import io.github.coupamcp.sandbox.data.Model.ExpenseReport;
import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.Receipt;
import io.github.coupamcp.sandbox.data.Model.Requisition;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All sandbox state: reference data, records keyed by id, natural-key indexes and id sequences.
 * Reads are lock-free (immutable records in concurrent maps). Every mutation runs inside {@link #write}: one
 * store-wide lock, because actions span records (approving an approval moves its invoice) and writes are rare
 * next to reads, so a single lock keeps every cross-record rule atomic at no measurable cost.
 */
final class World {
    final ReferenceData ref = new ReferenceData();
    final Clock clock;

    final ConcurrentSkipListMap<Long, User> users = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Supplier> suppliers = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Invoice> invoices = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Order> orders = new ConcurrentSkipListMap<>();
    /** PO line id -> PO id, so purchase_order_lines can be served from the orders map. */
    final ConcurrentSkipListMap<Long, Long> orderLineToOrder = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Receipt> receipts = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Requisition> requisitions = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Approval> approvals = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Contract> contracts = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, ExpenseReport> expenseReports = new ConcurrentSkipListMap<>();

    /** Natural keys, lower-cased: supplier name/number, user login/email, "supplierId/invoice-number". */
    final ConcurrentHashMap<String, Integer> supplierByName = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Integer> supplierByNumber = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Integer> userByLogin = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Integer> userByEmail = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Long> invoiceByNumber = new ConcurrentHashMap<>();

    final AtomicLong supplierSeq = new AtomicLong();
    final AtomicLong invoiceSeq = new AtomicLong();
    final AtomicLong invoiceLineSeq = new AtomicLong();
    final AtomicLong orderSeq = new AtomicLong();
    final AtomicLong orderLineSeq = new AtomicLong();
    final AtomicLong receiptSeq = new AtomicLong();
    final AtomicLong requisitionSeq = new AtomicLong();
    final AtomicLong requisitionLineSeq = new AtomicLong();
    final AtomicLong approvalSeq = new AtomicLong();
    final AtomicLong approvalChainSeq = new AtomicLong();
    final AtomicLong contractSeq = new AtomicLong();
    final AtomicLong expenseReportSeq = new AtomicLong();
    final AtomicLong expenseLineSeq = new AtomicLong();

    final NestedNodes nodes;
    /** Bumped on every user or supplier write, so nested-node caches know when to re-check their source. */
    private final AtomicLong masterVersion = new AtomicLong();
    private final ReentrantLock writeLock = new ReentrantLock();

    World(Clock clock) {
        this.clock = clock;
        this.nodes = new NestedNodes(this);
    }

    /** Runs a mutation under the store-wide write lock. */
    <T> T write(java.util.function.Supplier<T> mutation) {
        writeLock.lock();
        try {
            return mutation.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The updated-at for a record changed now: the clock, but always at least one second after the record's
     * previous updated-at (Coupa renders whole seconds), so updated-at strictly advances on every change even
     * when the clock is fixed (tests) or behind the generated data.
     */
    long stamp(long previousUpdatedAt) {
        return Math.max(clock.instant().getEpochSecond(), previousUpdatedAt + 1);
    }

    long masterVersion() {
        return masterVersion.get();
    }

    void masterDataChanged() {
        masterVersion.incrementAndGet();
    }

    static String key(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    static String invoiceKey(int supplier, String number) {
        return supplier + "/" + key(number);
    }

    User user(int id) {
        return users.get((long) id);
    }

    Supplier supplier(int id) {
        return suppliers.get((long) id);
    }

    void indexSupplier(Supplier s) {
        supplierByName.put(key(s.name()), s.id());
        if (s.number() != null) {
            supplierByNumber.put(key(s.number()), s.id());
        }
    }

    void indexUser(User u) {
        userByLogin.put(key(u.login()), u.id());
        userByEmail.put(key(u.email()), u.id());
    }
}
