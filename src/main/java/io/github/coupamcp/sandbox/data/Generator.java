package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.Approval;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Contract;
import io.github.coupamcp.sandbox.data.Model.ExpenseLine;
import io.github.coupamcp.sandbox.data.Model.ExpenseReport;
import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.InvoiceLine;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.Receipt;
import io.github.coupamcp.sandbox.data.Model.Requisition;
import io.github.coupamcp.sandbox.data.Model.RequisitionLine;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a deterministic, internally consistent data set from a seed: requisitions become purchase orders,
 * goods lines get receipts, invoices match PO lines of their own supplier (same currency), credit notes point
 * at earlier invoices, and approval chains agree with their document's status. All randomness comes from one
 * {@link SplittableRandom} consumed in a fixed order, so the same seed and scale give the same data.
 */
final class Generator {
    /** Generated history ends here: data is anchored in time, independent of the machine clock. */
    static final int ANCHOR_DAY = (int) LocalDate.of(2026, 6, 30).toEpochDay();
    private static final int HISTORY_DAYS = 720;

    static final String[] INVOICE_STATUSES = {"new", "ap_hold", "draft", "on_hold", "pending_receipt", "rejected",
        "abandoned", "disputed", "pending_approval", "booking_hold", "pending_action", "approved", "voided",
        "processing", "invalid", "payable_adjustment"};
    private static final int[] INVOICE_WEIGHTS = {3, 3, 6, 3, 5, 3, 2, 4, 12, 2, 3, 40, 3, 3, 2, 1};

    static final String[] REQUISITION_STATUSES = {"draft", "cart", "pending_buyer_action", "pending_approval",
        "approved", "ordered", "partially_received", "received", "abandoned", "backgrounded", "withdrawn"};

    static final String[] ORDER_STATUSES = {"buyer_hold", "cancelled", "closed", "currency_hold", "draft", "error",
        "expensed", "issued", "supplier_hold", "supplier_window_hold", "exported"};
    private static final int[] ORDER_WEIGHTS = {3, 5, 15, 1, 3, 1, 1, 60, 2, 1, 3};

    static final String[] EXPENSE_STATUSES = {"draft", "working", "pending_approval", "pending_info", "approved",
        "accounting_review", "approved_for_payment", "scheduled_for_payment", "paid"};

    private final World w;
    private final Scale scale;
    private final SplittableRandom rnd;
    private final ReferenceData ref;
    /** The commodity each supplier mainly sells (generation only). */
    private int[] supplierCommodity;
    private List<List<CatalogItem>> itemsByCommodity;
    /** Users who approve documents: department heads and finance staff. */
    private int[] approvers;
    private final List<Long> invoiceablePos = new ArrayList<>();

    Generator(World world, long seed, Scale scale) {
        this.w = world;
        this.scale = scale;
        this.rnd = new SplittableRandom(seed);
        this.ref = world.ref;
    }

    void run() {
        indexCatalog();
        users();
        suppliers();
        contracts();
        requisitionsAndOrders();
        standaloneOrders();
        invoices();
        expenseReports();
    }

    // ---------------------------------------------------------------- helpers

