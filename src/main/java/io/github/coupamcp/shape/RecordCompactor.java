package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Coupa's JSON record (dashed keys, nested objects in full) into what an agent reads: snake_case keys,
 * references collapsed to {@code {id, name}} / {@code {id, number}} or a bare code ({@code "USD"}), nulls and empty
 * values dropped. Stateless and thread-safe.
 */
public final class RecordCompactor {
    /** Keys that name a user in Coupa's UserSimple, in order of preference. */
    private static final List<String> USER_NAME_KEYS = List.of("fullname", "login", "email");

    private final CompactionRules rules;

    public RecordCompactor(CompactionRules rules) {
        this.rules = rules;
    }

    public ObjectNode compact(ObjectNode coupaRecord) {
        ObjectNode raw = coupaRecord.deepCopy();
        for (CompactionRules.DerivedSum sum : rules.sums()) {
            derive(raw, sum);
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            String key = rules.renames().getOrDefault(e.getKey(), snake(e.getKey()));
            putIfPresent(out, key, compactValue(e.getValue()));
        }
        for (CompactionRules.DerivedSum sum : rules.sums()) {
            dropIfOnlySummed(out, snake(sum.source()), snake(sum.field()));
        }
        return out;
    }

    /** Coupa accepts both spellings; agents read snake_case. */
    public static String snake(String coupaKey) {
        return coupaKey.replace('-', '_');
    }

    private static JsonNode compactValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString().isEmpty() ? null : value;
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode element : value) {
                JsonNode c = element.isObject() ? compactObject((ObjectNode) element) : compactValue(element);
                if (c != null) {
                    out.add(c);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (value.isObject()) {
            return collapseReference((ObjectNode) value);
        }
        if (value.isFloatingPointNumber()) {
            // decimals travel as exact strings, as Coupa itself sends money
            return Json.MAPPER.getNodeFactory().stringNode(new BigDecimal(value.asString()).toPlainString());
        }
        return value;
    }

    /** A sub-record (line, contact, custom fields): compacted key by key, its own references collapsed. */
    private static ObjectNode compactObject(ObjectNode object) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            putIfPresent(out, snake(e.getKey()), compactValue(e.getValue()));
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * A nested object that identifies another record collapses to its identity: {@code {id, name}} (plus its number
     * or code when it has one), {@code {id, number}}, a user's {@code {id, name}} or a bare code for code-only
     * lookups (currency, payment term,
     * unit of measure). Objects with no identifying key (contacts, custom fields) are compacted as sub-records.
     */
    private static JsonNode collapseReference(ObjectNode object) {
        JsonNode id = object.get("id");
        String name = text(object, "name");
        String number = firstText(object, "number", "po-number", "invoice-number");
        String code = text(object, "code");
        if (name != null) {
            ObjectNode ref = identity(id);
            ref.put("name", name);
            if (number != null) {
                ref.put("number", number);
            }
            if (code != null) {
                ref.put("code", code);
            }
            return ref;
        }
        if (number != null) {
            ObjectNode ref = identity(id);
            ref.put("number", number);
            return ref;
        }
        if (code != null) {
            return Json.MAPPER.getNodeFactory().stringNode(code);
        }
        // a user reference (UserSimple) has an id or a login; a bare contact with an email is a sub-record
        String userName = object.has("id") || object.has("login") ? userName(object) : null;
        if (userName != null) {
            ObjectNode ref = identity(id);
            ref.put("name", userName);
            return ref;
        }
        return compactObject(object);
    }

    private static ObjectNode identity(JsonNode id) {
        ObjectNode ref = Json.object();
        if (id != null && !id.isNull()) {
            ref.set("id", id);
        }
        return ref;
    }

    private static String userName(ObjectNode object) {
        String first = text(object, "firstname");
        String last = text(object, "lastname");
        if (first != null || last != null) {
            return ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        }
        for (String key : USER_NAME_KEYS) {
            String v = text(object, key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String firstText(ObjectNode object, String... keys) {
        for (String key : keys) {
            String v = text(object, key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(ObjectNode object, String key) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull() || v.isContainer()) {
            return null;
        }
        String s = v.asString();
        return s.isEmpty() ? null : s;
    }

    private static void putIfPresent(ObjectNode out, String key, JsonNode value) {
        if (value != null) {
            out.set(key, value);
        }
    }

    private static void derive(ObjectNode raw, CompactionRules.DerivedSum sum) {
        if (raw.hasNonNull(sum.name()) || !(raw.get(sum.source()) instanceof ArrayNode lines)) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            JsonNode v = line.get(sum.field());
            if (v != null && !v.isNull() && !v.asString().isEmpty()) {
                total = total.add(new BigDecimal(v.asString()));
            }
        }
        raw.put(sum.name(), total.toPlainString());
    }

    private static void dropIfOnlySummed(ObjectNode out, String source, String field) {
        JsonNode lines = out.get(source);
        if (lines == null || !lines.isArray()) {
            return;
        }
        for (JsonNode line : lines) {
            if (!line.isObject() || line.size() != 1 || !line.has(field)) {
                return;
            }
        }
        out.remove(source);
    }
}
