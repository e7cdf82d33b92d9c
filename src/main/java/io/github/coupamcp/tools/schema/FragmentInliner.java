package io.github.coupamcp.tools.schema;

import io.github.coupamcp.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Expands {@code "$include"} at load time so published schemas are self-contained.
 * <ul>
 *   <li>{@code {"$include": "name"}} alone is replaced by {@code _fragments/name.json} (any JSON value);</li>
 *   <li>{@code {"$include": ["a", "b"], "k": …}} merges the named object fragments into the object where the
 *       {@code $include} key stands among its own keys; a key defined twice is an error (no silent override).</li>
 * </ul>
 * Fragments may include fragments; cycles and unknown names fail, naming the tool file. Fragment prose names the
 * tool's records with placeholders the tool fills: {@code {entity}} ("invoice"), {@code {entities}} ("invoices").
 */
final class FragmentInliner {
    static final String INCLUDE = "$include";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final SchemaSource source;
    /** Each fragment read and parsed once per load (most are included by dozens of tools); never modified. */
    private final Map<String, JsonNode> parsed = new HashMap<>();

    FragmentInliner(SchemaSource source) {
        this.source = source;
    }

    JsonNode inline(JsonNode node, String file) {
        return inline(node, file, Map.of());
    }

    /** {@code words} fills the fragments' placeholders, e.g. {@code entity -> invoice}. */
    JsonNode inline(JsonNode node, String file, Map<String, String> words) {
        return inline(node, file, new Expansion(words, new ArrayDeque<>()));
    }

    /** What one tool file's expansion carries: its words and the fragments being expanded (for cycles). */
    private record Expansion(Map<String, String> words, Deque<String> stack) {}

    private JsonNode inline(JsonNode node, String file, Expansion expansion) {
        if (node instanceof ObjectNode object) {
            return inlineObject(object, file, expansion);
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            array.forEach(element -> out.add(inline(element, file, expansion)));
            return out;
        }
        return node;
    }

    private static void put(ObjectNode out, String key, JsonNode value, String fragment, String file) {
        if (out.has(key)) {
            throw new ToolSchemaException(file, "key '" + key + "' is defined twice"
                    + (fragment == null ? "" : " (again by fragment '" + fragment + "')"));
        }
        out.set(key, value);
    }

    private JsonNode inlineObject(ObjectNode object, String file, Expansion expansion) {
        JsonNode include = object.get(INCLUDE);
        if (include == null) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                out.set(e.getKey(), inline(e.getValue(), file, expansion));
            }
            return out;
        }
        List<String> names = includeNames(include, file);
        if (object.size() == 1 && names.size() == 1) {
            return fragment(names.get(0), file, expansion);
        }
        // the fragments' keys go where "$include" stands, so a fragment can lead, follow or sit between own keys
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!e.getKey().equals(INCLUDE)) {
                put(out, e.getKey(), inline(e.getValue(), file, expansion), null, file);
                continue;
            }
            for (String name : names) {
                if (!(fragment(name, file, expansion) instanceof ObjectNode fragment)) {
                    throw new ToolSchemaException(file, "fragment '" + name + "' is not an object and cannot be merged");
                }
                for (Map.Entry<String, JsonNode> f : fragment.properties()) {
                    put(out, f.getKey(), f.getValue(), name, file);
                }
            }
        }
        return out;
    }

    private static List<String> includeNames(JsonNode include, String file) {
        List<String> names = new ArrayList<>();
        if (include.isString()) {
            names.add(include.asString());
        } else if (include.isArray() && !include.isEmpty()) {
            include.forEach(n -> names.add(n.isString() ? n.asString() : ""));
        }
        if (names.isEmpty() || names.stream().anyMatch(n -> !NAME.matcher(n).matches())) {
            throw new ToolSchemaException(file,
                    INCLUDE + " must name fragments like \"list_paging\" or [\"a\", \"b\"], got " + include);
        }
        return names;
    }

    private JsonNode fragment(String name, String file, Expansion expansion) {
        Deque<String> stack = expansion.stack();
        if (stack.contains(name)) {
            throw new ToolSchemaException(file, "fragment cycle: " + String.join(" -> ", stack) + " -> " + name);
        }
        JsonNode fragment = parsed.get(name);
        if (fragment == null) {
            fragment = parse(name, file);
            parsed.put(name, fragment);
        }
        stack.addLast(name);
        try {
            // fill copies every object and array, so the parsed fragment stays as read
            return inline(fill(fragment, name, file, expansion.words()), file, expansion);
        } finally {
            stack.removeLast();
        }
    }

    private JsonNode parse(String name, String file) {
        String path = SchemaSource.FRAGMENTS + "/" + name + ".json";
        String text = source.read(path).orElseThrow(() -> new ToolSchemaException(file,
                "unknown fragment '" + name + "' (no " + source.describe(path) + ")"));
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ToolSchemaException(file,
                    "fragment " + source.describe(path) + " is invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** The fragment with its placeholders replaced by the tool's words; a placeholder the tool lacks is an error. */
    private static JsonNode fill(JsonNode node, String fragment, String file, Map<String, String> words) {
        if (node.isString()) {
            Matcher m = PLACEHOLDER.matcher(node.asString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String word = words.get(m.group(1));
                if (word == null) {
                    throw new ToolSchemaException(file, "fragment '" + fragment + "' uses {" + m.group(1)
                            + "}, which this tool does not define (it defines " + words.keySet() + ")");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(word));
            }
            m.appendTail(out);
            return Json.MAPPER.getNodeFactory().stringNode(out.toString());
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.array();
            array.forEach(element -> out.add(fill(element, fragment, file, words)));
            return out;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            object.properties().forEach(e -> out.set(e.getKey(), fill(e.getValue(), fragment, file, words)));
            return out;
        }
        return node;
    }
}
