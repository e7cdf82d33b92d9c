package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.query.BadQueryException;
import io.github.coupamcp.sandbox.query.FieldNames;
import io.github.coupamcp.sandbox.query.RecordQuery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Write request bodies as the data layer wants them: one tree with dashed keys, whether the client sent JSON or
 * Coupa XML and whether it wrote {@code invoice_number} or {@code invoice-number}.
 */
final class RequestBodies {
    private RequestBodies() {}

    /** JSON or XML by content type (or by the first character when the type says neither); empty means {}. */
    static ObjectNode read(String contentType, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Json.object();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean xml = type.contains("xml") || (!type.contains("json") && text.startsWith("<"));
        if (xml) {
            return dashKeys(CoupaXmlReader.read(bytes));
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new BadQueryException("body", "Malformed JSON body");
        }
        if (!tree.isObject()) {
            throw new BadQueryException("body", "The JSON body must be an object");
        }
        return dashKeys((ObjectNode) tree);
    }

    /**
     * Coupa's {@code PUT /api/invoices/1?exported=true}: plain query parameters (not fields, return_object or
     * bracketed names) join the update body unless the body sets them; "true"/"false" become booleans.
     */
    static ObjectNode withQueryFlags(ObjectNode body, Map<String, List<String>> params) {
        params.forEach((name, values) -> {
            String key = FieldNames.dashed(name);
            if (RecordQuery.RESERVED.contains(name) || values.isEmpty() || name.contains("[") || body.has(key)) {
                return;
            }
            String v = values.get(values.size() - 1);
            if (v.equals("true") || v.equals("false")) {
                body.put(key, Boolean.parseBoolean(v));
            } else {
                body.put(key, v);
            }
        });
        return body;
    }

    private static ObjectNode dashKeys(ObjectNode node) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.set(FieldNames.dashed(e.getKey()), dashKeys(e.getValue()));
        }
        return out;
    }

    private static JsonNode dashKeys(JsonNode node) {
        if (node.isObject()) {
            return dashKeys((ObjectNode) node);
        }
        if (node.isArray()) {
            var out = Json.array();
            node.forEach(element -> out.add(dashKeys(element)));
            return out;
        }
        return node;
    }
}
