package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sums a money field of compact records per currency code; amounts are decimal strings, summed exactly. */
public final class PageTotals {
    private PageTotals() {}

    /** Currency code to sum; records without amount or currency are left out. Sorted by currency code. */
    public static Map<String, BigDecimal> sum(List<ObjectNode> items, String amountKey, String currencyKey) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (ObjectNode item : items) {
            JsonNode amount = item.get(amountKey);
            JsonNode currency = item.get(currencyKey);
            if (amount == null || currency == null || !currency.isString()) {
                continue;
            }
            try {
                totals.merge(currency.asString(), new BigDecimal(amount.asString()), BigDecimal::add);
            } catch (NumberFormatException e) {
                // a non-numeric amount cannot be totalled; the record itself still carries it
            }
        }
        return totals;
    }

    public static ObjectNode toJson(Map<String, BigDecimal> totals) {
        ObjectNode node = Json.object();
        totals.forEach((currency, amount) -> node.put(currency, amount.toPlainString()));
        return node;
    }

    /** "1234.50 USD, 99.00 EUR". */
    public static String describe(Map<String, BigDecimal> totals) {
        StringBuilder sb = new StringBuilder();
        totals.forEach((currency, amount) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(amount.toPlainString()).append(' ').append(currency);
        });
        return sb.toString();
    }
}
