package io.github.coupamcp.tools.schema;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CompactionRules;
import io.github.coupamcp.tools.CoupaBinding;
import io.github.coupamcp.tools.FilterBinding;
import io.github.coupamcp.tools.ToolContext;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolHandler;
import io.github.coupamcp.tools.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and checks one {@code <toolset>/<tool>.json}: publishable parts (fragments inlined, {@code x-coupa}
 * stripped) and the Coupa binding. Any problem throws {@link ToolSchemaException} naming the file.
 */
final class ToolFileParser {
    private static final Set<String> HINTS =
            Set.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");
    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "allOf", "not");
    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "annotations", "inputSchema",
            "outputSchema", "x-coupa");
    private static final Set<String> BINDING_KEYS = Set.of("resource", "kind", "scope", "entity", "entities",
            "listTool", "fields", "fullFields", "rename", "sums", "totals", "line", "filters", "ranges", "lookupKeys",
            "handler");

    private final SchemaSource source;
    private final FragmentInliner inliner;

    ToolFileParser(SchemaSource source) {
        this.source = source;
        this.inliner = new FragmentInliner(source);
    }

    ToolSpec parse(String relativePath) {
        String file = source.describe(relativePath);
        String text = source.read(relativePath).orElseThrow(() -> new ToolSchemaException(file, "file not found"));
        ObjectNode doc = parseObject(text, file);
        ObjectNode tool = (ObjectNode) inliner.inline(doc, file);
        for (String key : tool.propertyNames()) {
            if (!TOP_KEYS.contains(key)) {
                throw new ToolSchemaException(file, "unknown key '" + key + "'; allowed: " + TOP_KEYS);
            }
        }
        String[] parts = relativePath.split("/");
        if (parts.length != 2) {
            throw new ToolSchemaException(file, "tool files live at <toolset>/<tool_name>.json");
        }
        String toolset = parts[0];
        String name = requiredText(tool, "name", file);
        if (!(name + ".json").equals(parts[1]) || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new ToolSchemaException(file, "name '" + name + "' must be snake_case and match the file name");
        }
        String title = requiredText(tool, "title", file);
        String description = requiredText(tool, "description", file);
        ToolDefinition.Hints hints = hints(tool.get("annotations"), file);
        ObjectNode input = schema(tool, "inputSchema", file);
        ObjectNode output = schema(tool, "outputSchema", file);
        if (!(tool.get("x-coupa") instanceof ObjectNode binding)) {
            throw new ToolSchemaException(file, "missing \"x-coupa\" object (how the tool binds to Coupa)");
        }
        CoupaBinding coupa = binding(binding, input, file);
        ObjectNode published = ListArgumentSchema.widen(input);
        return new ToolSpec(new ToolDefinition(name, title, description, toolset, published, output, hints), coupa,
                file);
    }

    private static ObjectNode parseObject(String text, String file) {
        try {
            if (Json.MAPPER.readTree(text) instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            throw new ToolSchemaException(file, "invalid JSON: " + e.getOriginalMessage());
        }
        throw new ToolSchemaException(file, "must hold a JSON object");
    }

    private static String requiredText(ObjectNode node, String key, String file) {
        JsonNode v = node.get(key);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new ToolSchemaException(file, "missing or empty \"" + key + "\"");
        }
        return v.asString();
    }

    private static ToolDefinition.Hints hints(JsonNode annotations, String file) {
        if (annotations == null || !annotations.isObject()) {
            throw new ToolSchemaException(file, "missing \"annotations\" with " + HINTS);
        }
        for (String hint : HINTS) {
            JsonNode v = annotations.get(hint);
            if (v == null || !v.isBoolean()) {
                throw new ToolSchemaException(file, "annotation " + hint + " must be set explicitly to true or false");
            }
        }
        for (String key : annotations.propertyNames()) {
            if (!HINTS.contains(key)) {
                throw new ToolSchemaException(file, "unknown annotation '" + key + "'");
            }
        }
        return new ToolDefinition.Hints(annotations.get("readOnlyHint").asBoolean(),
                annotations.get("destructiveHint").asBoolean(), annotations.get("idempotentHint").asBoolean(),
                annotations.get("openWorldHint").asBoolean());
    }

    private static ObjectNode schema(ObjectNode tool, String key, String file) {
        if (!(tool.get(key) instanceof ObjectNode schema)) {
            throw new ToolSchemaException(file, "missing \"" + key + "\" object");
        }
        if (!"object".equals(schema.path("type").asString()) || !schema.path("properties").isObject()) {
            throw new ToolSchemaException(file, key + " must be {\"type\": \"object\", \"properties\": {...}}");
        }
        for (String combinator : COMBINATORS) {
            if (schema.has(combinator)) {
                throw new ToolSchemaException(file, key + " must be flat: top-level " + combinator
                        + " is rejected by several MCP clients");
            }
        }
        return schema;
    }

    private CoupaBinding binding(ObjectNode x, ObjectNode input, String file) {
        for (String key : x.propertyNames()) {
            if (!BINDING_KEYS.contains(key)) {
                throw new ToolSchemaException(file, "unknown x-coupa key '" + key + "'; allowed: " + BINDING_KEYS);
            }
        }
        String resource = requiredText(x, "resource", file);
        CoupaBinding.Kind kind = kind(requiredText(x, "kind", file), file);
        String scope = requiredText(x, "scope", file);
        String entity = requiredText(x, "entity", file);
        String entities = requiredText(x, "entities", file);
        String listTool = x.has("listTool") ? requiredText(x, "listTool", file) : "list_" + entities.replace(' ', '_');
        Fields fields = fields(x, "fields", file, true);
        Fields fullFields = x.has("fullFields") ? fields(x, "fullFields", file, true) : fields;
        Map<String, FilterBinding> filters = filters(x.get("filters"), file);
        List<List<String>> ranges = ranges(x.get("ranges"), filters, file);
        List<String> lookupKeys = strings(x.get("lookupKeys"), "lookupKeys", file);
        CoupaBinding binding = new CoupaBinding(resource, kind, scope, entity, entities, listTool, fields, fullFields,
                compaction(x, file), totals(x.get("totals"), file), strings(x.get("line"), "line", file), filters,
                ranges, lookupKeys, handler(x, file));
        checkArguments(binding, input, file);
        return binding;
    }

    /** A custom handler must exist now, not fail on the first call. */
    private static String handler(ObjectNode x, String file) {
        if (!x.has("handler")) {
            return null;
        }
        String name = requiredText(x, "handler", file);
        try {
            Class<?> type = Class.forName(name, false, ToolFileParser.class.getClassLoader());
            if (!ToolHandler.class.isAssignableFrom(type)) {
                throw new ToolSchemaException(file, "handler " + name + " does not implement ToolHandler");
            }
            type.getConstructor(ToolSpec.class, ToolContext.class);
            return name;
        } catch (ClassNotFoundException e) {
            throw new ToolSchemaException(file, "handler class " + name + " not found");
        } catch (NoSuchMethodException e) {
            throw new ToolSchemaException(file,
                    "handler " + name + " needs a public (ToolSpec, ToolContext) constructor");
        }
    }

    private static CoupaBinding.Kind kind(String kind, String file) {
        try {
            return CoupaBinding.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ToolSchemaException(file, "x-coupa.kind must be list or get, got '" + kind + "'");
        }
    }

    private static Fields fields(ObjectNode x, String key, String file, boolean required) {
        JsonNode node = x.get(key);
        if (node == null && !required) {
            return null;
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ToolSchemaException(file, "x-coupa." + key + " must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(node.toString());
        if (!fields.topLevelNames().contains("id")) {
            throw new ToolSchemaException(file, "x-coupa." + key + " must include \"id\" (cursors and gets need it)");
        }
        return fields;
    }

    private static Map<String, FilterBinding> filters(JsonNode node, String file) {
        Map<String, FilterBinding> filters = new LinkedHashMap<>();
        if (node == null) {
            return filters;
        }
        if (!node.isObject()) {
            throw new ToolSchemaException(file, "x-coupa.filters must map argument names to {attribute, op}");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode f = e.getValue();
            String where = "x-coupa.filters." + e.getKey();
            String attribute = f.path("attribute").asString("");
            String op = f.path("op").asString("");
            if (attribute.isBlank()) {
                throw new ToolSchemaException(file,
                        where + " needs an \"attribute\" (Coupa field, e.g. supplier[name])");
            }
            Op coupaOp = FilterBinding.OPERATORS.get(op);
            if (coupaOp == null) {
                throw new ToolSchemaException(file, where + ": unknown filter operator '" + op + "'; known: "
                        + FilterBinding.OPERATORS.keySet().stream().sorted().toList());
            }
            String transform = f.has("value") ? f.get("value").asString() : null;
            if (transform != null && !FilterBinding.TRANSFORMS.contains(transform)) {
                throw new ToolSchemaException(file, where + ": unknown value transform '" + transform + "'");
            }
            filters.put(e.getKey(), new FilterBinding(e.getKey(), attribute, coupaOp,
                    FilterBinding.Transform.parse(transform)));
        }
        return filters;
    }

    private static List<List<String>> ranges(JsonNode node, Map<String, FilterBinding> filters, String file) {
        List<List<String>> ranges = new ArrayList<>();
        if (node == null) {
            return ranges;
        }
        for (JsonNode pair : node) {
            if (!pair.isArray() || pair.size() != 2 || !filters.containsKey(pair.get(0).asString())
                    || !filters.containsKey(pair.get(1).asString())) {
                throw new ToolSchemaException(file, "x-coupa.ranges entries must be [from_argument, to_argument] "
                        + "naming two filters, got " + pair);
            }
            ranges.add(List.of(pair.get(0).asString(), pair.get(1).asString()));
        }
        return ranges;
    }

    private static List<String> strings(JsonNode node, String key, String file) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            throw new ToolSchemaException(file, "x-coupa." + key + " must be an array of strings");
        }
        node.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static CompactionRules compaction(ObjectNode x, String file) {
        Map<String, String> renames = new LinkedHashMap<>();
        JsonNode rename = x.get("rename");
        if (rename != null) {
            rename.properties().forEach(e -> renames.put(e.getKey(), e.getValue().asString()));
        }
        List<CompactionRules.DerivedSum> sums = new ArrayList<>();
        JsonNode sumNodes = x.get("sums");
        if (sumNodes != null) {
            for (JsonNode s : sumNodes) {
                String name = s.path("name").asString("");
                String from = s.path("source").asString("");
                String field = s.path("field").asString("");
                if (name.isBlank() || from.isBlank() || field.isBlank()) {
                    throw new ToolSchemaException(file, "x-coupa.sums entries need name, source and field");
                }
                sums.add(new CompactionRules.DerivedSum(name, from, field));
            }
        }
        return new CompactionRules(renames, sums);
    }

    private static CoupaBinding.Totals totals(JsonNode node, String file) {
        if (node == null) {
            return null;
        }
        String amount = node.path("amount").asString("");
        String currency = node.path("currency").asString("");
        if (amount.isBlank() || currency.isBlank()) {
            throw new ToolSchemaException(file, "x-coupa.totals needs amount and currency output keys");
        }
        JsonNode due = node.get("due");
        return new CoupaBinding.Totals(amount, currency, due == null ? null : due.asString());
    }

    /** Every published argument must do something, and every binding must name a published argument. */
    private static void checkArguments(CoupaBinding binding, ObjectNode input, String file) {
        Set<String> properties = new java.util.LinkedHashSet<>(input.get("properties").propertyNames());
        for (FilterBinding filter : binding.filters().values()) {
            String argument = filter.argument();
            if (!properties.contains(argument)) {
                throw new ToolSchemaException(file, "x-coupa.filters." + argument + " has no inputSchema property");
            }
            if (filter.transform() == FilterBinding.Transform.NEXT_DAY
                    && !"date".equals(input.get("properties").get(argument).path("format").asString(""))) {
                throw new ToolSchemaException(file, "x-coupa.filters." + argument
                        + ": next_day needs an input with \"format\": \"date\"");
            }
        }
        for (String key : binding.lookupKeys()) {
            if (!binding.filters().containsKey(key)) {
                throw new ToolSchemaException(file, "x-coupa.lookupKeys entry '" + key + "' is not a filter");
            }
        }
        for (String property : properties) {
            if (!binding.filters().containsKey(property) && !binding.reservedArguments().contains(property)) {
                throw new ToolSchemaException(file, "inputSchema property '" + property
                        + "' is neither an x-coupa filter nor one of " + binding.reservedArguments());
            }
        }
        if (binding.kind() == CoupaBinding.Kind.GET && !properties.contains("id")) {
            throw new ToolSchemaException(file, "a get tool needs an \"id\" argument");
        }
        if (input.path("additionalProperties").asBoolean(true)) {
            throw new ToolSchemaException(file, "inputSchema must set \"additionalProperties\": false");
        }
    }
}
