package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds the purchase orders a match selects into their lines: what was ordered, at what price, and what was
 * received. {@code received} is Coupa's own running total of the line's receiving transactions (what
 * get_purchase_order shows per line), so receipts need no requests of their own.
 */
final class MatchOrders implements Fold<MatchOrders.Orders> {
    static final Fields FIELDS = Fields.parse("[\"id\", \"po-number\", {\"currency\": [\"code\"]}, "
            + "{\"supplier\": [\"id\", \"name\"]}, {\"order-lines\": [\"id\", \"line-num\", \"quantity\", \"price\", "
            + "\"total\", \"received\", \"receipt-required\"]}]");

    /** One PO line; {@code ordered} is null for an amount line (billed by amount, not quantity). */
    record Line(long id, String poNumber, String lineNum, long supplierId, String supplierName, String currency,
            BigDecimal ordered, BigDecimal price, BigDecimal total, BigDecimal received, boolean receiptRequired) {
        boolean byQuantity() {
            return ordered != null && price != null;
        }
    }

    /** The selected orders' lines by id, and their PO numbers (which select the invoices billing them). */
    static final class Orders {
        final Map<Long, Line> lines = new HashMap<>();
        final List<String> poNumbers = new ArrayList<>();
    }

    @Override
    public Orders newAccumulator() {
        return new Orders();
    }

    @Override
    public void accept(Orders orders, ObjectNode po) {
        String poNumber = text(po, "po-number");
        if (poNumber == null) {
            return; // nothing can bill an order without a number
        }
        orders.poNumbers.add(poNumber);
        String currency = text(po, "currency.code");
        JsonNode supplier = SummaryFold.at(po, "supplier");
        long supplierId = supplier == null ? 0 : supplier.path("id").asLong(0);
        String supplierName = supplier == null ? null : text(supplier, "name");
        JsonNode lines = SummaryFold.at(po, "order-lines");
        if (lines == null) {
            return;
        }
        for (JsonNode l : lines) {
            long id = l.path("id").asLong(0);
            if (id > 0) {
                orders.lines.put(id, new Line(id, poNumber, text(l, "line-num"), supplierId, supplierName, currency,
                        decimal(l, "quantity"), decimal(l, "price"), decimal(l, "total"), decimal(l, "received"),
                        SummaryFold.at(l, "receipt-required") != null
                                && SummaryFold.at(l, "receipt-required").asBoolean(false)));
            }
        }
    }

    @Override
    public Orders merge(Orders left, Orders right) {
        left.lines.putAll(right.lines);
        left.poNumbers.addAll(right.poNumbers);
        return left;
    }

    static String text(JsonNode node, String path) {
        JsonNode n = SummaryFold.at(node, path);
        return n == null || n.isContainer() || n.asString().isBlank() ? null : n.asString();
    }

    /** A decimal field, or null when absent or not a number. */
    static BigDecimal decimal(JsonNode node, String path) {
        String t = text(node, path);
        if (t == null) {
            return null;
        }
        try {
            return new BigDecimal(t.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
