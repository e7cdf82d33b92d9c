package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.InvoiceLine;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Invoices: about two thirds matched line by line to uninvoiced lines of an issued or closed PO (same supplier
 * and currency, PO lines' invoiced amounts updated), the rest non-PO, about 6% credit notes against an earlier
 * approved invoice. Every R39 status is forced to occur. A PO invoice bills what was received (receipt-required
 * lines) or ordered, at the PO price, except a few that bill more than ordered or above the PO price.
 */
final class InvoiceGenerator extends GeneratorPart {
    private static final int[] INVOICE_WEIGHTS = {3, 3, 6, 3, 5, 3, 2, 4, 12, 2, 3, 40, 3, 3, 2, 1};
    /** PO invoices billing one unit more than ordered on their first line: over-billed (three-way match). */
    static final int OVER_BILLED_EVERY = 23;
    /** PO invoices billing their first line 3 % above the PO price: a price variance. */
    static final int PRICE_VARIANCE_EVERY = 17;
    private final ApprovalChainGenerator approvals;

    InvoiceGenerator(World world, Scale scale, SplittableRandom rnd, State state,
            ApprovalChainGenerator approvals) {
        super(world, scale, rnd, state);
        this.approvals = approvals;
    }

    void invoices() {
        int n = scale.invoices;
        List<Invoice> creditable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, Generator.INVOICE_STATUSES.length);
            String status = Generator.INVOICE_STATUSES[f >= 0 ? f : weighted(INVOICE_WEIGHTS)];
            Invoice inv;
            if (!creditable.isEmpty() && chance(6)) {
                inv = creditNote(status, creditable.get(pick(creditable.size())));
            } else if (chance(65) && !state.invoiceablePos.isEmpty()) {
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
        int slot = pick(state.invoiceablePos.size());
        long orderId = state.invoiceablePos.get(slot);
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
            long price = ol.priceCents();
            if (lines.isEmpty() && !ref.catalog.get(ol.item()).amountLine()) {
                // a few match exceptions, decided by id so no random draw (and no other record) changes
                if (invoiceId % OVER_BILLED_EVERY == 0) {
                    qty = ol.qtyMilli() + 1000;
                } else if (invoiceId % PRICE_VARIANCE_EVERY == 0) {
                    price += Math.max(1, price * 3 / 100);
                }
            }
            lines.add(new InvoiceLine(w.invoiceLineSeq.incrementAndGet(), lines.size() + 1, ol.item(), qty,
                    price, ol.account(), ol.id(), null, 0, 0));
            orderLines[k] = ProcurementGenerator.withInvoiced(ol, Formats.lineTotal(price, qty));
        }
        // every line of this PO is invoiced now: stop matching further invoices against it
        state.invoiceablePos.set(slot, state.invoiceablePos.get(state.invoiceablePos.size() - 1));
        state.invoiceablePos.remove(state.invoiceablePos.size() - 1);
        if (lines.isEmpty()) {
            return null;
        }
        w.orders.put(orderId, o.with(o.status(), o.transmission(), o.exported(), orderLines, o.updatedAt(), o.patch()));
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
        int clerk = state.approvers[pick(state.approvers.length)];
        boolean approvedLike = status.equals("approved") || status.equals("payable_adjustment")
                || status.equals("processing");
        int netDays = ref.paymentTerms.get(s.paymentTerm() - 1).netDays();
        boolean paid = status.equals("approved") && day + netDays < ANCHOR_DAY && chance(85);
        boolean exported = approvedLike && chance(80) || status.equals("voided") && chance(30);
        long[] approvalIds = approvals.invoiceApprovals(id, status, requester, created);
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
}
