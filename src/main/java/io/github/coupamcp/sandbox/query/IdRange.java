package io.github.coupamcp.sandbox.query;

import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;

/**
 * The id interval implied by {@code id[gt]}, {@code id[gt_or_eq]}, {@code id[lt]}, {@code id[lt_or_eq]} and
 * {@code id=N}, so keyset paging walks a sub-view of the id index instead of scanning from the start.
 */
final class IdRange {
    private long low = Long.MIN_VALUE;
    private boolean lowInclusive = true;
    private long high = Long.MAX_VALUE;
    private boolean highInclusive = true;

    static IdRange of(List<Filter> idFilters) {
        IdRange range = new IdRange();
        for (Filter f : idFilters) {
            switch (f.op()) {
                case GT -> range.raiseLow(f.parseId(f.value()), false);
                case GT_OR_EQ -> range.raiseLow(f.parseId(f.value()), true);
                case LT -> range.lowerHigh(f.parseId(f.value()), false);
                case LT_OR_EQ -> range.lowerHigh(f.parseId(f.value()), true);
                case EXACT -> {
                    long id = f.parseId(f.value());
                    range.raiseLow(id, true);
                    range.lowerHigh(id, true);
                }
                default -> { } // tested per id
            }
        }
        return range;
    }

    NavigableSet<Long> narrow(NavigableSet<Long> ids) {
        if (low > high || (low == high && !(lowInclusive && highInclusive))) {
            return Collections.emptyNavigableSet();
        }
        return ids.subSet(low, lowInclusive, high, highInclusive);
    }

    private void raiseLow(long value, boolean inclusive) {
        if (value > low || (value == low && !inclusive)) {
            low = value;
            lowInclusive = inclusive;
        }
    }

    private void lowerHigh(long value, boolean inclusive) {
        if (value < high || (value == high && !inclusive)) {
            high = value;
            highInclusive = inclusive;
        }
    }
}
