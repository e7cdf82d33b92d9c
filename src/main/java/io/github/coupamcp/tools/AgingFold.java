package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ages records as of a day: days past the due date (negative or zero: not due yet) pick the bucket; count and amount
 * per currency per bucket, records without a due date apart, and the oldest past due. Memory is bounded by the
 * buckets and the number of oldest kept, never by the number of records.
 */
final class AgingFold implements Fold<AgingFold.Aging> {

    /** One record past due, as the answer lists it. */
    record PastDue(long id, long daysPastDue, Map<String, String> described, String dueDate, BigDecimal amount,
            String currency) {}

    /** Oldest first; ties by id, so the answer does not depend on the order pages arrive in. */
    static final Comparator<PastDue> OLDEST_FIRST = Comparator.comparingLong(PastDue::daysPastDue).reversed()
            .thenComparingLong(PastDue::id);

    static final class Aging {
        final GroupTally overall = new GroupTally("", null, 1);
        final GroupTally[] buckets;
        final GroupTally undated = new GroupTally("", null, 1);
        final Oldest<PastDue> oldest;

        Aging(AgeBuckets buckets, int oldest) {
            this.buckets = new GroupTally[buckets.size()];
            for (int i = 0; i < this.buckets.length; i++) {
                this.buckets[i] = new GroupTally(buckets.labels().get(i), null, 1);
            }
            this.oldest = new Oldest<>(oldest, OLDEST_FIRST);
        }
    }

    private final AgingBlock block;
    private final LocalDate asOf;

    AgingFold(AgingBlock block, LocalDate asOf) {
        this.block = block;
        this.asOf = asOf;
    }

    @Override
    public Aging newAccumulator() {
        return new Aging(block.buckets(), block.oldest());
    }

    @Override
    public void accept(Aging aging, ObjectNode record) {
        String currency = currency(record, block.currency());
        BigDecimal amount = SummaryFold.amount(record, block.amount().split("\\."), 0);
        List<BigDecimal> amounts = Collections.singletonList(amount);
        aging.overall.add(currency, amounts);
        LocalDate due = date(SummaryFold.text(record, block.dueDate()));
        if (due == null) {
            aging.undated.add(currency, amounts);
            return;
        }
        long days = ChronoUnit.DAYS.between(due, asOf);
        aging.buckets[block.buckets().index(days)].add(currency, amounts);
        if (days > 0) {
            Map<String, String> described = new LinkedHashMap<>();
            block.describe().forEach((key, path) -> described.put(key, SummaryFold.text(record, path)));
            aging.oldest.offer(new PastDue(record.path("id").asLong(), days, described, due.toString(), amount,
                    currency));
        }
    }

    @Override
    public Aging merge(Aging left, Aging right) {
        left.overall.addAll(right.overall);
        left.undated.addAll(right.undated);
        for (int i = 0; i < left.buckets.length; i++) {
            left.buckets[i].addAll(right.buckets[i]);
        }
        left.oldest.addAll(right.oldest);
        return left;
    }

    /** The currency code at a path, whether Coupa gives it as an object with a code or as the code itself. */
    static String currency(JsonNode record, String path) {
        JsonNode node = SummaryFold.at(record, path);
        if (node != null && node.isObject()) {
            return SummaryFold.text(node, "code");
        }
        return SummaryFold.text(record, path);
    }

    /** The day of a Coupa date or date-time as Coupa states it (its first ten characters), or null. */
    static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
