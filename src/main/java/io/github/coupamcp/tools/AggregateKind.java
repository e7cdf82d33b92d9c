package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code aggregate}: scans every record matching a list tool's filters (the same bindings, shared through a fragment,
 * so a filter means exactly what it means on the list) and answers counts and per-currency sums, overall and per
 * group.
 */
final class AggregateKind implements ToolKind {
    static final String GROUP_BY = "group_by";
    static final String TOP = "top";
    static final String RANK_BY = "rank_by";
    static final String FRESH = "fresh";
    /** Arguments every aggregate tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of(GROUP_BY, TOP, RANK_BY, FRESH);

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public AggregateBlock parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), ARGUMENTS, inputSchema);
        String entities = x.requiredText("entities");
        JsonNode fieldsNode = x.required("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw x.problem("fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(fieldsNode.toString());
        if (!fields.topLevelNames().contains("id")) {
            throw x.problem("fields", "must include \"id\" (the scan pages by id)");
        }
        String currency = x.requiredText("currency");
        Map<String, String> amounts = new LinkedHashMap<>();
        x.requiredObject("amounts").properties().forEach(e -> {
            if (!e.getValue().isString() || e.getValue().asString().isBlank()) {
                throw x.problem("amounts." + e.getKey(), "must be the path of an amount in a Coupa record");
            }
            amounts.put(e.getKey(), e.getValue().asString());
        });
        if (amounts.isEmpty()) {
            throw x.problem("amounts", "must name at least one amount");
        }
        Map<String, AggregateBlock.Dimension> groupBy = groupBy(x, inputSchema);
        List<String> paths = new ArrayList<>(amounts.values());
        paths.add(currency);
        groupBy.values().stream().filter(d -> !d.byLine()).forEach(d -> {
            paths.add(d.key());
            if (d.label() != null) {
                paths.add(d.label());
            }
        });
        RecordBlocks.checkProjected(x, fields, paths);
        // what an answer says when a filter is left out, e.g. that every status counts (no hidden default instead)
        Map<String, String> notesWithout = new LinkedHashMap<>();
        x.optionalObject("notesWithout").ifPresent(notes -> notes.properties().forEach(e -> {
            if (!filters.containsKey(e.getKey()) || !e.getValue().isString()) {
                throw x.problem("notesWithout." + e.getKey(), "must name a filter of this tool and give a text");
            }
            notesWithout.put(e.getKey(), e.getValue().asString());
        }));
        return new AggregateBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                entities, x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), filters,
                ListKind.ranges(x, filters), fields, currency, amounts, groupBy, Map.copyOf(notesWithout));
    }

    private static Map<String, AggregateBlock.Dimension> groupBy(BindingBlock x, ObjectNode inputSchema) {
        Map<String, AggregateBlock.Dimension> dimensions = new LinkedHashMap<>();
        x.requiredObject("groupBy").properties().forEach(e -> {
            JsonNode v = e.getValue();
            String key = v.path("key").asString("");
            if (!v.isObject() || key.isBlank() || !Set.of("key", "label", "month", "lines", "lineAmount", "fields")
                    .containsAll(v.propertyNames())) {
                throw x.problem("groupBy." + e.getKey(), "must be {\"key\": path, \"label\": path, \"month\": "
                        + "true} (key required), plus \"lines\", \"lineAmount\" and \"fields\" for a dimension of "
                        + "lines, got " + v);
            }
            String label = v.path("label").asString("");
            String lines = v.path("lines").asString("");
            Fields fields = null;
            if (!lines.isBlank()) {
                JsonNode extra = v.path("fields");
                if (!extra.isArray() || extra.isEmpty() || v.path("lineAmount").asString("").isBlank()
                        || v.path("month").asBoolean(false)) {
                    throw x.problem("groupBy." + e.getKey(), "groups lines, so it needs \"lineAmount\" (the line's "
                            + "amount) and \"fields\" (the lines' projection), and no month");
                }
                fields = Fields.parse(extra.toString());
                if (!fields.topLevelNames().contains(lines)) {
                    throw x.problem("groupBy." + e.getKey() + ".fields", "must project " + lines);
                }
            } else if (v.has("lineAmount") || v.has("fields")) {
                throw x.problem("groupBy." + e.getKey(), "sets lineAmount or fields without lines");
            }
            dimensions.put(e.getKey(), new AggregateBlock.Dimension(e.getKey(), key,
                    label.isBlank() ? null : label, v.path("month").asBoolean(false), lines.isBlank() ? null : lines,
                    lines.isBlank() ? null : v.path("lineAmount").asString(), fields));
        });
        List<String> published = new ArrayList<>();
        inputSchema.get("properties").path(GROUP_BY).path("enum").forEach(n -> published.add(n.asString()));
        if (published.isEmpty() || !published.equals(new ArrayList<>(dimensions.keySet()))) {
            throw x.problem("groupBy", "must match inputSchema." + GROUP_BY + ".enum " + published
                    + " (names and order), got " + dimensions.keySet());
        }
        return dimensions;
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new AggregateToolHandler(spec, (AggregateBlock) spec.block(), context);
    }
}
