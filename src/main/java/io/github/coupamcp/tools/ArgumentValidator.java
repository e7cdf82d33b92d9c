package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks arguments against the tool's published inputSchema (the subset our schemas use: type, enum, format
 * date/date-time, minimum/maximum, minLength/maxLength, pattern, items, minItems/maxItems, additionalProperties)
 * and the binding's ranges. Needed because the {@code call} CLI path bypasses the SDK. Returns a normalised copy:
 * nulls dropped, strings trimmed, numeric strings parsed, a single value for an array argument wrapped, array
 * values deduplicated and sorted, defaults left out — so equal requests compare equal (cursors pin them).
 */
final class ArgumentValidator {
    private ArgumentValidator() {}

    static ObjectNode validate(ToolSpec spec, ObjectNode arguments) {
        ObjectNode schema = spec.definition().inputSchema();
        JsonNode properties = schema.get("properties");
        List<String> problems = new ArrayList<>();
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : arguments.properties()) {
            JsonNode propertySchema = properties.get(e.getKey());
            if (propertySchema == null) {
                problems.add("unknown argument '" + e.getKey() + "' (allowed: "
                        + String.join(", ", properties.propertyNames()) + ")");
                continue;
            }
            if (e.getValue().isNull()) {
                continue;
            }
            JsonNode value = check(e.getKey(), e.getValue(), propertySchema, problems);
            // a value equal to the documented default is the same request as leaving it out
            if (value != null && !value.equals(propertySchema.get("default"))) {
                out.set(e.getKey(), value);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!out.has(required.asString())) {
                problems.add("missing required argument '" + required.asString() + "'");
            }
        }
        if (problems.isEmpty()) {
            checkRanges(spec.binding(), out, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return out;
    }

    private static JsonNode check(String name, JsonNode value, JsonNode schema, List<String> problems) {
        String type = schema.path("type").asString("string");
        int before = problems.size();
        JsonNode result = switch (type) {
            case "string" -> string(name, value, schema, problems);
            case "integer" -> number(name, value, schema, true, problems);
            case "number" -> number(name, value, schema, false, problems);
            case "boolean" -> value.isBoolean() ? value : problem(problems, name + " must be true or false");
            case "array" -> array(name, value, schema, problems);
            default -> problem(problems, name + " has unsupported schema type " + type);
        };
        return problems.size() > before ? null : result;
    }

    private static JsonNode string(String name, JsonNode value, JsonNode schema, List<String> problems) {
        if (!value.isString()) {
            return problem(problems, name + " must be a string");
        }
        String s = value.asString().trim();
        if (s.length() < schema.path("minLength").asInt(0)) {
            return problem(problems, name + " must not be empty");
        }
        if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
            return problem(problems, name + " must be at most " + schema.get("maxLength").asInt() + " characters");
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asString()));
            if (!allowed.contains(s)) {
                return problem(problems, name + " '" + s + "' is not one of " + String.join(", ", allowed));
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(s).find()) {
            return problem(problems, name + " '" + s + "' is not valid" + example(schema));
        }
        String format = schema.path("format").asString("");
        if (format.equals("date") && !isDate(s)) {
            return problem(problems, name + " '" + s + "' is not a date like 2025-01-31");
        }
        if (format.equals("date-time") && toInstant(s) == null) {
            return problem(problems, name + " '" + s
                    + "' is not a date (2025-01-31) or date-time (2025-01-31T08:00:00Z)");
        }
        return Json.MAPPER.getNodeFactory().stringNode(s);
    }

    private static String example(JsonNode schema) {
        String description = schema.path("description").asString("");
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    private static JsonNode number(String name, JsonNode value, JsonNode schema, boolean integer,
            List<String> problems) {
        BigDecimal n;
        try {
            n = value.isNumber() ? new BigDecimal(value.asString())
                    : value.isString() ? new BigDecimal(value.asString().trim()) : null;
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null || integer && n.stripTrailingZeros().scale() > 0) {
            return problem(problems, name + " must be " + (integer ? "a whole number" : "a number"));
        }
        if (schema.has("minimum") && n.compareTo(new BigDecimal(schema.get("minimum").asString())) < 0) {
            return problem(problems, name + " must be at least " + schema.get("minimum").asString());
        }
        if (schema.has("maximum") && n.compareTo(new BigDecimal(schema.get("maximum").asString())) > 0) {
            return problem(problems, name + " must be at most " + schema.get("maximum").asString());
        }
        if (integer) {
            try {
                return Json.MAPPER.getNodeFactory().numberNode(n.longValueExact());
            } catch (ArithmeticException e) {
                return problem(problems, name + " is too large");
            }
        }
        // plain notation so the value prints as typed (100, not 1E+2) in filters and cursors
        return Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(n.stripTrailingZeros().toPlainString()));
    }

    private static JsonNode array(String name, JsonNode value, JsonNode schema, List<String> problems) {
        JsonNode items = value.isArray() ? value : Json.array().add(value);
        JsonNode itemSchema = schema.path("items");
        TreeSet<String> seen = new TreeSet<>();
        ArrayNode out = Json.array();
        int index = 0;
        for (JsonNode item : items) {
            JsonNode checked = check(name + "[" + index++ + "]", item, itemSchema, problems);
            if (checked != null && seen.add(checked.asString())) {
                out.add(checked);
            }
        }
        // Counted on what was given: values already reported as bad must not also make the list "too short".
        if (index < schema.path("minItems").asInt(0)) {
            return problem(problems, name + " needs at least " + schema.get("minItems").asInt() + " value(s)");
        }
        if (schema.has("maxItems") && out.size() > schema.get("maxItems").asInt()) {
            return problem(problems, name + " takes at most " + schema.get("maxItems").asInt() + " values");
        }
        ArrayNode sorted = Json.array();
        List<JsonNode> values = new ArrayList<>();
        out.forEach(values::add);
        values.sort((a, b) -> a.asString().compareTo(b.asString()));
        values.forEach(sorted::add);
        return sorted;
    }

    private static void checkRanges(CoupaBinding binding, ObjectNode args, List<String> problems) {
        for (List<String> range : binding.ranges()) {
            JsonNode from = args.get(range.get(0));
            JsonNode to = args.get(range.get(1));
            if (from == null || to == null) {
                continue;
            }
            int cmp = from.isNumber() && to.isNumber()
                    ? new BigDecimal(from.asString()).compareTo(new BigDecimal(to.asString()))
                    : toInstant(from.asString()).compareTo(toInstant(to.asString()));
            if (cmp > 0) {
                problems.add(range.get(0) + " (" + from.asString() + ") is after " + range.get(1) + " ("
                        + to.asString() + "): the range is empty; swap them");
            }
        }
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Coupa reads a date without time or zone as midnight UTC, and so do we. */
    static Instant toInstant(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode problem(List<String> problems, String problem) {
        problems.add(problem);
        return null;
    }
}
