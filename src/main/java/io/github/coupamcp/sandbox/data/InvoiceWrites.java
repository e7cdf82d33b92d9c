package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Invoice;
import io.github.coupamcp.sandbox.data.Model.InvoiceLine;
import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invoice create, update and actions. The state machine (documented rules; Coupa publishes only the void rule):
 * <ul>
 *   <li>{@code submit}: draft | new -> pending_approval. Needs at least one line; builds an approval chain
 *       (requester's manager, plus a finance approver above 10,000.00).</li>
 *   <li>{@code void}: Coupa's BUYER_VOIDABLE_STATUSES pending_receipt | approved | draft -> voided; a paid
 *       invoice cannot be voided.</li>
 *   <li>{@code abandon}: draft | new | invalid | rejected | disputed -> abandoned (documents that never
 *       reached, or were sent back from, approval).</li>
 *   <li>{@code dispute}: pending_approval | pending_receipt | on_hold | ap_hold | booking_hold | pending_action
 *       -> disputed. Optional {@code dispute-reason: {code}} must be one of the instance's active reason codes
 *       (default OTHER). Open approvals stay in place but cannot be acted on while disputed.</li>
 *   <li>{@code withdraw_dispute}: disputed -> pending_approval when the invoice still has open approvals,
 *       otherwise draft (the supplier must resubmit).</li>
 *   <li>Approvals: approving the last open approval moves pending_approval -> approved; rejecting any moves it
 *       to rejected (see {@link ApprovalCollection}).</li>
 * </ul>
 * Every change stamps a strictly later {@code updated-at}.
 */
final class InvoiceWrites {
    static final String KEY = "invoice_header";
    static final Set<String> SUBMITTABLE = Set.of("draft", "new");
    static final Set<String> VOIDABLE = Set.of("pending_receipt", "approved", "draft");
    static final Set<String> ABANDONABLE = Set.of("draft", "new", "invalid", "rejected", "disputed");
    static final Set<String> DISPUTABLE = Set.of("pending_approval", "pending_receipt", "on_hold", "ap_hold",
            "booking_hold", "pending_action");
    /** Purchase order statuses an invoice line may be matched against. */
    static final Set<String> INVOICEABLE_PO = Set.of("issued", "exported");

    private static final Map<String, Patches.Kind> UPDATABLE = Map.of("comments", Patches.Kind.TEXT,
            "internal-note", Patches.Kind.TEXT, "supplier-note", Patches.Kind.TEXT, "payment-notes",
            Patches.Kind.TEXT, "last-exported-at", Patches.Kind.TEXT, "payment-date", Patches.Kind.DATE);

    private final World world;
    private final NaturalKeys keys;
    private final Set<String> customFields;

    InvoiceWrites(World world, Set<String> customFields) {
        this.world = world;
        this.keys = new NaturalKeys(world);
        this.customFields = customFields;
    }

    // ------------------------------------------------------------------ create

    /** Validates and creates; returns the new invoice, or null after filling errors. Call under the lock. */
    Invoice create(ObjectNode body, Errors errors) {
        String number = Bodies.text(body, "invoice-number");
        if (number == null) {
            errors.add("Invoice number can't be blank");
        } else if (number.length() > 40) {
            errors.add("Invoice number is too long (maximum is 40 characters)");
        }
        Integer day = date(body, "invoice-date", errors, true);
        int supplier = supplier(body, errors);
        int currency = errors.check(keys.currency(body.get("currency")), "");
        if (currency == 0 && !Bodies.present(body, "currency")) {
            errors.add("Currency can't be blank");
        }
        int requester = errors.check(keys.user(body.get("requested-by")), "Requested by: ");
        int term = errors.check(keys.paymentTerm(body.get("payment-term")), "");
        int shipTo = errors.check(keys.address(body.get("ship-to-address")), "Ship to address: ");
        int accountType = errors.check(keys.accountType(body.get("account-type")), "");
        boolean credit = bool(body, "is-credit-note", errors);
        String original = Bodies.text(body, "original-invoice-number");
        Integer originalDay = date(body, "original-invoice-date", errors, false);
        if (credit && original == null) {
            errors.add("Original invoice number can't be blank for a credit note");
        }
        if (credit && originalDay == null && !Bodies.present(body, "original-invoice-date")) {
            errors.add("Original invoice date can't be blank for a credit note");
        }
        Long shipping = money(body, "shipping-amount", errors);
        List<LineInput> lines = lines(body, supplier, currency, errors);
        if (supplier != 0 && number != null && world.invoiceByNumber.containsKey(World.invoiceKey(supplier, number))) {
            errors.add("Invoice number '" + number + "' has already been used for supplier '"
                    + keys.supplierName(supplier) + "'");
        }
        if (errors.any()) {
            return null;
        }
        Supplier s = world.supplier(supplier);
        User u = world.user(requester);
        int type = accountType != 0 ? accountType : world.ref.accountTypeFor(currency);
        long id = world.invoiceSeq.incrementAndGet();
        InvoiceLine[] invoiceLines = new InvoiceLine[lines.size()];
        for (int i = 0; i < invoiceLines.length; i++) {
            LineInput l = lines.get(i);
            long orderLineId = l.raw().path("order-line-id").asLong(0);
            int account = l.account() != 0 ? l.account() : defaultAccount(u, type, l, orderLineId);
            invoiceLines[i] = new InvoiceLine(world.invoiceLineSeq.incrementAndGet(), i + 1, l.item(), l.qtyMilli(),
                    l.priceCents(), account, orderLineId, l.description(), l.uom(), l.commodity());
        }
        long now = world.stamp(0);
        int creator = requester != 0 ? requester : 1;
        Invoice inv = new Invoice(id, number, supplier, currency, "draft", day, requester, creator, creator,
                term != 0 ? term : s.paymentTerm(), type,
                shipTo != 0 ? shipTo : u != null ? u.defaultAddress() : 1, credit, original,
                originalDay == null ? 0 : originalDay, shipping == null ? 0 : shipping, 0, false, false, null,
                invoiceLines, new long[0], now, now, null);
        world.invoices.put(id, inv);
        world.invoiceByNumber.put(World.invoiceKey(supplier, number), id);
        for (InvoiceLine l : invoiceLines) {
            if (l.orderLineId() != 0) {
                addInvoiced(l.orderLineId(), Formats.lineTotal(l));
            }
        }
        return inv;
    }

    /** Keeps the PO line's invoiced amount equal to the invoice lines matched to it. */
    private void addInvoiced(long orderLineId, long cents) {
        Order o = world.orders.get(world.orderLineToOrder.get(orderLineId));
        OrderLine[] lines = o.lines().clone();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].id() == orderLineId) {
                lines[i] = ProcurementGenerator.withInvoiced(lines[i], lines[i].invoicedCents() + cents);
            }
        }
        world.orders.put(o.id(), o.with(o.status(), o.transmission(), o.exported(), lines, world.stamp(o.updatedAt()),
                o.patch()));
    }

    private int supplier(ObjectNode body, Errors errors) {
        NaturalKeys.Found found = keys.supplier(body.get("supplier"));
        if (found.absent()) {
            errors.add("Supplier can't be blank");
            return 0;
        }
        int id = errors.check(found, "");
        if (id != 0 && world.supplier(id).status().equals("inactive")) {
            errors.add("Supplier '" + keys.supplierName(id) + "' is inactive");
            return 0;
        }
        return id;
    }

    private List<LineInput> lines(ObjectNode body, int supplier, int currency, Errors errors) {
        JsonNode arr = body.get("invoice-lines");
        List<LineInput> out = new ArrayList<>();
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            errors.add("Invoice must have at least one line");
            return out;
        }
        int n = 0;
        for (JsonNode line : arr) {
            n++;
            LineInput in = LineInput.parse(line, n, LineInput.INVOICE, keys, world.ref, errors);
            if (in == null) {
                continue;
            }
            int lineCurrency = errors.check(keys.currency(line.get("currency")), "Line " + n + ": ");
            if (lineCurrency != 0 && currency != 0 && lineCurrency != currency) {
                errors.add("Line " + n + ": Currency must match the invoice currency");
            }
            checkOrderLine(line, n, supplier, currency, errors);
            out.add(in);
        }
        return out;
    }

    /** An invoice line matched to a PO line must point at an invoiceable PO of the same supplier and currency. */
    private void checkOrderLine(JsonNode line, int n, int supplier, int currency, Errors errors) {
        JsonNode ref = line.get("order-line-id");
        if (ref == null || ref.isNull()) {
            return;
        }
        String p = "Line " + n + ": ";
        long id = ref.asLong(0);
        Long orderId = id > 0 ? world.orderLineToOrder.get(id) : null;
        Order o = orderId == null ? null : world.orders.get(orderId);
        if (o == null) {
            errors.add(p + "Order line " + ref.asString() + " not found");
        } else if (supplier != 0 && o.supplier() != supplier) {
            errors.add(p + "Order line " + id + " belongs to purchase order " + OrderRenderer.poNumber(o.id())
                    + " of another supplier");
        } else if (currency != 0 && o.currency() != currency) {
            errors.add(p + "Order line " + id + " is in " + world.ref.currency(o.currency()).code()
                    + ", not the invoice currency");
        } else if (!INVOICEABLE_PO.contains(o.status())) {
            errors.add(p + "Purchase order " + OrderRenderer.poNumber(o.id()) + " is " + o.status()
                    + " and cannot be invoiced");
        }
    }

    private int defaultAccount(User u, int accountType, LineInput l, long orderLineId) {
        Long orderId = orderLineId == 0 ? null : world.orderLineToOrder.get(orderLineId);
        if (orderId != null) {
            for (OrderLine ol : world.orders.get(orderId).lines()) {
                if (ol.id() == orderLineId) {
                    return ol.account();
                }
            }
        }
        int dept = u != null ? u.department() : 1;
        int commodity = l.commodity() != 0 ? l.commodity() : world.ref.catalog.get(l.item()).commodity();
        return world.ref.account(accountType, dept, commodity).id();
    }

    private static Integer date(ObjectNode body, String key, Errors errors, boolean required) {
        String t = Bodies.text(body, key);
        if (t == null) {
            if (required) {
                errors.add(Bodies.label(key) + " can't be blank");
            }
            return null;
        }
        try {
            return Bodies.day(t);
        } catch (DateTimeParseException e) {
            errors.add(Bodies.label(key) + " is not a valid date");
            return null;
        }
    }

    private static boolean bool(ObjectNode body, String key, Errors errors) {
        try {
            return Boolean.TRUE.equals(Bodies.bool(body, key));
        } catch (IllegalArgumentException e) {
            errors.add(Bodies.label(key) + " must be true or false");
            return false;
        }
    }

    private static Long money(ObjectNode body, String key, Errors errors) {
        try {
            return Bodies.cents(body, key);
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(Bodies.label(key) + " is not a number");
            return null;
        }
    }

    // ------------------------------------------------------------------ update

    /** PUT: plain fields, custom fields, and the exported / paid flags. Status changes only through actions. */
    Invoice update(Invoice inv, ObjectNode body, Errors errors) {
        if (body.has("status")) {
            errors.add("Status can't be changed with an update; use the submit, void, abandon or dispute actions");
            return null;
        }
        Boolean exported = flag(body, "exported", errors);
        Boolean paid = flag(body, "paid", errors);
        Map<String, tools.jackson.databind.JsonNode> patch = Patches.apply(inv.patch(), body, UPDATABLE,
                customFields, errors);
        if (errors.any()) {
            return null;
        }
        return copy(inv, inv.status(), inv.approvals(), inv.disputeReason(),
                paid != null ? paid : inv.paid(), exported != null ? exported : inv.exported(), patch);
    }

    private static Boolean flag(ObjectNode body, String key, Errors errors) {
        try {
            return Bodies.bool(body, key);
        } catch (IllegalArgumentException e) {
            errors.add(Bodies.label(key) + " must be true or false");
            return null;
        }
    }

    // ------------------------------------------------------------------ actions

    /** Runs an action; returns the changed invoice or null after filling errors. Call under the lock. */
    Invoice action(Invoice inv, String action, ObjectNode body, Errors errors) {
        String status = inv.status();
        switch (action) {
            case "submit":
                if (!SUBMITTABLE.contains(status)) {
                    return refuse(errors, "submitted", status);
                }
                long[] chain = Approvals.newChain(world, "InvoiceHeader", inv.id(),
                        inv.requestedBy() != 0 ? inv.requestedBy() : inv.createdBy(), InvoiceRenderer.totalCents(inv),
                        world.stamp(inv.updatedAt()));
                return copy(inv, ApprovalFlow.PENDING, Approvals.concat(inv.approvals(), chain), null, inv.paid(),
                        inv.exported(), inv.patch());
            case "void":
                if (!VOIDABLE.contains(status)) {
                    return refuse(errors, "voided", status);
                }
                if (inv.paid()) {
                    errors.add("A paid invoice cannot be voided");
                    return null;
                }
                return withStatus(inv, "voided");
            case "abandon":
                if (!ABANDONABLE.contains(status)) {
                    return refuse(errors, "abandoned", status);
                }
                return withStatus(inv, "abandoned");
            case "dispute":
                return dispute(inv, body, errors);
            case "withdraw_dispute":
                if (!status.equals("disputed")) {
                    errors.add("Only a disputed invoice can have its dispute withdrawn (status is " + status + ")");
                    return null;
                }
                String next = hasOpenApprovals(inv) ? ApprovalFlow.PENDING : "draft";
                return copy(inv, next, inv.approvals(), null, inv.paid(), inv.exported(), inv.patch());
            default:
                throw new IllegalArgumentException(action);
        }
    }

    private Invoice dispute(Invoice inv, ObjectNode body, Errors errors) {
        if (!DISPUTABLE.contains(inv.status())) {
            return refuse(errors, "disputed", inv.status());
        }
        JsonNode header = body.has("invoice-header") ? body.get("invoice-header") : body;
        JsonNode reason = header.path("dispute-reason");
        String code = reason.isObject() ? Bodies.text(reason, "code") : reason.isString() ? reason.asString() : null;
        if (code == null) {
            code = "OTHER";
        }
        String normalized = code.trim().toUpperCase(java.util.Locale.ROOT);
        if (!world.ref.disputeReasons.contains(normalized)) {
            errors.add("Dispute reason '" + code + "' is not a valid, active dispute reason");
            return null;
        }
        return copy(inv, "disputed", inv.approvals(), normalized, inv.paid(), inv.exported(), inv.patch());
    }

    private boolean hasOpenApprovals(Invoice inv) {
        for (long id : inv.approvals()) {
            Model.Approval a = world.approvals.get(id);
            if (a != null && ApprovalFlow.isUndecided(a.status())) {
                return true;
            }
        }
        return false;
    }

    private static Invoice refuse(Errors errors, String verb, String status) {
        errors.add("Invoice cannot be " + verb + " when its status is " + status);
        return null;
    }

    Invoice withStatus(Invoice inv, String status) {
        return copy(inv, status, inv.approvals(), inv.disputeReason(), inv.paid(), inv.exported(), inv.patch());
    }

    /** A changed copy with a strictly later updated-at; also stored in the world. */
    Invoice copy(Invoice inv, String status, long[] approvals, String dispute, boolean paid, boolean exported,
            Map<String, JsonNode> patch) {
        Invoice out = new Invoice(inv.id(), inv.number(), inv.supplier(), inv.currency(), status, inv.invoiceDate(),
                inv.requestedBy(), inv.createdBy(), inv.updatedBy(), inv.paymentTerm(), inv.accountType(),
                inv.shipTo(), inv.creditNote(), inv.originalNumber(), inv.originalDate(), inv.shippingCents(),
                inv.taxRateBp(), paid, exported, dispute, inv.lines(), approvals, inv.createdAt(),
                world.stamp(inv.updatedAt()), patch);
        world.invoices.put(out.id(), out);
        return out;
    }
}