    private int pick(int n) {
        return rnd.nextInt(n);
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private int weighted(int[] weights) {
        int sum = 0;
        for (int x : weights) {
            sum += x;
        }
        int r = rnd.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Forces every value of an enum to occur: the i-th of n records takes value k at evenly spaced slots. */
    private static int forced(int i, int n, int values) {
        int step = Math.max(1, n / values);
        return i % step == 0 && i / step < values ? i / step : -1;
    }

    private static long seconds(int epochDay) {
        return epochDay * 86_400L + 16 * 3600L; // 08:00 Pacific, roughly
    }

    private long timeOn(int epochDay) {
        return seconds(epochDay) + rnd.nextInt(9 * 3600);
    }

    private int pastDay() {
        return ANCHOR_DAY - rnd.nextInt(HISTORY_DAYS);
    }

    private long later(long t, int maxDays) {
        long u = t + rnd.nextInt(Math.max(1, maxDays) * 86_400);
        return Math.min(u, seconds(ANCHOR_DAY) + 10 * 3600);
    }

    private void indexCatalog() {
        itemsByCommodity = new ArrayList<>();
        for (int c = 0; c <= ref.commodities.size(); c++) {
            itemsByCommodity.add(new ArrayList<>());
        }
        for (CatalogItem item : ref.catalog.subList(0, ReferenceData.GENERATED_ITEMS)) {
            itemsByCommodity.get(item.commodity()).add(item);
        }
    }

    private CatalogItem itemFor(int supplier) {
        List<CatalogItem> items = itemsByCommodity.get(supplierCommodity[supplier]);
        return items.get(pick(items.size()));
    }

    private long quantityFor(CatalogItem item) {
        if (item.amountLine()) {
            return 1000;
        }
        return switch (ref.uoms.get(item.uom() - 1).code()) {
            case "HR" -> (4 + pick(80)) * 1000L + (chance(30) ? 500 : 0);
            case "MO" -> (1 + pick(12)) * 1000L;
            default -> (1 + pick(chance(70) ? 5 : 40)) * 1000L;
        };
    }

    private long priceFor(CatalogItem item) {
        long base = item.amountLine() ? 250_000 + pick(4_000_000) : item.priceCents();
        // +-10% around list price, like negotiated prices
        return Math.max(100, base + (base * (pick(21) - 10)) / 100);
    }

    private int currencyOfCountry(int country) {
        return switch (country) {
            case 2, 5 -> 2; // DE, FR -> EUR
            case 3 -> 3;
            case 4 -> 4;
            default -> 1;
        };
    }

    private int addressCountry(int address) {
        return ref.addresses.get(address - 1).country();
    }

    private int approver(int notUser) {
        int a = approvers[pick(approvers.length)];
        return a == notUser ? approvers[(indexOf(approvers, a) + 1) % approvers.length] : a;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- users

    private void users() {
        int n = scale.users;
        int heads = ref.departments.size();
        List<Integer> approverList = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            String first = Names.FIRST[pick(Names.FIRST.length)];
            String last = Names.LAST[pick(Names.LAST.length)];
            String login = (first.charAt(0) + last).toLowerCase(java.util.Locale.ROOT);
            if (w.userByLogin.containsKey(login)) {
                login = login + id;
            }
            int dept = id <= heads ? id : 1 + pick(heads);
            int manager = id == 1 ? 0 : id <= heads ? 1 : dept;
            int address = 1 + pick(ref.addresses.size());
            int currency = currencyOfCountry(addressCountry(address));
            int accountType = ref.accountTypeFor(currency);
            Account account = ref.account(accountType, dept, 4);
            long created = seconds(ANCHOR_DAY - HISTORY_DAYS - 30) + pick(30 * 86_400);
            User u = new User(id, login, login + "@acme-corp.com", first, last, "E" + (10_000 + id), dept, manager,
                    address, account.id(), currency, chance(95) || id <= heads, created, later(created, 300), null);
            w.users.put((long) id, u);
            w.indexUser(u);
            if (id <= heads || dept == 3 && approverList.size() < 12) {
                approverList.add(id);
            }
        }
        approvers = approverList.stream().mapToInt(Integer::intValue).toArray();
    }

    private int anyUser() {
        return 1 + pick(scale.users);
    }

    // ---------------------------------------------------------------- suppliers

    private void suppliers() {
        int n = scale.suppliers;
        supplierCommodity = new int[n + 1];
        int prefixes = Names.SUPPLIER_PREFIX.length;
        int cores = Names.SUPPLIER_CORE.length;
        int combos = prefixes * cores;
        for (int id = 1; id <= n; id++) {
            int slot = (int) (((long) (id - 1) * 7919) % combos);
            String prefix = Names.SUPPLIER_PREFIX[slot % prefixes];
            String core = Names.SUPPLIER_CORE[slot / prefixes];
            int country = countryForSupplier();
            String name = prefix + " " + core + " " + legalForm(country) + (id > combos ? " " + (id / combos + 1) : "");
            String number = "SUP-" + (1000 + id);
            supplierCommodity[id] = 1 + pick(ref.commodities.size());
            String[] cityState = cityState(country);
            String given = Names.FIRST[pick(Names.FIRST.length)];
            String family = Names.LAST[pick(Names.LAST.length)];
            String domain = (prefix + "-" + core).toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".com";
            int statusRoll = pick(100);
            String status = statusRoll < 90 ? "active" : statusRoll < 95 ? "inactive" : "draft";
            String poMethod = pick(new String[] {"email", "email", "email", "cxml", "cxml", "prompt", "mark_as_sent"});
            String matching = pick(new String[] {"3-way", "3-way", "2-way", "2-way", "none"});
            long created = seconds(ANCHOR_DAY - HISTORY_DAYS - 20) + pick(20 * 86_400);
            int creator = anyUser();
            Supplier s = new Supplier(id, name, number, status, poMethod, matching,
                    1 + pick(ref.paymentTerms.size()), currencyOfCountry(country), given, family,
                    given.toLowerCase(java.util.Locale.ROOT) + "." + family.toLowerCase(java.util.Locale.ROOT) + "@"
                            + domain,
                    (200 + pick(700)) + "-555-0" + (100 + pick(900)), (1 + pick(9800)) + " " + pick(Names.STREETS),
                    cityState[0], cityState[1], postal(country), country,
                    String.format("%02d-%07d", 10 + pick(89), pick(10_000_000)),
                    String.format("%09d", pick(1_000_000_000)), "https://www." + domain, chance(3), creator,
                    creator, created, later(created, 400), null);
            w.suppliers.put((long) id, s);
            w.indexSupplier(s);
        }
        w.supplierSeq.set(n);
    }

    private int countryForSupplier() {
        int r = pick(100);
        return r < 60 ? 1 : r < 72 ? 2 : r < 84 ? 3 : r < 92 ? 4 : 5;
    }

    private static String legalForm(int country) {
        return switch (country) {
            case 2 -> "GmbH";
            case 3 -> "Ltd.";
            case 4 -> "Corp.";
            case 5 -> "SAS";
            default -> "Inc.";
        };
    }

    private String[] cityState(int country) {
        int i = pick(5);
        return switch (country) {
            case 2 -> new String[] {Names.CITY_DE[i], null};
            case 3 -> new String[] {Names.CITY_GB[i], null};
            case 4 -> new String[] {Names.CITY_CA[i], Names.STATE_CA[i]};
            case 5 -> new String[] {Names.CITY_FR[i], null};
            default -> {
                int j = pick(Names.CITY_US.length);
                yield new String[] {Names.CITY_US[j], Names.STATE_US[j]};
            }
        };
    }

    private String postal(int country) {
        return switch (country) {
            case 3 -> "M" + (1 + pick(30)) + " " + (1 + pick(9)) + "AB";
            case 4 -> "V" + pick(10) + "K " + pick(10) + "A" + pick(10);
            default -> String.format("%05d", 10_000 + pick(89_999));
        };
    }

    private int activeSupplier() {
        for (int tries = 0; tries < 20; tries++) {
            int id = 1 + pick(scale.suppliers);
            if (w.supplier(id).status().equals("active")) {
                return id;
            }
        }
        return 1;
    }

    // ---------------------------------------------------------------- contracts

    private void contracts() {
        for (int i = 0; i < scale.contracts; i++) {
            long id = w.contractSeq.incrementAndGet();
            int supplier = activeSupplier();
            Supplier s = w.supplier(supplier);
            int start = ANCHOR_DAY - 30 - pick(HISTORY_DAYS + 300);
            int end = start + 365 * (1 + pick(3));
            String status = end < ANCHOR_DAY ? "expired" : pick(new String[] {"published", "published",
                "published", "draft", "pending_approval", "inactive"});
            String kind = pick(new String[] {"Master Services Agreement", "Supply Agreement",
                "Software License Agreement", "Statement of Work", "Framework Agreement"});
            long created = seconds(start - 20 - pick(30));
            w.contracts.put(id, new Contract(id, s.name() + " " + kind, "CTR-" + (1000 + id), supplier,
                    s.currency(), status, start, end, (5 + pick(200)) * 1_000_000L, approvers[pick(approvers.length)],
                    s.paymentTerm(), pick(new String[] {"fixed", "auto_renew", "perpetual"}), created,
                    later(created, 60), null));
        }
    }

    // ---------------------------------------------------------------- requisitions -> purchase orders

    private void requisitionsAndOrders() {
        int n = scale.requisitions;
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, REQUISITION_STATUSES.length);
            String status = f >= 0 ? REQUISITION_STATUSES[f] : requisitionStatus();
            requisition(status);
        }
    }

