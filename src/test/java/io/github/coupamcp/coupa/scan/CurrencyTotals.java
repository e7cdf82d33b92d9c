package io.github.coupamcp.coupa.scan;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** Test fold: record count and the sum of one money field per currency code (never across currencies). */
final class CurrencyTotals implements Fold<CurrencyTotals.Acc> {
    private final String field;

    CurrencyTotals(String field) {
        this.field = field;
    }

    static final class Acc {
        long count;
        final Map<String, BigDecimal> totals = new TreeMap<>();
    }

    @Override
    public Acc newAccumulator() {
        return new Acc();
    }

    @Override
    public void accept(Acc acc, ObjectNode record) {
        acc.count++;
        acc.totals.merge(record.path("currency").path("code").asString(), new BigDecimal(record.get(field).asString()),
                BigDecimal::add);
    }

    @Override
    public Acc merge(Acc left, Acc right) {
        left.count += right.count;
        right.totals.forEach((k, v) -> left.totals.merge(k, v, BigDecimal::add));
        return left;
    }
}
