package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.PageTotals;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a three-way match: what was compared, then per exception type its count, amounts per currency and the
 * largest few, and what the scans covered. The text leads with one line an agent can quote.
 */
final class MatchAnswer {
    private final String selection;
    private final BigDecimal tolerance;
    private final int top;
    /** The top asked for when fewer are shown to fit the response budget; 0 otherwise. */
    private final int askedTop;

    MatchAnswer(String selection, BigDecimal tolerance, int top, int askedTop) {
        this.selection = selection;
        this.tolerance = tolerance;
        this.top = top;
        this.askedTop = askedTop;
    }

    ToolOutcome render(MatchToolHandler.Result r, boolean cached) {
        Map<String, MatchTally> types = new LinkedHashMap<>();
        types.put("over_billed", r.overBilled());
        types.put("billed_not_received", r.notReceived());
        types.put("price_variance", r.priceVariance());

        ObjectNode structured = Json.object();
        structured.put("selection", selection);
        structured.put("price_tolerance_pct", tolerance);
        structured.put("ranking", MatchTally.RULE);
        structured.putObject("compared").put("purchase_orders", r.purchaseOrders()).put("po_lines", r.poLines())
                .put("invoices", r.invoices()).put("invoice_lines", r.invoiceLines());
        ObjectNode exceptions = structured.putObject("exceptions");
        long total = 0;
        StringBuilder counts = new StringBuilder();
        StringBuilder details = new StringBuilder();
        for (Map.Entry<String, MatchTally> e : types.entrySet()) {
            MatchTally t = e.getValue();
            total += t.count;
            List<MatchTally.Finding> shown = t.ranked().subList(0, (int) Math.min(top, Math.min(t.count,
                    t.ranked().size())));
            ObjectNode node = exceptions.putObject(e.getKey());
            node.put("count", t.count);
            node.set("amounts", PageTotals.toJson(t.amounts));
            ArrayNode items = node.putArray("items");
            shown.forEach(f -> items.add(f.item()));
            String name = e.getKey().replace('_', ' ');
            counts.append(counts.isEmpty() ? "" : ", ").append(name).append(' ').append(t.count);
            if (t.count > 0) {
                counts.append(" (").append(PageTotals.describe(t.amounts)).append(')');
                details.append('\n').append(Character.toUpperCase(name.charAt(0))).append(name.substring(1))
                        .append(", largest ").append(shown.size()).append(" of ").append(t.count).append(':');
                int rank = 1;
                for (MatchTally.Finding f : shown) {
                    details.append('\n').append(rank++).append(". ").append(line(e.getKey(), f.item()));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        if (total == 0) {
            sb.append("No three-way match exceptions in ").append(selection).append('.');
        } else {
            sb.append(total).append(total == 1 ? " three-way match exception" : " three-way match exceptions")
                    .append(" in ").append(selection).append(": ").append(counts).append('.');
        }
        sb.append("\nCompared ").append(r.purchaseOrders()).append(" purchase orders (").append(r.poLines())
                .append(" lines) with ").append(r.invoices()).append(" invoices (").append(r.invoiceLines())
                .append(" lines billing them), price tolerance ").append(tolerance.stripTrailingZeros()
                        .toPlainString()).append(" %; voided and abandoned invoices do not count.");
        sb.append(details);
        if (total > 0) {
            sb.append("\nRanked by ").append(MatchTally.RULE).append(". A PO line may show under several types.");
        }
        if (askedTop > 0) {
            sb.append("\nOnly ").append(top).append(" of the top ").append(askedTop)
                    .append(" per type fit the response budget; narrow the selection to see more.");
        }
        sb.append('\n').append(ScanAnswers.coverageText(r.coverage(), cached));
        structured.set("scan", ScanAnswers.coverage(r.coverage(), cached));
        return ToolOutcome.success(structured, sb.toString());
    }

    /** "PO 4012 line 1 (Acme): billed 11, ordered 10, received 10; excess 1 = 12.00 USD; invoices ACM-20023". */
    private static String line(String type, JsonNode item) {
        StringBuilder sb = new StringBuilder("PO ").append(item.path("po_number").asString());
        if (item.has("po_line")) {
            sb.append(" line ").append(item.get("po_line").asString());
        }
        if (item.has("supplier")) {
            sb.append(" (").append(item.get("supplier").path("name").asString(
                    "supplier " + item.get("supplier").path("id").asString())).append(')');
        }
        String amount = item.path("amount").asString() + " " + item.path("currency").asString();
        if (type.equals("price_variance")) {
            sb.append(", invoice ").append(item.path("invoice_number").asString("id " + item.path("invoice_id")
                    .asString()));
            if (item.has("invoice_line")) {
                sb.append(" line ").append(item.get("invoice_line").asString());
            }
            return sb.append(": ").append(item.path("quantity").asString()).append(" at ")
                    .append(item.path("invoice_price").asString()).append(" vs PO ")
                    .append(item.path("po_price").asString()).append(" = ").append(amount).toString();
        }
        sb.append(": billed ").append(item.path("invoiced").asString());
        if (item.has("ordered")) {
            sb.append(", ordered ").append(item.get("ordered").asString());
        }
        if (item.has("received")) {
            sb.append(", received ").append(item.get("received").asString());
        }
        if (item.has("quantity")) {
            sb.append(type.equals("over_billed") ? "; beyond ordered " : "; not received ")
                    .append(item.get("quantity").asString());
        }
        sb.append(" = ").append(amount);
        List<String> numbers = new java.util.ArrayList<>();
        item.path("invoices").forEach(i -> numbers.add(i.path("number").asString("id " + i.path("id").asString())));
        if (!numbers.isEmpty()) {
            sb.append("; invoices ").append(String.join(", ", numbers));
        }
        return sb.toString();
    }
}
