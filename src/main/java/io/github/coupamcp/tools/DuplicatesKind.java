package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code duplicates}: scans every record matching a list tool's filters (shared through a fragment, so a filter means
 * exactly what it means on the list) and answers the pairs that share a party, an amount and a currency on dates
 * close together, optionally with similar numbers.
 */
final class DuplicatesKind implements ToolKind {
    static final String WITHIN_DAYS = "within_days";
    static final String SIMILAR_NUMBERS = "similar_numbers";
    /** Arguments every duplicates tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of(WITHIN_DAYS, SIMILAR_NUMBERS, AggregateKind.TOP,
            AggregateKind.FRESH);

    @Override
    public String name() {
        return "duplicates";
    }

    @Override
    public DuplicatesBlock parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), ARGUMENTS, inputSchema);
        for (String argument : ARGUMENTS) {
            if (!inputSchema.get("properties").has(argument)) {
                throw x.problem("kind", "needs the input " + argument);
            }
        }
        JsonNode fieldsNode = x.required("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw x.problem("fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(fieldsNode.toString());
        ObjectNode m = x.requiredObject("match");
        List<String> paths = new ArrayList<>();
        for (String key : DuplicatesBlock.Match.KEYS) {
            String path = m.path(key).asString("");
            if (path.isBlank()) {
                throw x.problem("match." + key, "must be the path of a value in a Coupa record");
            }
            paths.add(path);
        }
        if (!DuplicatesBlock.Match.KEYS.containsAll(m.propertyNames())) {
            throw x.problem("match", "may only name " + DuplicatesBlock.Match.KEYS);
        }
        paths.add("id");
        for (String path : paths) {
            String top = path.split("\\.")[0];
            if (!fields.topLevelNames().contains(top)) {
                throw x.problem("fields", "must include " + top + " (the scan reads " + path + ")");
            }
        }
        String entities = x.requiredText("entities");
        return new DuplicatesBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                entities, x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), filters,
                ListKind.ranges(x, filters), fields, new DuplicatesBlock.Match(paths.get(0), paths.get(1),
                        paths.get(2), paths.get(3), paths.get(4), paths.get(5)));
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new DuplicatesToolHandler(spec, (DuplicatesBlock) spec.block(), context);
    }
}
