package io.github.coupamcp.sandbox.data;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fast tree building for render(), the query engine's hot path: object nodes backed by maps sized up front
 * (a default-sized map rehashes several times for a 70-field invoice), and a deep copy that does the same.
 * Value nodes are immutable in Jackson, so copies share them.
 */
final class Trees {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Trees() {}

    static ObjectNode object(int expectedFields) {
        return new ObjectNode(F, new LinkedHashMap<>(expectedFields * 4 / 3 + 2));
    }

    /** A node opening, as every Coupa record does, with its id, created-at and updated-at. */
    static ObjectNode stamped(int id, String createdAt, String updatedAt) {
        return stamped(F.numberNode(id), createdAt, updatedAt);
    }

    static ObjectNode stamped(long id, String createdAt, String updatedAt) {
        return stamped(F.numberNode(id), createdAt, updatedAt);
    }

    private static ObjectNode stamped(JsonNode id, String createdAt, String updatedAt) {
        ObjectNode n = object(24);
        n.set("id", id);
        n.put("created-at", createdAt);
        n.put("updated-at", updatedAt);
        return n;
    }

    static JsonNode copy(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = object(o.size());
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.set(e.getKey(), copy(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = F.arrayNode(a.size());
            for (JsonNode item : a) {
                out.add(copy(item));
            }
            return out;
        }
        return node;
    }
}
