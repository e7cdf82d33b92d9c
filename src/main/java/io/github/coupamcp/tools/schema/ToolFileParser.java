package io.github.coupamcp.tools.schema;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ArgumentValidator;
import io.github.coupamcp.tools.InvalidArgumentsException;
import io.github.coupamcp.tools.KindBlock;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolKind;
import io.github.coupamcp.tools.ToolKinds;
import io.github.coupamcp.tools.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and checks one {@code <toolset>/<tool>.json}: publishable parts (fragments inlined, {@code x-coupa}
 * stripped), its kind, the kind's block and the example calls. Any problem throws {@link ToolSchemaException} naming
 * the file.
 */
final class ToolFileParser {
    private static final Set<String> HINTS =
            Set.of("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");
    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "allOf", "not");
    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "annotations", "inputSchema",
            "outputSchema", "x-coupa");
    /** Tool words fragments may name, read from the tool's own x-coupa block. */
    private static final List<String> WORDS = List.of("entity", "entities");

    private final SchemaSource source;
    private final FragmentInliner inliner;
    private final ToolKinds kinds;

    ToolFileParser(SchemaSource source, ToolKinds kinds) {
        this.source = source;
        this.inliner = new FragmentInliner(source);
        this.kinds = kinds;
    }

    ToolSpec parse(String relativePath) {
        String file = source.describe(relativePath);
        String text = source.read(relativePath).orElseThrow(() -> new ToolSchemaException(file, "file not found"));
        ObjectNode doc = parseObject(text, file);
        ObjectNode tool = (ObjectNode) inliner.inline(doc, file, words(doc));
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
        if (!(tool.get("x-coupa") instanceof ObjectNode x)) {
            throw new ToolSchemaException(file, "missing \"x-coupa\" object (how the tool binds to Coupa)");
        }
        ToolKind kind = kind(x, file);
        BindingBlock block = new BindingBlock(x, file, kind.name());
        block.required("kind");
        JsonNode examples = block.optional("examples").orElse(null);
        KindBlock parsed = kind.parse(block, input);
        block.finish();
        if (input.path("additionalProperties").asBoolean(true)) {
            throw new ToolSchemaException(file, "inputSchema must set \"additionalProperties\": false");
        }
        ToolDefinition definition = new ToolDefinition(name, title, description, toolset,
                ListArgumentSchema.widen(input), output, hints);
        ToolSpec spec = new ToolSpec(definition, kind, parsed, file, List.of());
        return new ToolSpec(definition, kind, parsed, file, examples(spec, examples));
    }

    private ToolKind kind(ObjectNode x, String file) {
        JsonNode kind = x.get("kind");
        if (kind == null || !kind.isString()) {
            throw new ToolSchemaException(file, "x-coupa.kind is required: one of " + kinds.names());
        }
        return kinds.find(kind.asString()).orElseThrow(() -> new ToolSchemaException(file, "x-coupa.kind '"
                + kind.asString() + "' is not a known kind; known kinds: " + String.join(", ", kinds.names())));
    }

    /** The words fragment prose names the tool's records by, from the tool file as written. */
    private static Map<String, String> words(ObjectNode doc) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String word : WORDS) {
            JsonNode value = doc.path("x-coupa").get(word);
            if (value != null && value.isString()) {
                words.put(word, value.asString());
            }
        }
        return words;
    }

    /** Each example is a call the tool accepts: checked now against its own input schema, run by the tool walk. */
    private static List<ObjectNode> examples(ToolSpec spec, JsonNode node) {
        List<ObjectNode> examples = new ArrayList<>();
        if (node == null) {
            return examples;
        }
        if (!node.isArray()) {
            throw new ToolSchemaException(spec.file(), "x-coupa.examples must be an array of argument objects");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode example)) {
                throw new ToolSchemaException(spec.file(), "x-coupa.examples[" + i + "] must be an argument object");
            }
            try {
                ArgumentValidator.validate(spec, example);
            } catch (InvalidArgumentsException e) {
                throw new ToolSchemaException(spec.file(), "x-coupa.examples[" + i + "] is not a valid call: "
                        + e.getMessage());
            }
            examples.add(example);
        }
        return examples;
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
}
