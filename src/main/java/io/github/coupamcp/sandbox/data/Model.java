package io.github.coupamcp.sandbox.data;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The compact records the sandbox keeps in memory. Everything heavy (nested suppliers, users, accounts...)
 * is referenced by small ints and rendered on demand, so a LARGE data set fits in a modest heap.
 * Records are immutable: a write replaces the record under the store's write lock, readers never lock.
 * Money is in cents, quantities in thousandths, instants in epoch seconds, dates in epoch days.
 * {@code patch} holds plain fields changed by PUT (and custom fields), overlaid when rendering; null if none.
 */
final class Model {
    private Model() {}

    // ---- reference data (never written through the API) ----
    record Country(int id, String code, String name) {}

    record Currency(int id, String code, String name, String symbol, int decimals) {}

    record PaymentTerm(int id, String code, String description, String type, int netDays, int discountDays,
            String discountRate) {}

    record AccountType(int id, String name, int currency, String legalEntity, int address) {}

    record Account(int id, int type, String code, String name, String seg1, String seg2, String seg3) {}

    record Uom(int id, String code, String name, int precision) {}

    record Commodity(int id, String name, String category) {}

    record Department(int id, String name) {}

    record Address(int id, String name, String locationCode, String street1, String city, String state,
            String postalCode, int country) {}

    /** What is bought: drives line descriptions, commodity, unit of measure and typical price. */
    record CatalogItem(int index, String description, int commodity, int uom, long priceCents, boolean amountLine,
            String partNumber) {}

    record ExpenseCategory(int id, String name) {}

    // ---- master data ----
    record User(int id, String login, String email, String firstname, String lastname, String employeeNumber,
            int department, int manager, int defaultAddress, int defaultAccount, int defaultCurrency,
            boolean active, long createdAt, long updatedAt, Map<String, JsonNode> patch) {}

    record Supplier(int id, String name, String number, String status, String poMethod, String matchingLevel,
            int paymentTerm, int currency, String contactGiven, String contactFamily, String contactEmail,
            String phone, String street1, String city, String state, String postalCode, int country,
            String taxId, String duns, String website, boolean onHold, int createdBy, int updatedBy,
            long createdAt, long updatedAt, Map<String, JsonNode> patch) {
        long longId() {
            return id;
        }
    }

    // ---- documents ----
    /** A priced quantity (document line or receipt): what its total is computed from. */
    interface Priced {
        long priceCents();

        long qtyMilli();
    }

    /** uom/commodity 0 = the catalog item's; set for free-form lines created through the API. */
    record InvoiceLine(long id, int lineNum, int item, long qtyMilli, long priceCents, int account,
            long orderLineId, String description, int uom, int commodity) implements Priced {}

    record Invoice(long id, String number, int supplier, int currency, String status, int invoiceDate,
            int requestedBy, int createdBy, int updatedBy, int paymentTerm, int accountType, int shipTo,
            boolean creditNote, String originalNumber, int originalDate, long shippingCents, int taxRateBp,
            boolean paid, boolean exported, String disputeReason, InvoiceLine[] lines, long[] approvals,
            long createdAt, long updatedAt, Map<String, JsonNode> patch) {}

    record OrderLine(long id, long orderId, int lineNum, int item, long qtyMilli, long priceCents, int account,
            long receivedMilli, long invoicedCents, boolean receiptRequired, long requisitionLineId,
            int needBy) implements Priced {}

    record Order(long id, int supplier, int currency, String status, String transmission, int requester,
            int createdBy, int updatedBy, int shipTo, int paymentTerm, long requisitionId, int version,
            boolean exported, OrderLine[] lines, long createdAt, long updatedAt, Map<String, JsonNode> patch) {
        /** The same order with a changed state; identity, parties and creation are kept. */
        Order with(String newStatus, String newTransmission, boolean newExported, OrderLine[] newLines,
                long newUpdatedAt, Map<String, JsonNode> newPatch) {
            return new Order(id, supplier, currency, newStatus, newTransmission, requester, createdBy, updatedBy,
                    shipTo, paymentTerm, requisitionId, version, newExported, newLines, createdAt, newUpdatedAt,
                    newPatch);
        }
    }

    record Receipt(long id, long orderId, long orderLineId, long qtyMilli, long priceCents, int currency,
            int account, int item, int transactionDate, int createdBy, String status, long createdAt,
            long updatedAt) implements Priced {}

    record RequisitionLine(long id, int lineNum, int item, long qtyMilli, long priceCents, int supplier,
            int account, int currency, long orderLineId, int needBy, String description, int uom, int commodity)
            implements Priced {}

    record Requisition(long id, String status, int requestedBy, int department, int shipTo, int currency,
            String title, String justification, int needBy, long submittedAt, RequisitionLine[] lines,
            long[] approvals, long createdAt, long updatedAt, Map<String, JsonNode> patch) {}

    record Approval(long id, String approvableType, long approvableId, long chainId, int position,
            String status, int approver, long approvalDate, String note, long createdAt, long updatedAt) {}

    record Contract(long id, String name, String number, int supplier, int currency, String status,
            int startDay, int endDay, long maxCents, int owner, int paymentTerm, String termType,
            long createdAt, long updatedAt, Map<String, JsonNode> patch) {}

    record ExpenseLine(long id, int lineNum, int category, long amountCents, int expenseDate, String merchant,
            String description, int account) {}

    record ExpenseReport(long id, String title, int expensedBy, String status, int currency,
            long submittedAt, ExpenseLine[] lines, long createdAt, long updatedAt, Map<String, JsonNode> patch) {}
}