    private String requisitionStatus() {
        int r = pick(100);
        return r < 10 ? "draft" : r < 13 ? "cart" : r < 15 ? "pending_buyer_action" : r < 28 ? "pending_approval"
                : r < 33 ? "approved" : r < 73 ? "ordered" : r < 83 ? "partially_received" : r < 93 ? "received"
                : r < 96 ? "abandoned" : r < 98 ? "backgrounded" : "withdrawn";
    }

    private void requisition(String status) {
        long id = w.requisitionSeq.incrementAndGet();
        int requester = anyUser();
        User u = w.user(requester);
        int supplier = activeSupplier();
        Supplier s = w.supplier(supplier);
        int currency = s.currency();
        int accountType = ref.accountTypeFor(currency);
        int day = pastDay() - 40;
        long created = timeOn(day);
        int needBy = day + 14 + pick(30);
        boolean ordered = status.equals("ordered") || status.endsWith("received");
        int lineCount = 1 + pick(4);
        RequisitionLine[] lines = new RequisitionLine[lineCount];
        OrderLine[] orderLines = ordered ? new OrderLine[lineCount] : null;
        long orderId = ordered ? w.orderSeq.incrementAndGet() : 0;
        for (int k = 0; k < lineCount; k++) {
            CatalogItem item = itemFor(supplier);
            long qty = quantityFor(item);
            long price = priceFor(item);
            Account account = ref.account(accountType, u.department(), item.commodity());
            long reqLineId = w.requisitionLineSeq.incrementAndGet();
            long orderLineId = 0;
            if (ordered) {
                orderLineId = w.orderLineSeq.incrementAndGet();
                orderLines[k] = new OrderLine(orderLineId, orderId, k + 1, item.index(), qty, price, account.id(), 0,
                        0, receiptRequired(item), reqLineId, needBy);
            }
            lines[k] = new RequisitionLine(reqLineId, k + 1, item.index(), qty, price, supplier, account.id(),
                    currency, orderLineId, needBy, null, 0, 0);
        }
        String finalStatus = status;
        if (ordered) {
            String orderStatus = status.equals("received") ? "closed" : "issued";
            receive(orderLines, status);
            Order o = order(orderId, supplier, orderStatus, requester, u.defaultAddress(), id, orderLines,
                    created + 86_400L * (1 + pick(3)));
            finalStatus = requisitionStatusFromReceipts(o);
        }
        long submitted = status.equals("draft") || status.equals("cart") ? 0 : created + 3600;
        long[] approvalIds = requisitionApprovals(id, finalStatus, requester, created);
        String title = pick(Names.REQ_TITLES);
        Requisition r = new Requisition(id, finalStatus, requester, u.department(), u.defaultAddress(), currency,
                title, "Needed for " + title.toLowerCase(java.util.Locale.ROOT), needBy, submitted, lines,
                approvalIds, created, later(created + 7200, 10), null);
        w.requisitions.put(id, r);
    }

