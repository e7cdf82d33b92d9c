package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.PageTotals;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a supplier profile: structured parts (amounts per currency, never converted) and a text whose first line
 * is the whole profile in one sentence, then the newest open orders, the months with invoices and the contracts
 * ending soonest, then what the scans covered.
 */
final class SupplierProfileAnswer {
    private SupplierProfileAnswer() {}

    static ToolOutcome render(SupplierProfileHandler.Profile p, ScanCoverage coverage, boolean cached) {
        ObjectNode out = Json.object();
        ObjectNode s = out.putObject("supplier");
        JsonNode r = p.supplier();
        s.put("id", r.get("id").asLong());
        for (String key : List.of("name", "number", "status", "po-method", "invoice-matching-level")) {
            String v = r.path(key).asString(null);
            if (v != null && !v.isBlank()) {
                s.put(key.replace('-', '_'), v);
            }
        }
        String term = r.path("payment-term").path("code").asString(null);
        if (term != null) {
            s.put("payment_term", term);
        }

        ObjectNode orders = out.putObject("open_orders");
        orders.put("statuses", String.join(", ", SupplierProfileHandler.OPEN_ORDER_STATUSES));
        orders.put("count", p.orders().tallies.overall.count);
        putSums(orders, "totals", p.orders().tallies.overall.sums.get(0));
        ArrayNode recent = orders.putArray("recent");
        for (ObjectNode o : p.orders().kept) {
            ObjectNode item = recent.addObject();
            item.put("id", o.get("id").asLong());
            putText(item, "po_number", o.path("po-number"));
            putText(item, "status", o.path("status"));
            String created = o.path("created-at").asString("");
            if (created.length() >= 10) {
                item.put("created", created.substring(0, 10));
            }
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode line : o.path("order-lines")) {
                total = total.add(new BigDecimal(line.path("total").asString("0")));
            }
            item.put("total", total.setScale(Math.max(2, total.scale())).toPlainString());
            putText(item, "currency", o.path("currency").path("code"));
        }

        ObjectNode invoices = out.putObject("invoices_by_month");
        invoices.put("from", p.from().toString());
        invoices.put("to", p.to().toString());
        invoices.put("count", p.invoices().overall.count);
        putSums(invoices, "totals", p.invoices().overall.sums.get(0));
        ArrayNode months = invoices.putArray("months");
        StringBuilder byMonth = new StringBuilder();
        for (YearMonth m = p.from(); !m.isAfter(p.to()); m = m.plusMonths(1)) {
            GroupTally g = p.invoices().groups.get(m.toString());
            ObjectNode month = months.addObject();
            month.put("month", m.toString());
            month.put("count", g == null ? 0 : g.count);
            if (g != null) {
                putSums(month, "totals", g.sums.get(0));
            }
            if (g != null) {
                byMonth.append(byMonth.length() == 0 ? "" : "; ").append(m).append(": ").append(g.count)
                        .append(amounts(g.sums.get(0)));
            }
        }

        ObjectNode due = out.putObject("amount_due");
        due.put("rule", "amount due of every invoice not marked paid (paid=false), any date, in a status that is owed "
                + "(those invoice_aging counts by default)");
        due.put("count", p.due().overall.count);
        putSums(due, "amount_due", p.due().overall.sums.get(0));

        ObjectNode contracts = out.putObject("contracts");
        StringBuilder contractText = new StringBuilder();
        if (p.contracts() == null) {
            contracts.put("unavailable", "the OAuth client may not read contracts (scope " + SupplierProfileHandler.CONTRACT_SCOPE + ")");
        } else {
            contracts.put("count", p.contracts().tallies.overall.count);
            contracts.put("current", p.contracts().eligible);
            ArrayNode soonest = contracts.putArray("soonest_ending");
            for (ObjectNode c : p.contracts().kept) {
                ObjectNode item = soonest.addObject();
                item.put("id", c.get("id").asLong());
                putText(item, "name", c.path("name"));
                putText(item, "number", c.path("number"));
                putText(item, "status", c.path("status"));
                String end = SupplierProfileHandler.endDate(c);
                if (end != null) {
                    item.put("end_date", end);
                }
                contractText.append(contractText.length() == 0 ? "" : "; ").append(c.path("name")
                        .asString("contract " + c.get("id"))).append(" (id ").append(c.get("id").asLong()).append(") ")
                        .append(end == null ? "without end date" : "ends " + end);
            }
        }
        out.set("scan", ScanAnswers.coverage(coverage, cached));

        StringBuilder text = new StringBuilder();
        text.append(s.path("name").asString()).append(" (supplier ").append(s.get("id").asLong());
        for (String key : List.of("number", "status", "payment_term")) {
            if (s.has(key)) {
                text.append(", ").append(s.get(key).asString());
            }
        }
        text.append("): ").append(count(p.orders().tallies.overall.count, "open purchase order"))
                .append(amounts(p.orders().tallies.overall.sums.get(0))).append("; ")
                .append(count(p.invoices().overall.count, "invoice")).append(" dated ").append(p.from())
                .append(" to ").append(p.to()).append(amounts(p.invoices().overall.sums.get(0))).append("; amount due ")
                .append(p.due().overall.sums.get(0).isEmpty() ? "none" : PageTotals.describe(p.due().overall.sums
                        .get(0))).append(" on ").append(count(p.due().overall.count, "unpaid invoice")).append("; ")
                .append(p.contracts() == null ? "contracts not readable: the OAuth client lacks " + SupplierProfileHandler.CONTRACT_SCOPE
                        : count(p.contracts().tallies.overall.count, "contract") + ", " + p.contracts().eligible
                                + " not ended").append('.');
        if (!p.orders().kept.isEmpty()) {
            text.append("\nOpen orders (").append(String.join(" or ", SupplierProfileHandler.OPEN_ORDER_STATUSES)).append("), newest: ");
            List<String> shown = new ArrayList<>();
            recent.forEach(o -> shown.add("PO " + o.path("po_number").asString("id " + o.get("id")) + " of "
                    + o.path("created").asString("?") + ", " + o.get("total").asString() + " "
                    + o.path("currency").asString("")));
            text.append(String.join("; ", shown)).append('.');
        }
        if (byMonth.length() > 0) {
            text.append("\nInvoices by month, voided and abandoned ones aside (months not named: none): ").append(byMonth).append('.');
        }
        if (contractText.length() > 0) {
            text.append("\nContracts not ended, soonest end first: ").append(contractText).append('.');
        }
        text.append('\n').append(ScanAnswers.coverageText(coverage, cached))
                .append(" Amounts are per currency, never converted.");
        return ToolOutcome.success(out, text.toString());
    }

    private static void putSums(ObjectNode node, String key, Map<String, BigDecimal> sums) {
        if (!sums.isEmpty()) {
            node.set(key, PageTotals.toJson(sums));
        }
    }

    private static void putText(ObjectNode item, String key, JsonNode value) {
        if (value != null && !value.isMissingNode() && !value.isNull() && !value.asString("").isBlank()) {
            item.put(key, value.asString());
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String amounts(Map<String, BigDecimal> sums) {
        return sums.isEmpty() ? "" : " (" + PageTotals.describe(sums) + ")";
    }
}
