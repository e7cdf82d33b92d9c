package io.github.coupamcp.sandbox.query;

import io.github.coupamcp.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coupa's {@code return_object}: {@code none} (empty body, writes only), {@code limited} (ids only),
 * {@code shallow} (own attributes, with one-deep associations cut down to their id and natural keys).
 */
public enum ReturnObject {
    FULL, NONE, LIMITED, SHALLOW;

    /** What a shallow association keeps: the id and the keys people and systems look records up by. */
    private static final Set<String> NATURAL_KEYS = Set.of("id", "code", "name", "login", "email", "number",
            "external-src-ref");
    private static final String CUSTOM_FIELDS = "custom-fields";

    /** Parses the parameter; null means FULL. {@code none} is only valid on writes. */
    public static ReturnObject parse(String value, boolean write) {
        if (value == null) {
            return FULL;
        }
        ReturnObject parsed = switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "limited" -> LIMITED;
            case "shallow" -> SHALLOW;
            default -> null;
        };
        if (parsed == null || (parsed == NONE && !write)) {
            throw new BadQueryException("return_object", "return_object must be "
                    + (write ? "none, limited or shallow" : "limited or shallow") + ", got " + value);
        }
        return parsed;
    }

    /** Shapes a full record; NONE yields null (no body). */
    public ObjectNode apply(ObjectNode record) {
        return switch (this) {
            case FULL -> record;
            case NONE -> null;
            case LIMITED -> Json.object().set("id", record.get("id"));
            case SHALLOW -> shallow(record);
        };
    }

    private static ObjectNode shallow(ObjectNode record) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : record.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject() && !e.getKey().equals(CUSTOM_FIELDS)) {
                out.set(e.getKey(), naturalKeys(v));
            } else if (v.isArray()) {
                ArrayNode items = out.putArray(e.getKey());
                v.forEach(item -> items.add(item.isObject() ? naturalKeys(item) : item));
            } else {
                out.set(e.getKey(), v);
            }
        }
        return out;
    }

    private static ObjectNode naturalKeys(JsonNode association) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : association.properties()) {
            if (NATURAL_KEYS.contains(e.getKey()) && !e.getValue().isContainer()) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
