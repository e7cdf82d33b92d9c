package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.PageTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The groups of an aging (e.g. suppliers) with records past due, ranked by amount past due in the currency of most
 * past-due records (never converted; ties by count, then by name), the top shown and the rest summed as other. Shown
 * and other together add up to the past-due buckets of the whole answer.
 */
final class AgingGroups {
    private final AgingBlock block;
    private final AggregateBlock.Dimension dimension;
    private final String amountKey;
    private final String rule;
    private final List<AgingFold.PastDueGroup> shown;
    private final AgingFold.PastDueGroup other;
    private final int others;
    /** The top asked for when fewer groups are shown to fit the response budget; 0 otherwise. */
    private final int askedTop;

    AgingGroups(AgingBlock block, AggregateBlock.Dimension dimension, String amountKey, AgingFold.Aging aging,
            int top, int askedTop) {
        this.block = block;
        this.dimension = dimension;
        this.amountKey = amountKey;
        this.askedTop = askedTop;
        String currency = GroupTally.rankCurrency(aging.pastDueByCurrency);
        Comparator<AgingFold.PastDueGroup> byCount = Comparator.<AgingFold.PastDueGroup>comparingLong(
                g -> g.pastDue.count).reversed().thenComparing(AgingFold.PastDueGroup::name)
                .thenComparing(g -> g.key);
        Comparator<AgingFold.PastDueGroup> order = currency == null ? byCount
                : Comparator.<AgingFold.PastDueGroup, BigDecimal>comparing(g -> g.pastDue.sums.get(0)
                        .getOrDefault(currency, BigDecimal.ZERO)).reversed().thenComparing(byCount);
        this.rule = currency == null ? "ranked by count of " + block.entities() + " past due, largest first; ties by "
                + "name" : "ranked by amount past due in " + currency + " (the currency "
                + "of most " + block.entities() + " past due, never converted), largest first; ties by count, then by "
                + "name";
        List<AgingFold.PastDueGroup> ranked = new ArrayList<>(aging.groups.values());
        ranked.sort(order);
        this.shown = ranked.subList(0, Math.min(top, ranked.size()));
        this.other = new AgingFold.PastDueGroup("", false, null, block.buckets());
        ranked.subList(shown.size(), ranked.size()).forEach(other::addAll);
        this.others = ranked.size() - shown.size();
    }

    /** The key the answer holds the groups under, e.g. by_supplier. */
    String key() {
        return "by_" + dimension.name();
    }

    ObjectNode json() {
        ObjectNode node = Json.object().put("ranking", rule);
        ArrayNode groups = node.putArray("groups");
        for (AgingFold.PastDueGroup g : shown) {
            ObjectNode item = groups.addObject().put("name", g.name());
            if (g.keyed) {
                item.put("id", g.key);
            }
            tally(item, g);
        }
        if (others > 0) {
            tally(node.putObject("other").put("groups", others), other);
        }
        return node;
    }

    private void tally(ObjectNode node, AgingFold.PastDueGroup g) {
        node.put("count", g.pastDue.count);
        node.set(amountKey, PageTotals.toJson(g.pastDue.sums.get(0)));
        ObjectNode buckets = node.putObject("buckets");
        for (GroupTally bucket : g.buckets) {
            if (bucket.count > 0) {
                buckets.set(bucket.key, PageTotals.toJson(bucket.sums.get(0)));
            }
        }
    }

    void text(StringBuilder sb) {
        String entities = block.entities();
        if (shown.isEmpty()) {
            sb.append("\nBy ").append(dimension.name()).append(": no ").append(entities).append(" past due.");
            return;
        }
        sb.append("\nPast due by ").append(dimension.name()).append(", top ").append(shown.size()).append(" of ")
                .append(shown.size() + others).append(", ").append(rule).append(':');
        int rank = 1;
        for (AgingFold.PastDueGroup g : shown) {
            sb.append('\n').append(rank++).append(". ").append(g.name());
            if (g.keyed) {
                sb.append(" (id ").append(g.key).append(')');
            }
            sb.append(": ");
            tally(sb, g);
        }
        if (others > 0) {
            sb.append("\nOther ").append(others).append(' ').append(dimension.name())
                    .append(others == 1 ? ": " : "s: ");
            tally(sb, other);
        }
        if (askedTop > 0) {
            sb.append("\nOnly ").append(shown.size()).append(" of the top ").append(askedTop)
                    .append(" fit the response budget; narrow the filters (e.g. one currency) to see more.");
        }
    }

    private void tally(StringBuilder sb, AgingFold.PastDueGroup g) {
        long n = g.pastDue.count;
        sb.append(n).append(' ').append(n == 1 ? block.entity() : block.entities());
        Map<String, BigDecimal> sums = g.pastDue.sums.get(0);
        if (!sums.isEmpty()) {
            sb.append("; ").append(amountKey.replace('_', ' ')).append(' ').append(PageTotals.describe(sums));
        }
        List<String> parts = new ArrayList<>();
        for (GroupTally bucket : g.buckets) {
            if (!bucket.sums.get(0).isEmpty()) {
                parts.add(bucket.key + ": " + PageTotals.describe(bucket.sums.get(0)));
            }
        }
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join("; ", parts)).append(')');
        }
    }
}