    private String requisitionStatusFromReceipts(Order o) {
        boolean any = false;
        boolean all = true;
        for (OrderLine l : o.lines()) {
            if (!l.receiptRequired()) {
                continue;
            }
            any |= l.receivedMilli() > 0;
            all &= l.receivedMilli() >= l.qtyMilli();
        }
        return !any ? "ordered" : all ? "received" : "partially_received";
    }

    private boolean receiptRequired(CatalogItem item) {
        return !item.amountLine() && ref.commodities.get(item.commodity() - 1).category().equals("goods");
    }

    /** Sets received quantities on goods lines according to the requisition's intended status. */
    private void receive(OrderLine[] lines, String intended) {
        for (int k = 0; k < lines.length; k++) {
            OrderLine l = lines[k];
            if (!l.receiptRequired()) {
                continue;
            }
            long received = switch (intended) {
                case "received" -> l.qtyMilli();
                case "partially_received" -> k == 0 ? Math.max(1000, l.qtyMilli() / 2000 * 1000) : l.qtyMilli();
                default -> 0;
            };
            lines[k] = withReceived(l, received);
        }
    }

    private static OrderLine withReceived(OrderLine l, long received) {
        return new OrderLine(l.id(), l.orderId(), l.lineNum(), l.item(), l.qtyMilli(), l.priceCents(), l.account(),
                received, l.invoicedCents(), l.receiptRequired(), l.requisitionLineId(), l.needBy());
    }

