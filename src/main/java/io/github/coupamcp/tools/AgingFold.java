package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ages records as of a day: days past the due date (negative or zero: not due yet) pick the bucket; count and amount
 * per currency per bucket, records without a due date apart, and the oldest past due; asked for a dimension (e.g.
 * supplier), the same per group for the records past due. Memory is bounded by the buckets, the number of oldest
 * kept and the number of groups, never by the number of records.
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
        /** Past due per group key; empty unless a dimension was asked for. */
        final Map<String, PastDueGroup> groups = new HashMap<>();
        /** Records past due per currency code: picks the currency groups are ranked in. */
        final Map<String, Long> pastDueByCurrency = new HashMap<>();

        Aging(AgeBuckets buckets, int oldest) {
            this.buckets = tallies(buckets);
            this.oldest = new Oldest<>(oldest, OLDEST_FIRST);
        }
    }

    /** What one group (e.g. a supplier) has past due: in all, and per bucket (the first, not yet due, stays empty). */
    static final class PastDueGroup {
        final String key;
        /** Whether the key is the record's own (an id), not made up from the label or {@link SummaryFold#NONE}. */
        final boolean keyed;
        String label;
        final GroupTally pastDue = new GroupTally("", null, 1);
        final GroupTally[] buckets;

        PastDueGroup(String key, boolean keyed, String label, AgeBuckets buckets) {
            this.key = key;
            this.keyed = keyed;
            this.label = label;
            this.buckets = tallies(buckets);
        }

        /** The label, else the key: what the answer names the group by and ranks ties by. */
        String name() {
            return label != null ? label : keyed ? key : SummaryFold.NONE;
        }

        void addAll(PastDueGroup other) {
            if (label == null) {
                label = other.label;
            }
            pastDue.addAll(other.pastDue);
            for (int i = 0; i < buckets.length; i++) {
                buckets[i].addAll(other.buckets[i]);
            }
        }
    }

    private static GroupTally[] tallies(AgeBuckets buckets) {
        GroupTally[] tallies = new GroupTally[buckets.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new GroupTally(buckets.labels().get(i), null, 1);
        }
        return tallies;
    }

    private final AgingBlock block;
    private final LocalDate asOf;
    /** The dimension past due records are grouped by, or null. */
    private final AggregateBlock.Dimension dimension;

    AgingFold(AgingBlock block, LocalDate asOf) {
        this(block, asOf, null);
    }

    AgingFold(AgingBlock block, LocalDate asOf, AggregateBlock.Dimension dimension) {
        this.block = block;
        this.asOf = asOf;
        this.dimension = dimension;
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
        int bucket = block.buckets().index(days);
        aging.buckets[bucket].add(currency, amounts);
        if (days > 0 && dimension != null) {
            PastDueGroup group = group(aging, record);
            group.pastDue.add(currency, amounts);
            group.buckets[bucket].add(currency, amounts);
            if (currency != null) {
                aging.pastDueByCurrency.merge(currency, 1L, Long::sum);
            }
        }
        if (days > 0) {
            Map<String, String> described = new LinkedHashMap<>();
            block.describe().forEach((key, path) -> described.put(key, SummaryFold.text(record, path)));
            aging.oldest.offer(new PastDue(record.path("id").asLong(), days, described, due.toString(), amount,
                    currency));
        }
    }

    /** The record's group: keyed by the dimension's key (an id), else by its label, else {@link SummaryFold#NONE}. */
    private PastDueGroup group(Aging aging, ObjectNode record) {
        String label = dimension.label() == null ? null : SummaryFold.text(record, dimension.label());
        String id = SummaryFold.text(record, dimension.key());
        // without an id, records of one name are one group; the made-up key cannot meet an id (ids have no colon)
        String key = id != null ? id : label != null ? "name:" + label : SummaryFold.NONE;
        PastDueGroup group = aging.groups.computeIfAbsent(key, k -> new PastDueGroup(k, id != null, label,
                block.buckets()));
        if (group.label == null) {
            group.label = label;
        }
        return group;
    }

    @Override
    public Aging merge(Aging left, Aging right) {
        left.overall.addAll(right.overall);
        left.undated.addAll(right.undated);
        for (int i = 0; i < left.buckets.length; i++) {
            left.buckets[i].addAll(right.buckets[i]);
        }
        left.oldest.addAll(right.oldest);
        right.pastDueByCurrency.forEach((c, n) -> left.pastDueByCurrency.merge(c, n, Long::sum));
        right.groups.forEach((key, group) -> {
            PastDueGroup mine = left.groups.get(key);
            if (mine == null) {
                left.groups.put(key, group);
            } else {
                mine.addAll(group);
            }
        });
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
