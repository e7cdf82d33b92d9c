package io.github.coupamcp.sandbox.query;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coupa's {@code fields=[...]} projection: a JSON array of field names and {@code {"association": [...]}}
 * objects, where {@code {"custom_fields": {}}} (an empty object) keeps the whole association. Names may be
 * dashed or underscored; output keys are the record's own (dashed) keys. Unknown names are left out.
 */
public final class FieldProjection {
    private final List<Item> items;

    /** One requested name; {@code sub} is null for a plain name or a whole association. */
    private record Item(String name, FieldProjection sub) {}

    private FieldProjection(List<Item> items) {
        this.items = items;
    }

    public static FieldProjection parse(String json) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new BadQueryException("fields", "fields must be a JSON array, e.g. [\"id\",{\"supplier\":[\"name\"]}]");
        }
        return of(tree);
    }

    private static FieldProjection of(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new BadQueryException("fields", "fields must be a JSON array, e.g. [\"id\",{\"supplier\":[\"name\"]}]");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isString()) {
                items.add(new Item(element.asString(), null));
            } else if (element.isObject()) {
                for (Map.Entry<String, JsonNode> e : element.properties()) {
                    items.add(association(e.getKey(), e.getValue()));
                }
            } else {
                throw new BadQueryException("fields", "fields entries must be names or {\"association\": [...]}: "
                        + element);
            }
        }
        return new FieldProjection(List.copyOf(items));
    }

    private static Item association(String name, JsonNode value) {
        if (value.isObject() && value.isEmpty()) {
            return new Item(name, null);
        }
        if (value.isArray()) {
            return new Item(name, of(value));
        }
        throw new BadQueryException("fields", "association " + name + " must map to an array of fields or {}");
    }

    /** The top-level names this projection keeps, in every spelling (what a renderer must produce). */
    public Set<String> topLevelNames() {
        Set<String> names = new HashSet<>();
        items.forEach(item -> names.addAll(FieldNames.spellings(item.name())));
        return names;
    }

    public ObjectNode apply(JsonNode record) {
        ObjectNode out = Json.object();
        for (Item item : items) {
            String key = FieldNames.keyIn(record, item.name());
            if (key == null) {
                continue;
            }
            JsonNode value = record.get(key);
            out.set(key, item.sub() == null ? value : item.sub().applyNested(value));
        }
        return out;
    }

    private JsonNode applyNested(JsonNode value) {
        if (value.isObject()) {
            return apply(value);
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            value.forEach(element -> out.add(element.isObject() ? apply(element) : element));
            return out;
        }
        return value;
    }
}
