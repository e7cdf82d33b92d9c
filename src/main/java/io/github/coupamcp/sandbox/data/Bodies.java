package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading Coupa write payloads: key normalisation and typed field access. */
final class Bodies {
    private Bodies() {}

    /**
     * A copy of the body with every key dashed ({@code invoice_number} -> {@code invoice-number}): Coupa accepts
     * both spellings and the sandbox stores the dashed one.
     */
    static ObjectNode dashed(ObjectNode body) {
        return body == null ? Json.object() : (ObjectNode) dash(body);
    }

    private static JsonNode dash(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.set(e.getKey().replace('_', '-'), dash(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode item : node) {
                out.add(dash(item));
            }
            return out;
        }
        return node;
    }

    static boolean present(JsonNode body, String key) {
        JsonNode v = body.get(key);
        return v != null && !v.isNull() && !(v.isString() && v.asString().isBlank());
    }

    /** Trimmed text of a scalar field, or null when absent or blank. */
    static String text(JsonNode body, String key) {
        if (!present(body, key)) {
            return null;
        }
        JsonNode v = body.get(key);
        return v.isValueNode() ? v.asString().trim() : null;
    }

    /** A decimal string or number in minor units (cents); null if absent; throws NumberFormatException if bad. */
    static Long cents(JsonNode body, String key) {
        String t = text(body, key);
        return t == null ? null : new BigDecimal(t).movePointRight(2).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** A quantity in thousandths; null if absent; throws NumberFormatException if bad. */
    static Long milli(JsonNode body, String key) {
        String t = text(body, key);
        return t == null ? null : new BigDecimal(t).movePointRight(3).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Coupa date fields accept a date or a datetime: returns the epoch day, or throws DateTimeParseException. */
    static int day(String text) {
        try {
            return (int) LocalDate.parse(text).toEpochDay();
        } catch (DateTimeParseException e) {
            try {
                return (int) OffsetDateTime.parse(text).atZoneSameInstant(Formats.ZONE).toLocalDate().toEpochDay();
            } catch (DateTimeParseException e2) {
                return (int) LocalDateTime.parse(text).toLocalDate().toEpochDay();
            }
        }
    }

    /** Boolean field: JSON booleans or the strings true/false; null when absent. */
    static Boolean bool(JsonNode body, String key) {
        if (!present(body, key)) {
            return null;
        }
        JsonNode v = body.get(key);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String t = v.asString().trim();
        if (t.equalsIgnoreCase("true") || t.equals("1")) {
            return true;
        }
        if (t.equalsIgnoreCase("false") || t.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(t);
    }

    /** Human label Coupa uses in messages: {@code invoice-number} -> {@code Invoice number}. */
    static String label(String key) {
        String s = key.replace('-', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
