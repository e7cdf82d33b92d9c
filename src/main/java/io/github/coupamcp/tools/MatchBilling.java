package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.scan.Fold;
import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds the invoices billing one batch of purchase orders: per PO line, the quantity and amount billed and the first
 * invoices; per invoice line, a price variance when its unit price is off the PO price by more than the tolerance.
 * Only lines of the batch's orders count, so an invoice billing orders of two batches is counted once per line.
 */
final class MatchBilling implements Fold<MatchBilling.Billed> {
    static final Fields FIELDS = Fields.parse("[\"id\", \"invoice-number\", {\"invoice-lines\": [\"id\", "
            + "\"line-num\", \"quantity\", \"price\", \"total\", \"order-line-id\"]}]");
    /** Invoices named per PO line exception. */
    static final int INVOICES_SHOWN = 3;

    /** What the batch's invoices bill on one PO line. */
    static final class LineBilling {
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        final List<ObjectNode> invoices = new ArrayList<>(INVOICES_SHOWN);

        void addInvoice(long id, String number) {
            if (invoices.size() < INVOICES_SHOWN && invoices.stream().noneMatch(i -> i.get("id").asLong() == id)) {
                ObjectNode ref = Json.object().put("id", id);
                if (number != null) {
                    ref.put("number", number);
                }
                invoices.add(ref);
            }
        }

        void addAll(LineBilling other) {
            quantity = quantity.add(other.quantity);
            amount = amount.add(other.amount);
            other.invoices.forEach(i -> addInvoice(i.get("id").asLong(), i.path("number").asString(null)));
        }
    }

    static final class Billed {
        final Map<Long, LineBilling> lines = new HashMap<>();
        final Set<Long> invoices = new HashSet<>();
        long invoiceLines;
        final MatchTally priceVariance;

        Billed(int keep) {
            priceVariance = new MatchTally(keep);
        }
    }

    private final Map<Long, MatchOrders.Line> orderLines;
    private final Set<String> batch;
    private final BigDecimal tolerancePct;
    private final int keep;

    MatchBilling(Map<Long, MatchOrders.Line> orderLines, Set<String> batch, BigDecimal tolerancePct, int keep) {
        this.orderLines = orderLines;
        this.batch = batch;
        this.tolerancePct = tolerancePct;
        this.keep = keep;
    }

    @Override
    public Billed newAccumulator() {
        return new Billed(keep);
    }

    @Override
    public void accept(Billed billed, ObjectNode invoice) {
        JsonNode lines = SummaryFold.at(invoice, "invoice-lines");
        if (lines == null) {
            return;
        }
        long invoiceId = invoice.path("id").asLong();
        String number = MatchOrders.text(invoice, "invoice-number");
        for (JsonNode l : lines) {
            JsonNode ref = SummaryFold.at(l, "order-line-id");
            MatchOrders.Line ordered = ref == null ? null : orderLines.get(ref.asLong(0));
            if (ordered == null || !batch.contains(ordered.poNumber())) {
                continue;
            }
            billed.invoices.add(invoiceId);
            billed.invoiceLines++;
            BigDecimal quantity = MatchOrders.decimal(l, "quantity");
            BigDecimal total = MatchOrders.decimal(l, "total");
            LineBilling line = billed.lines.computeIfAbsent(ordered.id(), k -> new LineBilling());
            line.quantity = quantity == null ? line.quantity : line.quantity.add(quantity);
            line.amount = total == null ? line.amount : line.amount.add(total);
            line.addInvoice(invoiceId, number);
            BigDecimal price = MatchOrders.decimal(l, "price");
            if (ordered.byQuantity() && quantity != null && price != null && beyondTolerance(price, ordered.price())) {
                ObjectNode item = MatchRules.item(ordered);
                item.put("invoice_id", invoiceId);
                if (number != null) {
                    item.put("invoice_number", number);
                }
                String lineNum = MatchOrders.text(l, "line-num");
                if (lineNum != null) {
                    item.put("invoice_line", lineNum);
                }
                item.put("po_price", MatchRules.plain(ordered.price()));
                item.put("invoice_price", MatchRules.plain(price));
                item.put("quantity", MatchRules.plain(quantity));
                BigDecimal amount = MatchRules.money(price.subtract(ordered.price()).multiply(quantity));
                billed.priceVariance.add(MatchRules.finding(item, amount, ordered, l.path("id").asLong(0)));
            }
        }
    }

    private boolean beyondTolerance(BigDecimal price, BigDecimal poPrice) {
        BigDecimal allowed = poPrice.abs().multiply(tolerancePct).divide(BigDecimal.valueOf(100), 10,
                RoundingMode.HALF_UP);
        return price.subtract(poPrice).abs().compareTo(allowed) > 0;
    }

    @Override
    public Billed merge(Billed left, Billed right) {
        right.lines.forEach((id, billing) -> left.lines.merge(id, billing, (a, b) -> {
            a.addAll(b);
            return a;
        }));
        left.invoices.addAll(right.invoices);
        left.invoiceLines += right.invoiceLines;
        left.priceVariance.addAll(right.priceVariance);
        return left;
    }
}