    static OrderLine withInvoiced(OrderLine l, long invoiced) {
        return new OrderLine(l.id(), l.orderId(), l.lineNum(), l.item(), l.qtyMilli(), l.priceCents(), l.account(),
                l.receivedMilli(), invoiced, l.receiptRequired(), l.requisitionLineId(), l.needBy());
    }

    private Order order(long id, int supplier, String status, int requester, int shipTo, long requisitionId,
            OrderLine[] lines, long created) {
        Supplier s = w.supplier(supplier);
        int buyer = approvers[pick(approvers.length)];
        Order o = new Order(id, supplier, s.currency(), status, transmission(status, s.poMethod()), requester, buyer,
                buyer, shipTo, s.paymentTerm(), requisitionId, 1 + (chance(15) ? 1 : 0),
                status.equals("closed") || status.equals("exported") || status.equals("issued") && chance(60), lines,
                created, later(created, 30), null);
        w.orders.put(id, o);
        for (OrderLine l : lines) {
            w.orderLineToOrder.put(l.id(), id);
        }
        receipts(o);
        if (status.equals("issued") || status.equals("closed")) {
            invoiceablePos.add(id);
        }
        return o;
    }

    static String transmission(String status, String poMethod) {
        return switch (status) {
            case "draft", "buyer_hold", "currency_hold", "supplier_hold", "supplier_window_hold" -> "created";
            case "error" -> "transmission_failure";
            default -> switch (poMethod) {
                case "cxml" -> "sent_via_cxml";
                case "xml" -> "sent_via_xml";
                case "prompt", "mark_as_sent" -> "sent_manually";
                case "buy_online" -> "purchased_online";
                default -> "sent_via_email";
            };
        };
    }

    /** One receiving transaction per received line (two when it arrived in two shipments). */
    private void receipts(Order o) {
        for (OrderLine l : o.lines()) {
            if (l.receivedMilli() <= 0) {
                continue;
            }
            long first = l.receivedMilli() >= 2000 && chance(30) ? l.receivedMilli() / 2000 * 1000 : l.receivedMilli();
            addReceipt(o, l, first);
            if (first < l.receivedMilli()) {
                addReceipt(o, l, l.receivedMilli() - first);
            }
        }
    }

    private void addReceipt(Order o, OrderLine l, long qty) {
        long id = w.receiptSeq.incrementAndGet();
        int day = (int) (o.createdAt() / 86_400) + 3 + pick(20);
        long at = timeOn(Math.min(day, ANCHOR_DAY));
        w.receipts.put(id, new Receipt(id, o.id(), l.id(), qty, l.priceCents(), o.currency(), l.account(), l.item(),
                (int) (at / 86_400), o.requester(), "created", at, at));
    }

