package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final String GROUP_BY = AggregateKind.GROUP_BY;
    static final String TOP = AggregateKind.TOP;
    static final int DEFAULT_TOP = AggregateToolHandler.DEFAULT_TOP;
    /** Arguments every aging tool understands besides its filters (group_by and top only with x-coupa.groupBy). */
    static final List<String> ARGUMENTS = List.of(AS_OF, FRESH, GROUP_BY, TOP);

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
        Map<String, AggregateBlock.Dimension> groupBy = groupBy(x, inputSchema);
        List<String> paths = new ArrayList<>(List.of("id", currency, amount, dueDate));
        paths.addAll(describe.values());
        groupBy.values().forEach(d -> {
            paths.add(d.key());
            if (d.label() != null) {
                paths.add(d.label());
            }
        });
        RecordBlocks.checkProjected(x, fields, paths);
        return new AgingBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                entities, x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), filters,
                ListKind.ranges(x, filters), fields, currency, amount, dueDate, defaults,
                AgeBuckets.parse(x, "buckets"), oldest, describe, groupBy);
    }

    /**
     * The optional dimensions past-due money is ranked by, e.g. supplier: {@code {"key": path, "label": path}} each,
     * published as the enum of {@code group_by}, in the same order, with a {@code top} argument beside it.
     */
    private static Map<String, AggregateBlock.Dimension> groupBy(BindingBlock x, ObjectNode inputSchema) {
        Map<String, AggregateBlock.Dimension> dimensions = new LinkedHashMap<>();
        x.optionalObject("groupBy").ifPresent(groups -> groups.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String key = v.path("key").asString("");
            if (!v.isObject() || key.isBlank() || !Set.of("key", "label").containsAll(v.propertyNames())) {
                throw x.problem("groupBy." + e.getKey(), "must be {\"key\": path, \"label\": path} (key required), got "
                        + v);
            }
            String label = v.path("label").asString("");
            dimensions.put(e.getKey(), new AggregateBlock.Dimension(e.getKey(), key, label.isBlank() ? null : label,
                    false));
        }));
        JsonNode properties = inputSchema.get("properties");
        List<String> published = new ArrayList<>();
        properties.path(GROUP_BY).path("enum").forEach(n -> published.add(n.asString()));
        if (!published.equals(new ArrayList<>(dimensions.keySet())) || properties.has(TOP) != !dimensions.isEmpty()) {
            throw x.problem("groupBy", "must match inputSchema." + GROUP_BY + ".enum " + published
                    + " (names and order), with a " + TOP + " property exactly when there is one, got "
                    + dimensions.keySet());
        }
        return dimensions;
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new AgingToolHandler(spec, (AgingBlock) spec.block(), context);
    }
}
