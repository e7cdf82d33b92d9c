package io.github.coupamcp.tools.schema;

import io.github.coupamcp.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * List arguments also take a single value: agents often send {@code "status": "approved"} for
 * {@code ["approved"]}. A tool file declares a plain array; it is published as
 * {@code {"description": …, "anyOf": [<the array>, {"type": <the items' type>}]}} — a combinator inside one property,
 * which clients accept, never at the top of the schema, which several reject. The single-value branch names only the
 * type: repeating the items' enum would double the property's size in every agent's context, and a single value is
 * checked against the array's items anyway ({@link #arrayForm}).
 */
public final class ListArgumentSchema {
    private static final String ANY_OF = "anyOf";

    private ListArgumentSchema() {}

    /** The published form of every array property of {@code inputSchema} (other properties unchanged). */
    static ObjectNode widen(ObjectNode inputSchema) {
        ObjectNode out = inputSchema.deepCopy();
        ObjectNode properties = (ObjectNode) out.get("properties");
        for (Map.Entry<String, JsonNode> e : inputSchema.get("properties").properties()) {
            // a list of objects (document lines) is always sent as a list: widening would only repeat its schema
            if ("array".equals(e.getValue().path("type").asString()) && e.getValue().has("items")
                    && !"object".equals(e.getValue().get("items").path("type").asString())) {
                properties.set(e.getKey(), widenOne((ObjectNode) e.getValue()));
            }
        }
        return out;
    }

    private static ObjectNode widenOne(ObjectNode array) {
        ObjectNode list = array.deepCopy();
        ObjectNode published = Json.object();
        for (String key : new String[] {"title", "description", "default"}) {
            if (list.has(key)) {
                published.set(key, list.remove(key));
            }
        }
        ArrayNode anyOf = published.putArray(ANY_OF);
        anyOf.add(list);
        anyOf.addObject().set("type", array.get("items").get("type").deepCopy());
        return published;
    }

    /** The array form of a published property: its array branch when it is a widened list, else itself. */
    public static JsonNode arrayForm(JsonNode property) {
        for (JsonNode branch : property.path(ANY_OF)) {
            if ("array".equals(branch.path("type").asString())) {
                return branch;
            }
        }
        return property;
    }
}