    private void standaloneOrders() {
        int target = scale.purchaseOrders;
        int existing = w.orders.size();
        int n = Math.max(0, target - existing);
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, ORDER_STATUSES.length);
            String status = ORDER_STATUSES[f >= 0 ? f : weighted(ORDER_WEIGHTS)];
            long id = w.orderSeq.incrementAndGet();
            int supplier = activeSupplier();
            int requester = anyUser();
            User u = w.user(requester);
            int accountType = ref.accountTypeFor(w.supplier(supplier).currency());
            int day = pastDay() - 30;
            int lineCount = 1 + pick(5);
            OrderLine[] lines = new OrderLine[lineCount];
            for (int k = 0; k < lineCount; k++) {
                CatalogItem item = itemFor(supplier);
                Account account = ref.account(accountType, u.department(), item.commodity());
                lines[k] = new OrderLine(w.orderLineSeq.incrementAndGet(), id, k + 1, item.index(),
                        quantityFor(item), priceFor(item), account.id(), 0, 0, receiptRequired(item), 0, day + 21);
            }
            if (status.equals("closed")) {
                receive(lines, "received");
            } else if (status.equals("issued") || status.equals("exported")) {
                receive(lines, pick(new String[] {"received", "partially_received", "ordered"}));
            }
            order(id, supplier, status, requester, u.defaultAddress(), 0, lines, timeOn(day));
        }
    }

    // ---------------------------------------------------------------- invoices

    private void invoices() {
        int n = scale.invoices;
        List<Invoice> creditable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, INVOICE_STATUSES.length);
            String status = INVOICE_STATUSES[f >= 0 ? f : weighted(INVOICE_WEIGHTS)];
            Invoice inv;
            if (!creditable.isEmpty() && chance(6)) {
                inv = creditNote(status, creditable.get(pick(creditable.size())));
            } else if (chance(65) && !invoiceablePos.isEmpty()) {
                inv = poInvoice(status);
            } else {
                inv = null;
            }
            if (inv == null) {
                inv = nonPoInvoice(status);
            }
            w.invoices.put(inv.id(), inv);
            w.invoiceByNumber.put(World.invoiceKey(inv.supplier(), inv.number()), inv.id());
            if (!inv.creditNote() && (status.equals("approved") || status.equals("processing"))) {
                creditable.add(inv);
            }
        }
    }

    private Invoice poInvoice(String status) {
        int slot = pick(invoiceablePos.size());
        long orderId = invoiceablePos.get(slot);
        Order o = w.orders.get(orderId);
        OrderLine[] orderLines = o.lines().clone();
        List<InvoiceLine> lines = new ArrayList<>();
        long invoiceId = w.invoiceSeq.get() + 1;
        for (int k = 0; k < orderLines.length; k++) {
            OrderLine ol = orderLines[k];
            if (ol.invoicedCents() != 0) {
                continue;
            }
            long qty = ol.receiptRequired() && ol.receivedMilli() > 0 ? ol.receivedMilli() : ol.qtyMilli();
            lines.add(new InvoiceLine(w.invoiceLineSeq.incrementAndGet(), lines.size() + 1, ol.item(), qty,
                    ol.priceCents(), ol.account(), ol.id(), null, 0, 0));
            orderLines[k] = withInvoiced(ol, Formats.lineTotal(ol.priceCents(), qty));
        }
        // every line of this PO is invoiced now: stop matching further invoices against it
        invoiceablePos.set(slot, invoiceablePos.get(invoiceablePos.size() - 1));
        invoiceablePos.remove(invoiceablePos.size() - 1);
        if (lines.isEmpty()) {
            return null;
        }
        w.orders.put(orderId, new Order(o.id(), o.supplier(), o.currency(), o.status(), o.transmission(),
                o.requester(), o.createdBy(), o.updatedBy(), o.shipTo(), o.paymentTerm(), o.requisitionId(),
                o.version(), o.exported(), orderLines, o.createdAt(), o.updatedAt(), o.patch()));
        int day = Math.min(ANCHOR_DAY, (int) (o.createdAt() / 86_400) + 5 + pick(40));
        w.invoiceSeq.set(invoiceId);
        return invoice(invoiceId, o.supplier(), o.currency(), status, day, o.requester(), o.shipTo(), false, null, 0,
                lines.toArray(new InvoiceLine[0]));
    }

    private Invoice nonPoInvoice(String status) {
        long invoiceId = w.invoiceSeq.incrementAndGet();
        int supplier = activeSupplier();
        Supplier s = w.supplier(supplier);
        int requester = anyUser();
        User u = w.user(requester);
        int accountType = ref.accountTypeFor(s.currency());
        int lineCount = 1 + pick(4);
        InvoiceLine[] lines = new InvoiceLine[lineCount];
        for (int k = 0; k < lineCount; k++) {
            CatalogItem item = itemFor(supplier);
            Account account = ref.account(accountType, u.department(), item.commodity());
            lines[k] = new InvoiceLine(w.invoiceLineSeq.incrementAndGet(), k + 1, item.index(), quantityFor(item),
                    priceFor(item), account.id(), 0, null, 0, 0);
        }
        return invoice(invoiceId, supplier, s.currency(), status, pastDay(), requester, u.defaultAddress(), false,
                null, 0, lines);
    }

    private Invoice creditNote(String status, Invoice original) {
        long invoiceId = w.invoiceSeq.incrementAndGet();
        InvoiceLine src = original.lines()[0];
        long qty = src.qtyMilli() >= 2000 ? 1000 : src.qtyMilli();
        InvoiceLine[] lines = {new InvoiceLine(w.invoiceLineSeq.incrementAndGet(), 1, src.item(), qty,
                -src.priceCents(), src.account(), 0, "Credit: " + ref.catalog.get(src.item()).description(), 0, 0)};
        int day = Math.min(ANCHOR_DAY, original.invoiceDate() + 10 + pick(60));
        return invoice(invoiceId, original.supplier(), original.currency(), status, day, original.requestedBy(),
                original.shipTo(), true, original.number(), original.invoiceDate(), lines);
    }

    private Invoice invoice(long id, int supplier, int currency, String status, int day, int requester, int shipTo,
            boolean credit, String originalNumber, int originalDate, InvoiceLine[] lines) {
        Supplier s = w.supplier(supplier);
        String prefix = s.name().substring(0, Math.min(3, s.name().length())).toUpperCase(java.util.Locale.ROOT);
        String number = (credit ? "CN-" : "") + prefix + "-" + (20_000 + id);
        long created = timeOn(day) + 86_400L * pick(3);
        long updated = later(created, 25);
        int clerk = approvers[pick(approvers.length)];
        boolean approvedLike = status.equals("approved") || status.equals("payable_adjustment")
                || status.equals("processing");
        int netDays = ref.paymentTerms.get(s.paymentTerm() - 1).netDays();
        boolean paid = status.equals("approved") && day + netDays < ANCHOR_DAY && chance(85);
        boolean exported = approvedLike && chance(80) || status.equals("voided") && chance(30);
        long[] approvalIds = invoiceApprovals(id, status, requester, created);
        int taxBp = switch (currency) {
            case 2 -> 1900;
            case 3 -> 2000;
            case 1 -> chance(50) ? 825 : 0;
            default -> 500;
        };
        long shipping = !credit && chance(15) ? (10 + pick(90)) * 100L : 0;
        String dispute = status.equals("disputed") ? ref.disputeReasons.get(pick(ref.disputeReasons.size())) : null;
        return new Invoice(id, number, supplier, currency, status, day, requester, clerk, clerk, s.paymentTerm(),
                ref.accountTypeFor(currency), shipTo, credit, originalNumber, originalDate, shipping, taxBp, paid,
                exported, dispute, lines, approvalIds, created, updated, null);
    }

    // ---------------------------------------------------------------- approvals

    private long[] invoiceApprovals(long invoiceId, String status, int requester, long created) {
        return switch (status) {
            case "pending_approval" -> chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.PENDING);
            case "approved", "payable_adjustment", "processing", "booking_hold" ->
                chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.APPROVED);
            case "rejected" -> chain("InvoiceHeader", invoiceId, requester, created, ChainOutcome.REJECTED);
            default -> new long[0];
        };
    }

    private long[] requisitionApprovals(long reqId, String status, int requester, long created) {
        return switch (status) {
            case "pending_approval" -> chain("RequisitionHeader", reqId, requester, created, ChainOutcome.PENDING);
            case "approved", "ordered", "partially_received", "received", "backgrounded" ->
                chain("RequisitionHeader", reqId, requester, created, ChainOutcome.APPROVED);
            // a rejected requisition goes back to its requester as a draft (R39 has no "rejected" requisition)
            case "draft" -> chance(25) ? chain("RequisitionHeader", reqId, requester, created, ChainOutcome.REJECTED)
                    : new long[0];
            default -> new long[0];
        };
    }

    private enum ChainOutcome { PENDING, APPROVED, REJECTED }

    /**
     * A chain of 1-3 approvers. APPROVED: all approved. PENDING: at least one still pending_approval, the ones
     * before it approved. REJECTED: approved up to the approver who rejected; the chain stops there.
     */
    private long[] chain(String type, long approvableId, int requester, long created, ChainOutcome outcome) {
        int length = 1 + pick(3);
        long chainId = w.approvalChainSeq.incrementAndGet();
        int decided = switch (outcome) {
            case APPROVED -> length;
            case PENDING -> pick(length);
            case REJECTED -> length = 1 + pick(length);
        };
        long[] ids = new long[length];
        long t = created + 3600;
        for (int p = 0; p < length; p++) {
            long id = w.approvalSeq.incrementAndGet();
            String status;
            long decidedAt = 0;
            String note = null;
            if (outcome == ChainOutcome.REJECTED && p == length - 1) {
                status = "rejected";
                t = later(t, 3);
                decidedAt = t;
                note = "Rejected: " + pick(new String[] {"over budget", "wrong cost center", "duplicate request",
                    "missing justification"});
            } else if (p < decided) {
                status = "approved";
                t = later(t, 3);
                decidedAt = t;
            } else {
                status = "pending_approval";
            }
            w.approvals.put(id, new Approval(id, type, approvableId, chainId, p + 1, status, approver(requester),
                    decidedAt, note, created, decidedAt == 0 ? created : decidedAt));
            ids[p] = id;
        }
        return ids;
    }

    // ---------------------------------------------------------------- expense reports

    private void expenseReports() {
        int n = scale.expenseReports;
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, EXPENSE_STATUSES.length);
            String status = f >= 0 ? EXPENSE_STATUSES[f] : EXPENSE_STATUSES[weighted(new int[] {8, 3, 12, 2, 15, 3,
                5, 5, 47})];
            long id = w.expenseReportSeq.incrementAndGet();
            int user = anyUser();
            User u = w.user(user);
            int day = pastDay();
            int lineCount = 1 + pick(5);
            ExpenseLine[] lines = new ExpenseLine[lineCount];
            int accountType = ref.accountTypeFor(u.defaultCurrency());
            for (int k = 0; k < lineCount; k++) {
                int category = 1 + pick(ref.expenseCategories.size());
                long amount = switch (category) {
                    case 1 -> 25_000 + pick(90_000);
                    case 2 -> 12_000 + pick(40_000);
                    case 6 -> 50_000 + pick(150_000);
                    default -> 800 + pick(9_000);
                };
                lines[k] = new ExpenseLine(w.expenseLineSeq.incrementAndGet(), k + 1, category, amount,
                        day - pick(10), pick(Names.MERCHANTS), ref.expenseCategories.get(category - 1).name(),
                        ref.travelAccount(accountType, u.department()).id());
            }
            long created = timeOn(day);
            long submitted = status.equals("draft") || status.equals("working") ? 0 : created + 7200;
            String title = pick(Names.TRIPS) + " - " + LocalDate.ofEpochDay(day).getMonth().getDisplayName(
                    java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + " " + LocalDate.ofEpochDay(day)
                            .getYear();
            w.expenseReports.put(id, new ExpenseReport(id, title, user, status, u.defaultCurrency(), submitted, lines,
                    created, later(created, 20), null));
        }
    }
}
