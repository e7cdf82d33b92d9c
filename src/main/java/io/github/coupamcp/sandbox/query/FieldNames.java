package io.github.coupamcp.sandbox.query;

import tools.jackson.databind.JsonNode;

/** Coupa accepts dashed and underscored field names alike; records use dashed keys. */
public final class FieldNames {
    private FieldNames() {}

    public static String dashed(String name) {
        return name.replace('_', '-');
    }

    /** The name as given, dashed and underscored, for asking a renderer for it whichever way records spell it. */
    public static java.util.Set<String> spellings(String name) {
        return java.util.stream.Stream.of(name, dashed(name), name.replace('-', '_'))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The key under which {@code node} holds {@code name} (as given, dashed or underscored), or null. */
    public static String keyIn(JsonNode node, String name) {
        if (node.has(name)) {
            return name;
        }
        String dashed = dashed(name);
        if (node.has(dashed)) {
            return dashed;
        }
        String underscored = name.replace('-', '_');
        return node.has(underscored) ? underscored : null;
    }

    /** The value of {@code name} in an object node, or null when absent. */
    public static JsonNode get(JsonNode node, String name) {
        String key = keyIn(node, name);
        return key == null ? null : node.get(key);
    }
}
