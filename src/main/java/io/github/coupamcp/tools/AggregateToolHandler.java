package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic aggregate tool: scans every record matching the filters through the scan engine, tallies them per
 * group of the asked dimension and answers the top groups, the rest in one, and the whole, each with a count and
 * per-currency sums. A scan's result is kept in the connection's {@link AnswerCache}, so asking again (another
 * {@code top}, another ranking) within its TTL costs nothing; {@code fresh: true} scans again.
 */
final class AggregateToolHandler implements ToolHandler.WithProgress {
    static final int DEFAULT_TOP = 10;
    static final String RANK_BY_COUNT = "count";

    private final ToolSpec spec;
    private final AggregateBlock block;
    private final ToolContext context;
    private final ScanAnswers scans;

    AggregateToolHandler(ToolSpec spec, AggregateBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.scans = new ScanAnswers(context);
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        AggregateBlock.Dimension dimension = block.groupBy().get(arguments.path(AggregateKind.GROUP_BY)
                .asString(block.groupBy().keySet().iterator().next()));
        int top = arguments.path(AggregateKind.TOP).asInt(DEFAULT_TOP);
        boolean byAmount = !RANK_BY_COUNT.equals(arguments.path(AggregateKind.RANK_BY).asString(RANK_BY_COUNT));
        ObjectNode question = arguments.deepCopy();
        List.of(AggregateKind.TOP, AggregateKind.RANK_BY, AggregateKind.FRESH).forEach(question::remove);
        question.put(AggregateKind.GROUP_BY, dimension.name());
        ScanAnswers.Scanned<SummaryFold.Tallies> scanned;
        try {
            scanned = scan(question, dimension, arguments.path(AggregateKind.FRESH).asBoolean(false), progress);
        } catch (ScanIncompleteException e) {
            return ToolOutcome.error(e.getMessage());
        }
        // many groups in many currencies may not fit: fewer groups are shown, the rest join other, and the text says so
        ToolOutcome answer = null;
        for (int shown = top; shown >= 1; shown--) {
            answer = new SummaryAnswer(spec, block, dimension, shown, byAmount, shown < top ? top : 0)
                    .render(scanned.result().value(), scanned.result().coverage(), scanned.cached(),
                            notes(arguments));
            if (context.budget().fits(answer.structured(), answer.text())) {
                return answer;
            }
        }
        return answer;
    }

    /** The notes of the filters this question left out. */
    private List<String> notes(ObjectNode arguments) {
        return block.notesWithout().entrySet().stream().filter(e -> !arguments.has(e.getKey()))
                .map(java.util.Map.Entry::getValue).toList();
    }

    /** The block's projection, plus the lines a dimension of lines reads: other questions keep pages small. */
    private Fields projection(AggregateBlock.Dimension dimension) {
        if (dimension.fields() == null) {
            return block.fields();
        }
        ArrayNode items = block.fields().toJson();
        items.addAll(dimension.fields().toJson());
        return Fields.parse(items.toString());
    }

    private ScanAnswers.Scanned<SummaryFold.Tallies> scan(ObjectNode question, AggregateBlock.Dimension dimension,
            boolean fresh, ToolProgress progress) {
        CoupaQuery query = QueryBuilder.withFilters(block.filters(), question).fields(projection(dimension)).build();
        return scans.cached(spec.name(), question, fresh, () -> scans.scan(block.resource(), query,
                new SummaryFold(block, dimension), block.entities(), progress, 0, 1, null));
    }
}
