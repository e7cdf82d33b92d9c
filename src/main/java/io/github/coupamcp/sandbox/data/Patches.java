package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * PUT of plain fields: text, boolean and date fields a resource allows to change are kept in the record's patch
 * and overlaid on render; custom fields merge into {@code custom-fields}. Other keys are ignored, as Coupa
 * ignores attributes it does not accept, except read-only ones the caller clearly meant to change (status).
 */
final class Patches {
    enum Kind { TEXT, BOOLEAN, DATE }

    private Patches() {}

    /**
     * Applies the allowed fields of body onto patch; returns the new patch (possibly the same map when nothing
     * changed) or null after adding messages to errors.
     */
    static Map<String, JsonNode> apply(Map<String, JsonNode> patch, ObjectNode body, Map<String, Kind> allowed,
            Set<String> customFields, Errors errors) {
        Map<String, JsonNode> out = patch == null ? new HashMap<>() : new HashMap<>(patch);
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("custom-fields")) {
                mergeCustomFields(out, v, customFields, errors);
                continue;
            }
            Kind kind = allowed.get(key);
            if (kind == null) {
                continue;
            }
            JsonNode value = convert(key, v, kind, errors);
            if (value != null) {
                out.put(key, value);
            }
        }
        return errors.any() ? null : out.isEmpty() ? null : Map.copyOf(out);
    }

    private static JsonNode convert(String key, JsonNode v, Kind kind, Errors errors) {
        if (v == null || v.isNull()) {
            return Json.object().nullNode();
        }
        if (!v.isValueNode()) {
            errors.add(Bodies.label(key) + " must be a " + kind.name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        switch (kind) {
            case BOOLEAN:
                try {
                    return Json.object().booleanNode(Bodies.bool(Json.object().set("v", v), "v"));
                } catch (IllegalArgumentException ex) {
                    errors.add(Bodies.label(key) + " must be true or false");
                    return null;
                }
            case DATE:
                try {
                    return StringNode.valueOf(Formats.day(Bodies.day(v.asString().trim())));
                } catch (DateTimeParseException ex) {
                    errors.add(Bodies.label(key) + " is not a valid date");
                    return null;
                }
            default:
                return StringNode.valueOf(v.asString());
        }
    }

    private static void mergeCustomFields(Map<String, JsonNode> out, JsonNode v, Set<String> customFields,
            Errors errors) {
        if (!v.isObject()) {
            errors.add("Custom fields must be an object");
            return;
        }
        ObjectNode merged = out.get("custom-fields") instanceof ObjectNode cf ? cf.deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> f : v.properties()) {
            if (!customFields.contains(f.getKey())) {
                errors.add("Unknown custom field " + f.getKey());
            } else if (!f.getValue().isValueNode()) {
                errors.add("Custom field " + f.getKey() + " must be a scalar");
            } else {
                merged.set(f.getKey(), f.getValue());
            }
        }
        out.put("custom-fields", merged);
    }
}
