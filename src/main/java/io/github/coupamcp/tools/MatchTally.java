package io.github.coupamcp.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exceptions of one type: how many, their amounts per currency (never added across currencies) and the largest
 * few, kept in a bounded heap so memory does not grow with the number of exceptions.
 */
final class MatchTally {
    /** One exception: what the answer shows, its amount and currency, and ids that order equal amounts. */
    record Finding(ObjectNode item, BigDecimal amount, String currency, long poLineId, long invoiceLineId) {}

    /** Largest absolute amount first, whatever its currency; then by PO line id and invoice line id. */
    static final Comparator<Finding> RANKING = Comparator.<Finding, BigDecimal>comparing(e -> e.amount().abs())
            .reversed().thenComparingLong(Finding::poLineId).thenComparingLong(Finding::invoiceLineId);
    static final String RULE = "largest absolute amount first, whatever its currency (amounts are never "
            + "converted); ties by PO line";

    private final int keep;
    long count;
    final Map<String, BigDecimal> amounts = new TreeMap<>();
    private final PriorityQueue<Finding> largest = new PriorityQueue<>(RANKING.reversed());

    MatchTally(int keep) {
        this.keep = keep;
    }

    void add(Finding e) {
        count++;
        amounts.merge(e.currency(), e.amount(), BigDecimal::add);
        keepIfLarge(e);
    }

    void addAll(MatchTally other) {
        count += other.count;
        other.amounts.forEach((c, a) -> amounts.merge(c, a, BigDecimal::add));
        other.largest.forEach(this::keepIfLarge);
    }

    private void keepIfLarge(Finding e) {
        largest.add(e);
        if (largest.size() > keep) {
            largest.poll();
        }
    }

    /** The largest kept, in ranking order. */
    List<Finding> ranked() {
        List<Finding> out = new ArrayList<>(largest);
        out.sort(RANKING);
        return out;
    }
}
