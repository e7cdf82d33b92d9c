package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code aging}: scans every record matching a list tool's filters (shared through a fragment, so a filter means what
 * it means on the list) and answers, as of a day, counts and per-currency sums per bucket of days past a due date,
 * with the oldest records.
 */
final class AgingKind implements ToolKind {
    static final String AS_OF = "as_of";
    static final String FRESH = "fresh";
    /** Arguments every aging tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of(AS_OF, FRESH);

    @Override
    public String name() {
        return "aging";
    }

    @Override
    public AgingBlock parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), ARGUMENTS, inputSchema);
        if (!"date".equals(inputSchema.get("properties").path(AS_OF).path("format").asString(""))) {
            throw x.problem("kind", "needs an inputSchema property " + AS_OF + " with \"format\": \"date\"");
        }
        String entities = x.requiredText("entities");
        JsonNode fieldsNode = x.required("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw x.problem("fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(fieldsNode.toString());
        String currency = x.requiredText("currency");
        String amount = x.requiredText("amount");
        String dueDate = x.requiredText("dueDate");
        ObjectNode defaults = x.optionalObject("defaults").orElse(Json.object());
        defaults.propertyNames().forEach(name -> {
            if (!filters.containsKey(name)) {
                throw x.problem("defaults." + name, "must name a filter argument");
            }
        });
        Map<String, String> describe = new LinkedHashMap<>();
        x.requiredObject("describe").properties().forEach(e -> {
            if (!e.getValue().isString() || e.getValue().asString().isBlank()) {
                throw x.problem("describe." + e.getKey(), "must be the path of a text in a Coupa record");
            }
            describe.put(e.getKey(), e.getValue().asString());
        });
        int oldest = x.optional("oldest").map(JsonNode::asInt).orElse(5);
        if (oldest < 1 || oldest > 25) {
            throw x.problem("oldest", "must be 1..25, got " + oldest);
        }
        List<String> paths = new ArrayList<>(List.of("id", currency, amount, dueDate));
        paths.addAll(describe.values());
        RecordBlocks.checkProjected(x, fields, paths);
        return new AgingBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                entities, x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), filters,
                ListKind.ranges(x, filters), fields, currency, amount, dueDate, defaults,
                AgeBuckets.parse(x, "buckets"), oldest, describe);
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new AgingToolHandler(spec, (AgingBlock) spec.block(), context);
    }
}
