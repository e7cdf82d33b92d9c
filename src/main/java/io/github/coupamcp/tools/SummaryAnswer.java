package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanCoverage;
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
 * Renders tallies as an answer: the whole, the top groups under a stated ranking rule, the rest as one, and what the
 * scan covered. Amounts stay per currency; the text states the rule so an agent never has to guess it.
 */
final class SummaryAnswer {
    private final ToolSpec spec;
    private final AggregateBlock block;
    private final AggregateBlock.Dimension dimension;
    private final int top;
    private final boolean byAmount;
    /** The top asked for when fewer groups are shown to fit the response budget; 0 otherwise. */
    private final int askedTop;

    SummaryAnswer(ToolSpec spec, AggregateBlock block, AggregateBlock.Dimension dimension, int top,
            boolean byAmount, int askedTop) {
        this.askedTop = askedTop;
        this.spec = spec;
        this.block = block;
        this.dimension = dimension;
        this.top = top;
        this.byAmount = byAmount;
    }

    ToolOutcome render(SummaryFold.Tallies tallies, ScanCoverage coverage, boolean cached) {
        return render(tallies, coverage, cached, List.of());
    }

    /** As above, with {@code notes} said after the groups (what a left-out filter means). */
    ToolOutcome render(SummaryFold.Tallies tallies, ScanCoverage coverage, boolean cached, List<String> notes) {
        String rankCurrency = GroupTally.rankCurrency(tallies.recordsByCurrency);
        String firstAmount = block.amounts().keySet().iterator().next();
        boolean rankedByAmount = byAmount && rankCurrency != null;
        Comparator<GroupTally> byCount = Comparator.<GroupTally>comparingLong(g -> g.count).reversed()
                .thenComparing(g -> g.key);
        Comparator<GroupTally> order = rankedByAmount
                ? Comparator.<GroupTally, BigDecimal>comparing(g -> g.sums.get(0).getOrDefault(rankCurrency,
                        BigDecimal.ZERO)).reversed().thenComparing(byCount)
                : byCount;
        String rule = rankedByAmount
                ? "ranked by " + firstAmount.replace('_', ' ') + " in " + rankCurrency + " (the currency of most "
                        + "matching " + block.entities() + "), largest first; ties by count, then by key"
                : "ranked by count, largest first; ties by key";
        List<GroupTally> ranked = new ArrayList<>(tallies.groups.values());
        ranked.sort(order);
        List<GroupTally> shown = ranked.subList(0, Math.min(top, ranked.size()));
        GroupTally other = new GroupTally("", null, block.amounts().size());
        ranked.subList(shown.size(), ranked.size()).forEach(other::addAll);
        int others = ranked.size() - shown.size();

        ObjectNode structured = Json.object();
        structured.put("group_by", dimension.name());
        structured.put("ranking", rule);
        String basis = basis();
        if (basis != null) {
            structured.put("basis", basis);
        }
        structured.set("overall", tally(tallies.overall, false));
        ArrayNode groups = structured.putArray("groups");
        shown.forEach(g -> groups.add(tally(g, true)));
        if (others > 0) {
            ObjectNode o = tally(other, false);
            o.put("groups", others);
            structured.set("other", o);
        }
        structured.set("scan", ScanAnswers.coverage(coverage, cached));
        return ToolOutcome.success(structured, text(tallies.overall, shown, other, others, rule, coverage, cached,
                notes));
    }

    private ObjectNode tally(GroupTally t, boolean group) {
        ObjectNode node = Json.object();
        if (group) {
            node.put("key", t.key);
            if (t.label != null) {
                node.put("label", t.label);
            }
        }
        node.put("count", t.count);
        int i = 0;
        for (String name : block.amounts().keySet()) {
            node.set(name, PageTotals.toJson(t.sums.get(i++)));
        }
        return node;
    }

    private String text(GroupTally overall, List<GroupTally> shown, GroupTally other, int others, String rule,
            ScanCoverage coverage, boolean cached, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        if (overall.count == 0) {
            sb.append("No ").append(block.entities()).append(" match these filters.");
        } else {
            sb.append(overall.count).append(' ').append(overall.count == 1 ? block.entity() : block.entities())
                    .append(" match these filters").append(amounts(overall)).append('.');
        }
        if (!shown.isEmpty()) {
            sb.append(" By ").append(dimension.name().replace('_', ' ')).append(", top ").append(shown.size())
                    .append(" of ").append(shown.size() + others).append(", ").append(rule).append(':');
            int rank = 1;
            for (GroupTally g : shown) {
                sb.append('\n').append(rank++).append(". ");
                if (g.label != null && !g.label.equals(g.key)) {
                    sb.append(g.label).append(" (").append(g.key).append(')');
                } else {
                    sb.append(g.key);
                }
                sb.append(": ").append(count(g.count)).append(amounts(g));
            }
            if (others > 0) {
                sb.append("\nOther ").append(others).append(others == 1 ? " group: " : " groups: ")
                        .append(count(other.count)).append(amounts(other));
            }
            if (askedTop > 0) {
                sb.append("\nOnly ").append(shown.size()).append(" of the top ").append(askedTop)
                        .append(" fit the response budget; narrow the filters (e.g. one currency) to see more.");
            }
        }
        String basis = basis();
        if (basis != null) {
            sb.append("\n").append(basis);
        }
        notes.forEach(note -> sb.append('\n').append(note));
        sb.append('\n').append(ScanAnswers.coverageText(coverage, cached));
        sb.append(" Amounts are per currency, never converted. List the ").append(block.entities())
                .append(" with ").append(block.listTool()).append(" and the same filters.");
        return sb.toString();
    }

    /** How groups of lines relate to the whole; null for header dimensions, whose groups add up to it. */
    private String basis() {
        if (!dimension.byLine()) {
            return null;
        }
        String first = block.amounts().keySet().iterator().next().replace('_', ' ');
        return "Grouped by line: " + block.entities() + " with lines in several groups count in each (so groups may "
                + "add up to more than overall); a group's " + first + " is the sum of its lines, without header taxes "
                + "or charges, and other amounts are not split by line.";
    }

    private String count(long n) {
        return n + " " + (n == 1 ? block.entity() : block.entities());
    }

    /** "; totals 12.00 USD, 3.00 EUR; amount due 1.00 USD", or "" when nothing has an amount. */
    private String amounts(GroupTally t) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String name : block.amounts().keySet()) {
            Map<String, BigDecimal> sums = t.sums.get(i++);
            if (!sums.isEmpty()) {
                sb.append("; ").append(name.replace('_', ' ')).append(' ').append(PageTotals.describe(sums));
            }
        }
        return sb.toString();
    }
}
