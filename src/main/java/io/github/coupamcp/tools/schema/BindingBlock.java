package io.github.coupamcp.tools.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool's {@code x-coupa} block as its kind reads it. Each getter fails naming the file and the key when the value
 * is missing or of the wrong type; every key asked for, present or not, is one the kind accepts, so {@link #finish}
 * can reject the keys nobody asked for and list the accepted ones.
 */
public final class BindingBlock {
    private final ObjectNode node;
    private final String file;
    private final String kind;
    private final Set<String> accepted = new LinkedHashSet<>();

    /** Where this block sits in {@code x-coupa}, for messages: empty, or e.g. {@code resources.invoices.}. */
    private final String prefix;

    BindingBlock(ObjectNode node, String file, String kind) {
        this(node, file, kind, "");
    }

    private BindingBlock(ObjectNode node, String file, String kind, String prefix) {
        this.node = node;
        this.file = file;
        this.kind = kind;
        this.prefix = prefix;
    }

    /**
     * The object at {@code key.name} read as a block of its own (e.g. one resource of a query tool), with
     * {@code extra} keys the kind supplies; the kind calls {@link #finish} on it once read.
     */
    public BindingBlock nested(String key, String name, ObjectNode node, Map<String, String> extra) {
        ObjectNode copy = node.deepCopy();
        extra.forEach(copy::put);
        BindingBlock nested = new BindingBlock(copy, file, kind, prefix + key + "." + name + ".");
        nested.accepted.addAll(extra.keySet());
        return nested;
    }

    /** The tool file, for messages. */
    public String file() {
        return file;
    }

    /** A problem with one key, e.g. {@code x-coupa.filters.size has no inputSchema property}. */
    public ToolSchemaException problem(String key, String message) {
        return new ToolSchemaException(file, "x-coupa." + prefix + key + " " + message);
    }

    /** The value of an accepted key, if the file sets it. */
    public Optional<JsonNode> optional(String key) {
        accepted.add(key);
        return Optional.ofNullable(node.get(key));
    }

    public JsonNode required(String key) {
        return optional(key).orElseThrow(() -> problem(key, "is required for kind " + kind));
    }

    public String requiredText(String key) {
        return text(key, required(key));
    }

    public Optional<String> optionalText(String key) {
        return optional(key).map(v -> text(key, v));
    }

    public ObjectNode requiredObject(String key) {
        return object(key, required(key));
    }

    public Optional<ObjectNode> optionalObject(String key) {
        return optional(key).map(v -> object(key, v));
    }

    /** An optional array of non-empty strings; empty when absent. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        optional(key).ifPresent(v -> {
            if (!v.isArray()) {
                throw problem(key, "must be an array of strings");
            }
            v.forEach(item -> out.add(text(key, item)));
        });
        return out;
    }

    /** Fails on a key the kind did not ask for: a typo or a key of another kind must not be silently ignored. */
    public void finish() {
        for (String key : node.propertyNames()) {
            if (!accepted.contains(key)) {
                throw new ToolSchemaException(file, "unknown x-coupa key '" + prefix + key + "' for kind " + kind
                        + "; allowed: " + new TreeSet<>(accepted));
            }
        }
    }

    private String text(String key, JsonNode value) {
        if (!value.isString() || value.asString().isBlank()) {
            throw problem(key, "must be a non-empty string, got " + value);
        }
        return value.asString();
    }

    private ObjectNode object(String key, JsonNode value) {
        if (!(value instanceof ObjectNode o)) {
            throw problem(key, "must be an object, got " + value);
        }
        return o;
    }
}
