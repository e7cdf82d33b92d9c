package io.github.coupamcp.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Count and per-currency sums of some records (one group, or all): amounts are never added across currencies. */
final class GroupTally {
    /**
     * The currency answers rank groups in: the one most records are in (never converted), ties by code; null when no
     * record has one.
     */
    static String rankCurrency(Map<String, Long> recordsByCurrency) {
        return recordsByCurrency.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    final String key;
    String label;
    long count;
    /** One map per amount of the block, in its order: currency code to sum. */
    final List<Map<String, BigDecimal>> sums;

    GroupTally(String key, String label, int amounts) {
        this.key = key;
        this.label = label;
        this.sums = new ArrayList<>(amounts);
        for (int i = 0; i < amounts; i++) {
            sums.add(new TreeMap<>());
        }
    }

    void add(String currency, List<BigDecimal> amounts) {
        count++;
        if (currency == null) {
            return;
        }
        for (int i = 0; i < amounts.size(); i++) {
            if (amounts.get(i) != null) {
                sums.get(i).merge(currency, amounts.get(i), BigDecimal::add);
            }
        }
    }

    void addAll(GroupTally other) {
        count += other.count;
        if (label == null) {
            label = other.label;
        }
        for (int i = 0; i < sums.size(); i++) {
            Map<String, BigDecimal> target = sums.get(i);
            other.sums.get(i).forEach((currency, amount) -> target.merge(currency, amount, BigDecimal::add));
        }
    }
}
