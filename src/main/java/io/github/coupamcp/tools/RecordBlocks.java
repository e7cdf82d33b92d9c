package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.shape.CompactionRules;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.tools.schema.BindingBlock;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the keys the record-reading kinds share (resource, nouns, projections, shaping, filters) and checks their
 * arguments; each kind reads its own keys around these.
 */
final class RecordBlocks {
    private RecordBlocks() {}

    /** The shared part of a list or get block, with the kind's own filters, ranges, totals and natural keys. */
    static CoupaBinding read(BindingBlock x, Map<String, FilterBinding> filters, List<List<String>> ranges,
            CoupaBinding.Totals totals, List<String> lookupKeys, Map<String, SortField> orderBy) {
        String entities = x.requiredText("entities");
        Fields fields = fields(x, "fields");
        Fields fullFields = x.optional("fullFields").isPresent() ? fields(x, "fullFields") : fields;
        return new CoupaBinding(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"),
                entities, x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), fields, fullFields,
                compaction(x), totals, x.strings("line"), new FreeText(x.strings("freeText")), filters, ranges,
                lookupKeys, orderBy);
    }

    private static Fields fields(BindingBlock x, String key) {
        JsonNode node = x.required(key);
        if (!node.isArray() || node.isEmpty()) {
            throw x.problem(key, "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(node.toString());
        if (!fields.topLevelNames().contains("id")) {
            throw x.problem(key, "must include \"id\" (cursors and gets need it)");
        }
        return fields;
    }

    /** Argument name to Coupa filter, from an object like {@code {"status": {"attribute": "status", "op": "in"}}}. */
    static Map<String, FilterBinding> filters(BindingBlock x, String key) {
        Map<String, FilterBinding> filters = new LinkedHashMap<>();
        x.optionalObject(key).ifPresent(node -> node.properties().forEach(e -> {
            String where = key + "." + e.getKey();
            JsonNode f = e.getValue();
            String attribute = f.path("attribute").asString("");
            if (attribute.isBlank()) {
                throw x.problem(where, "needs an \"attribute\" (Coupa field, e.g. supplier[name])");
            }
            Op op = FilterBinding.OPERATORS.get(f.path("op").asString(""));
            if (op == null) {
                throw x.problem(where, "has an unknown filter operator '" + f.path("op").asString("")
                        + "'; known: " + FilterBinding.OPERATORS.keySet().stream().sorted().toList());
            }
            String transform = f.has("value") ? f.get("value").asString() : null;
            if (transform != null && !FilterBinding.TRANSFORMS.contains(transform)) {
                throw x.problem(where, "has an unknown value transform '" + transform + "'");
            }
            filters.put(e.getKey(), new FilterBinding(e.getKey(), attribute, op,
                    FilterBinding.Transform.parse(transform)));
        }));
        return filters;
    }

    private static CompactionRules compaction(BindingBlock x) {
        Map<String, String> renames = new LinkedHashMap<>();
        x.optionalObject("rename").ifPresent(r -> r.properties().forEach(e -> {
            if (!e.getValue().isString()) {
                throw x.problem("rename." + e.getKey(), "must be the output key, a string");
            }
            renames.put(e.getKey(), e.getValue().asString());
        }));
        List<CompactionRules.DerivedSum> sums = new ArrayList<>();
        x.optional("sums").ifPresent(nodes -> {
            if (!nodes.isArray()) {
                throw x.problem("sums", "must be an array of {name, source, field}");
            }
            for (JsonNode s : nodes) {
                String name = s.path("name").asString("");
                String from = s.path("source").asString("");
                String field = s.path("field").asString("");
                if (name.isBlank() || from.isBlank() || field.isBlank()) {
                    throw x.problem("sums", "entries need name, source and field");
                }
                sums.add(new CompactionRules.DerivedSum(name, from, field));
            }
        });
        return new CompactionRules(renames, sums);
    }

    /** Every filter must name a published argument of the right format. */
    static void checkFilters(BindingBlock x, String key, Map<String, FilterBinding> filters, ObjectNode input) {
        JsonNode properties = input.get("properties");
        for (FilterBinding filter : filters.values()) {
            String argument = filter.argument();
            if (!properties.has(argument)) {
                throw x.problem(key + "." + argument, "has no inputSchema property");
            }
            if (filter.transform() == FilterBinding.Transform.NEXT_DAY
                    && !"date".equals(properties.get(argument).path("format").asString(""))) {
                throw x.problem(key + "." + argument, "uses next_day, which needs an input with "
                        + "\"format\": \"date\"");
            }
        }
    }

    /** Every path a scan's fold reads must be in the scan's projection (by its top-level name). */
    static void checkProjected(BindingBlock x, Fields fields, List<String> paths) {
        for (String path : paths) {
            String top = path.split("\\.")[0];
            if (!fields.topLevelNames().contains(top) && !fields.topLevelNames().contains(top.replace('-', '_'))) {
                throw x.problem("fields", "must include " + top + " (the fold reads " + path + ")");
            }
        }
    }

    /** Every published argument must do something: be one of {@code bound} or of the kind's shared arguments. */
    static void checkCovered(BindingBlock x, String bindingKeys, Set<String> bound, List<String> shared,
            ObjectNode input) {
        for (String property : input.get("properties").propertyNames()) {
            if (!bound.contains(property) && !shared.contains(property)) {
                throw new ToolSchemaException(x.file(), "inputSchema property '" + property + "' is neither in x-coupa."
                        + bindingKeys + " nor one of " + shared);
            }
        }
    }
}
