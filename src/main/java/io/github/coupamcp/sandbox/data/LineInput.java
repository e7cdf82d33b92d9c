package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import tools.jackson.databind.JsonNode;

/**
 * One document line parsed from a write payload (invoice or requisition line), shared validation: a description
 * or catalog item, a price, a quantity for quantity lines, and existing uom / commodity / account references.
 * Messages are prefixed with the line number, as Coupa does for line errors.
 */
record LineInput(int item, String description, long qtyMilli, long priceCents, int uom, int commodity,
        int account, JsonNode raw) {

    /** Field names that differ between invoice lines and requisition lines. */
    record Fields(String type, String amountType, String price) {}

    static final Fields INVOICE = new Fields("type", "InvoiceAmountLine", "price");
    static final Fields REQUISITION = new Fields("line-type", "RequisitionAmountLine", "unit-price");

    /** Parses line {@code n} (1-based); returns null and adds messages to errors when invalid. */
    static LineInput parse(JsonNode line, int n, Fields f, NaturalKeys keys, ReferenceData ref, Errors errors) {
        String p = "Line " + n + ": ";
        int before = errorCount(errors);
        if (!line.isObject()) {
            errors.add(p + "must be an object");
            return null;
        }
        NaturalKeys.Found itemRef = keys.item(line.get("item"));
        int itemId = errors.check(itemRef, p);
        String description = Bodies.text(line, "description");
        if (description == null && itemId == 0 && itemRef.absent()) {
            errors.add(p + "Description can't be blank");
        }
        boolean amountLine = f.amountType().equals(Bodies.text(line, f.type()));
        CatalogItem catalogItem = itemId > 0 ? ref.catalog.get(itemId - 1) : null;
        if (catalogItem != null) {
            amountLine = catalogItem.amountLine();
        }
        Long price = decimal(line, f.price(), p, errors, true);
        Long qty = amountLine ? Long.valueOf(1000) : decimal(line, "quantity", p, errors, false);
        if (!amountLine && qty == null && !Bodies.present(line, "quantity")) {
            errors.add(p + "Quantity can't be blank");
        } else if (qty != null && qty <= 0) {
            errors.add(p + "Quantity must be greater than 0");
        }
        if (price == null && catalogItem == null && !Bodies.present(line, f.price())) {
            errors.add(p + Bodies.label(f.price()) + " can't be blank");
        }
        int uom = errors.check(keys.uom(line.get("uom")), p);
        int commodity = errors.check(keys.commodity(line.get("commodity")), p);
        int account = errors.check(keys.account(line.get("account")), p);
        if (errorCount(errors) > before) {
            return null;
        }
        int item = catalogItem != null ? catalogItem.index()
                : amountLine ? ReferenceData.FREE_FORM_AMOUNT : ReferenceData.FREE_FORM_QUANTITY;
        long priceCents = price != null ? price : catalogItem.priceCents();
        if (amountLine) {
            // an amount line carries its amount in the price field; quantity is implied 1
            qty = 1000L;
        }
        return new LineInput(item, description, qty, priceCents, uom, commodity,
                account, line);
    }

    private static Long decimal(JsonNode line, String key, String prefix, Errors errors, boolean money) {
        try {
            return money ? Bodies.cents(line, key) : Bodies.milli(line, key);
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(prefix + Bodies.label(key) + " is not a number");
            return null;
        }
    }

    private static int errorCount(Errors errors) {
        return errors.count();
    }
}
