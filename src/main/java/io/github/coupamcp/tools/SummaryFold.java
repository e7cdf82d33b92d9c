package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds Coupa records into one tally overall and one per value of a dimension: memory grows with the number of
 * groups (suppliers, months, ...), never with the number of records.
 */
final class SummaryFold implements Fold<SummaryFold.Tallies> {
    /** The key of records without a value for the dimension. */
    static final String NONE = "(none)";

    /** Overall and per group key. */
    static final class Tallies {
        final GroupTally overall;
        final Map<String, GroupTally> groups = new HashMap<>();
        /** Records per currency code: picks the currency groups are ranked in by amount. */
        final Map<String, Long> recordsByCurrency = new HashMap<>();

        Tallies(int amounts) {
            overall = new GroupTally("", null, amounts);
        }
    }

    private final AggregateBlock block;
    private final AggregateBlock.Dimension dimension;

    SummaryFold(AggregateBlock block, AggregateBlock.Dimension dimension) {
        this.block = block;
        this.dimension = dimension;
    }

    @Override
    public Tallies newAccumulator() {
        return new Tallies(block.amounts().size());
    }

    @Override
    public void accept(Tallies tallies, ObjectNode record) {
        String currency = text(record, block.currency());
        List<BigDecimal> amounts = new ArrayList<>(block.amounts().size());
        block.amounts().values().forEach(path -> amounts.add(amount(record, path.split("\\."), 0)));
        tallies.overall.add(currency, amounts);
        if (currency != null) {
            tallies.recordsByCurrency.merge(currency, 1L, Long::sum);
        }
        if (dimension.byLine()) {
            acceptLines(tallies, record, currency);
            return;
        }
        String key = text(record, dimension.key());
        if (key != null && dimension.month()) {
            key = key.length() >= 7 ? key.substring(0, 7) : key;
        }
        if (key == null) {
            key = NONE;
        }
        String label = dimension.label() == null ? null : text(record, dimension.label());
        GroupTally group = tallies.groups.computeIfAbsent(key, k -> new GroupTally(k, label,
                block.amounts().size()));
        if (group.label == null) {
            group.label = label;
        }
        group.add(currency, amounts);
    }

    /**
     * A dimension of lines: the record counts once in each group its lines fall into, with the sum of those lines'
     * amounts as the group's first amount (the others are the header's and cannot be split by line).
     */
    private void acceptLines(Tallies tallies, ObjectNode record, String currency) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        JsonNode lines = at(record, dimension.lines());
        if (lines != null && lines.isArray()) {
            String[] amountPath = dimension.lineAmount().split("\\.");
            for (JsonNode line : lines) {
                String key = text(line, dimension.key());
                key = key == null ? NONE : key;
                BigDecimal amount = amount(line, amountPath, 0);
                sums.merge(key, amount == null ? BigDecimal.ZERO : amount, BigDecimal::add);
                if (dimension.label() != null && text(line, dimension.label()) != null) {
                    labels.putIfAbsent(key, text(line, dimension.label()));
                }
            }
        }
        if (sums.isEmpty()) {
            sums.put(NONE, null);
        }
        int amounts = block.amounts().size();
        sums.forEach((key, sum) -> {
            GroupTally group = tallies.groups.computeIfAbsent(key, k -> new GroupTally(k, null, amounts));
            if (group.label == null) {
                group.label = labels.get(key);
            }
            List<BigDecimal> values = new ArrayList<>(Collections.nCopies(amounts, (BigDecimal) null));
            values.set(0, sum);
            group.add(currency, values);
        });
    }

    @Override
    public Tallies merge(Tallies left, Tallies right) {
        left.overall.addAll(right.overall);
        right.recordsByCurrency.forEach((c, n) -> left.recordsByCurrency.merge(c, n, Long::sum));
        right.groups.forEach((key, tally) -> {
            GroupTally mine = left.groups.get(key);
            if (mine == null) {
                left.groups.put(key, tally);
            } else {
                mine.addAll(tally);
            }
        });
        return left;
    }

    /** The node at a dotted path; Coupa spells keys with hyphens or underscores, both are tried. */
    static JsonNode at(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode next = node.get(part);
            node = next != null ? next : node.get(part.replace('-', '_'));
        }
        return node == null || node.isNull() ? null : node;
    }

    static String text(JsonNode record, String path) {
        JsonNode node = at(record, path);
        if (node == null || node.isContainer()) {
            return null;
        }
        String text = node.asString();
        return text.isBlank() ? null : text;
    }

    /**
     * The amount at a dotted path; through an array (a purchase order's {@code order-lines.total}) the sum of its
     * elements' amounts. Null when there is none.
     */
    static BigDecimal amount(JsonNode node, String[] path, int from) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            BigDecimal sum = null;
            for (JsonNode element : node) {
                BigDecimal a = amount(element, path, from);
                if (a != null) {
                    sum = sum == null ? a : sum.add(a);
                }
            }
            return sum;
        }
        if (from == path.length) {
            if (node.isContainer()) {
                return null;
            }
            try {
                return new BigDecimal(node.asString());
            } catch (NumberFormatException e) {
                return null; // not an amount: the record still counts
            }
        }
        if (!node.isObject()) {
            return null;
        }
        JsonNode next = node.get(path[from]);
        return amount(next != null ? next : node.get(path[from].replace('-', '_')), path, from + 1);
    }
}
