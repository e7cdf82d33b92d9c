package io.github.coupamcp.coupa;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Coupa {@code fields} projection: {@code ["id","status",{"supplier":["id","name"]},{"custom_fields":{}}]}.
 * Immutable. Build with {@link #of}, {@link #nested}, {@link #customFields()} or {@link #parse}.
 */
public final class Fields {
    private final ArrayNode spec;

    private Fields(ArrayNode spec) {
        this.spec = spec;
    }

    /** Each item is a field name (String) or a nested projection made by {@link #nested} / {@link #customFields()}. */
    public static Fields of(Object... items) {
        ArrayNode array = Json.array();
        for (Object item : items) {
            if (item instanceof String name) {
                array.add(name);
            } else if (item instanceof Nested nested) {
                array.add(nested.node());
            } else {
                throw new IllegalArgumentException("fields item must be a name or Fields.nested(...): " + item);
            }
        }
        return new Fields(array);
    }

    /** {@code {"association": [items...]}}. */
    public static Nested nested(String association, Object... items) {
        ObjectNode node = Json.object();
        node.set(association, of(items).spec.deepCopy());
        return new Nested(node);
    }

    /** {@code {"custom_fields": {}}}: every custom field. */
    public static Nested customFields() {
        ObjectNode node = Json.object();
        node.set("custom_fields", Json.object());
        return new Nested(node);
    }

    /** Parses Coupa's JSON-array syntax; IllegalArgumentException when it is not such an array. */
    public static Fields parse(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("fields must be a JSON array, e.g. [\"id\",{\"supplier\":[\"name\"]}]");
        }
        if (!(node instanceof ArrayNode array)) {
            throw new IllegalArgumentException("fields must be a JSON array, e.g. [\"id\",{\"supplier\":[\"name\"]}]");
        }
        return new Fields(array.deepCopy());
    }

    /** This projection with {@code name} added in front when no top-level item has that name (paging needs "id"). */
    public Fields including(String name) {
        if (topLevelNames().contains(name)) {
            return this;
        }
        ArrayNode array = Json.array();
        array.add(name);
        array.addAll(spec.deepCopy());
        return new Fields(array);
    }

    /** The value of the {@code fields} query parameter (compact JSON, not yet URL-encoded). */
    public String toParam() {
        return spec.toString();
    }

    /** A copy of the projection as a JSON array. */
    public ArrayNode toJson() {
        return spec.deepCopy();
    }

    /** Top-level field names and association names, in order. */
    public List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode item : spec) {
            if (item.isString()) {
                names.add(item.asString());
            } else if (item.isObject()) {
                for (Map.Entry<String, JsonNode> e : item.properties()) {
                    names.add(e.getKey());
                }
            }
        }
        return Collections.unmodifiableList(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fields f && f.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return toParam();
    }

    /** One nested projection item. */
    public record Nested(ObjectNode node) {}
}
