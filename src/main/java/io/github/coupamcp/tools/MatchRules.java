package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-PO-line exception rules, applied once every invoice billing the line has been folded: over-billed (billed
 * beyond the ordered quantity, or beyond the line's total for an amount line) and billed-not-received (a
 * receipt-required quantity line billed beyond what was received). Amounts are the excess times the PO price.
 */
final class MatchRules {
    private MatchRules() {}

    /** Adds the line's exceptions, if any, to the two tallies. */
    static void check(MatchOrders.Line line, MatchBilling.LineBilling billed, MatchTally overBilled,
            MatchTally notReceived) {
        if (line.byQuantity()) {
            BigDecimal excess = billed.quantity.subtract(line.ordered());
            if (excess.signum() > 0) {
                overBilled.add(quantityFinding(line, billed, excess));
            }
            BigDecimal received = line.received() == null ? BigDecimal.ZERO : line.received();
            BigDecimal unreceived = billed.quantity.subtract(received);
            if (line.receiptRequired() && unreceived.signum() > 0) {
                notReceived.add(quantityFinding(line, billed, unreceived));
            }
        } else if (line.total() != null && billed.amount.compareTo(line.total()) > 0) {
            ObjectNode item = item(line);
            item.set("invoices", Json.array().addAll(billed.invoices));
            item.put("invoiced", plain(billed.amount));
            overBilled.add(finding(item, money(billed.amount.subtract(line.total())), line, 0));
        }
    }

    private static MatchTally.Finding quantityFinding(MatchOrders.Line line, MatchBilling.LineBilling billed,
            BigDecimal quantity) {
        ObjectNode item = item(line);
        item.set("invoices", Json.array().addAll(billed.invoices));
        item.put("ordered", plain(line.ordered()));
        if (line.received() != null) {
            item.put("received", plain(line.received()));
        }
        item.put("invoiced", plain(billed.quantity));
        item.put("po_price", plain(line.price()));
        item.put("quantity", plain(quantity));
        return finding(item, money(quantity.multiply(line.price())), line, 0);
    }

    /** The PO line's part of an exception. */
    static ObjectNode item(MatchOrders.Line line) {
        ObjectNode item = Json.object().put("po_number", line.poNumber());
        if (line.lineNum() != null) {
            item.put("po_line", line.lineNum());
        }
        item.put("po_line_id", line.id());
        if (line.supplierId() > 0) {
            ObjectNode supplier = item.putObject("supplier").put("id", line.supplierId());
            if (line.supplierName() != null) {
                supplier.put("name", line.supplierName());
            }
        }
        return item;
    }

    static MatchTally.Finding finding(ObjectNode item, BigDecimal amount, MatchOrders.Line line, long invoiceLineId) {
        String currency = line.currency() == null ? "(none)" : line.currency();
        item.put("amount", amount.toPlainString());
        item.put("currency", currency);
        return new MatchTally.Finding(item, amount, currency, line.id(), invoiceLineId);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** A quantity or price without trailing zeros: "10", "12.5". */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
