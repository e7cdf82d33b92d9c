package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code three_way_match}: selects purchase orders by its filters (one order, or a supplier's and/or a creation date
 * range), then checks the invoice lines billing their lines against what was ordered, received and priced.
 */
final class MatchKind implements ToolKind {
    static final String TOLERANCE = "price_tolerance_pct";
    static final String TOP = "top";
    static final String FRESH = "fresh";
    /** Arguments every match tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of(TOLERANCE, TOP, FRESH);

    @Override
    public String name() {
        return "three_way_match";
    }

    @Override
    public MatchBlock parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        if (filters.isEmpty()) {
            throw x.problem("filters", "must name how arguments select purchase orders");
        }
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), ARGUMENTS, inputSchema);
        for (String argument : ARGUMENTS) {
            if (!inputSchema.get("properties").has(argument)) {
                throw x.problem("kind", "needs the inputSchema property " + argument);
            }
        }
        List<String> single = x.strings("single");
        for (String name : single) {
            if (!filters.containsKey(name)) {
                throw x.problem("single", "names " + name + ", which is not a filter");
            }
        }
        String entities = x.requiredText("entities");
        return new MatchBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("invoiceScope"),
                x.requiredText("entity"), entities, x.optionalText("listTool")
                        .orElse("list_" + entities.replace(' ', '_')), filters, ListKind.ranges(x, filters), single);
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new MatchToolHandler(spec, (MatchBlock) spec.block(), context);
    }
}
