package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.ListArgumentSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks arguments against the tool's published inputSchema (the subset our schemas use: type, enum, format
 * date/date-time, minimum/maximum, minLength/maxLength, pattern, items, minItems/maxItems, additionalProperties)
 * and the binding's ranges. Needed because the {@code call} CLI path bypasses the SDK. Returns a normalised copy:
 * nulls dropped, strings trimmed, numeric strings parsed, a single value for an array argument wrapped (a JSON
 * array in a string parsed), array values deduplicated and sorted, defaults left out — so equal requests compare
 * equal (cursors pin them).
 */
public final class ArgumentValidator {
    /** Larger numbers are no amount or id Coupa holds (and would print with absurd lengths). */
    static final int MAX_WHOLE_DIGITS = 18;
    static final int MAX_DECIMALS = 6;
    private static final int MAX_NUMBER_CHARS = 40;
    /** The longest string argument whose schema states no maxLength. */
    static final int DEFAULT_MAX_LENGTH = 200;

    private ArgumentValidator() {}

    public static ObjectNode validate(ToolSpec spec, ObjectNode arguments) {
        ObjectNode schema = spec.definition().inputSchema();
        JsonNode properties = schema.get("properties");
        List<String> problems = new ArrayList<>();
        ObjectNode out = Json.object();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : arguments.properties()) {
            JsonNode propertySchema = properties.get(e.getKey());
            if (propertySchema == null) {
                unknown.add(e.getKey());
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
        if (!unknown.isEmpty()) {
            problems.add((unknown.size() == 1 ? "unknown argument " : "unknown arguments ")
                    + ProblemText.list(unknown.stream().map(ProblemText::quote).toList(), ", ")
                    + " (allowed: " + String.join(", ", properties.propertyNames()) + ")");
        }
        for (JsonNode required : schema.path("required")) {
            if (!out.has(required.asString())) {
                problems.add("missing required argument '" + required.asString() + "'");
            }
        }
        if (problems.isEmpty()) {
            checkRanges(spec.block(), out, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return out;
    }

    private static JsonNode check(String name, JsonNode value, JsonNode published, List<String> problems) {
        JsonNode schema = ListArgumentSchema.arrayForm(published);
        String type = schema.path("type").asString("string");
        int before = problems.size();
        JsonNode result = switch (type) {
            case "string" -> string(name, value, schema, problems);
            case "integer" -> number(name, value, schema, true, problems);
            case "number" -> number(name, value, schema, false, problems);
            case "boolean" -> value.isBoolean() ? value : problem(problems, name + " must be true or false");
            case "array" -> array(name, value, schema, problems);
            case "object" -> object(name, value, schema, problems);
            default -> problem(problems, name + " has unsupported schema type " + type);
        };
        return problems.size() > before ? null : result;
    }

    private static JsonNode string(String name, JsonNode value, JsonNode schema, List<String> problems) {
        if (!value.isString()) {
            return problem(problems, name + " must be a string");
        }
        String s = value.asString().trim();
        // no argument means anything when empty (a name "containing" nothing matches every record): refused without
        // a minLength in every schema, which agents would pay for in context
        if (s.isEmpty()) {
            return problem(problems, name + " must not be empty");
        }
        if (s.length() < schema.path("minLength").asInt(0)) {
            return problem(problems, name + " must be at least " + schema.get("minLength").asInt() + " characters");
        }
        // a name or number filter needs no maxLength in its schema (agents would pay for it in context): the cap holds
        // (a date or an enum value is checked for what it is, which quotes a long one by its start and length)
        int maxLength = schema.path("maxLength").asInt(schema.has("format") || schema.has("enum")
                ? Integer.MAX_VALUE : DEFAULT_MAX_LENGTH);
        if (s.length() > maxLength) {
            return problem(problems, name + " must be at most " + maxLength + " characters, got "
                    + ProblemText.count(s.length()));
        }
        String quoted = name + " " + ProblemText.quote(s);
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asString()));
            if (!allowed.contains(s)) {
                return problem(problems, quoted + " is not one of " + String.join(", ", allowed));
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(s).find()) {
            return problem(problems, quoted + " is not valid" + example(schema));
        }
        String format = schema.path("format").asString("");
        String wrongDate = ArgumentDates.problem(format, s);
        if (wrongDate != null) {
            return problem(problems, quoted + " " + wrongDate);
        }
        return Json.MAPPER.getNodeFactory().stringNode(ArgumentDates.normalised(format, s));
    }

    private static String example(JsonNode schema) {
        String description = schema.path("description").asString("");
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    private static JsonNode number(String name, JsonNode value, JsonNode schema, boolean integer,
            List<String> problems) {
        String text = value.isNumber() || value.isString() ? value.asString().trim() : null;
        if (text != null && text.length() > MAX_NUMBER_CHARS) {
            // parsing a number of a million digits takes seconds; no meaningful value is that long
            return problem(problems, name + " is out of range (at most " + MAX_WHOLE_DIGITS + " digits)");
        }
        BigDecimal n;
        try {
            n = text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null || integer && n.stripTrailingZeros().scale() > 0) {
            return problem(problems, name + " must be " + (integer ? "a whole number" : "a number"));
        }
        // before any arithmetic or printing: 1e999999999 is a valid BigDecimal with a billion digits in plain form
        if (n.precision() - n.scale() > MAX_WHOLE_DIGITS) {
            return problem(problems, name + " is out of range (at most " + MAX_WHOLE_DIGITS + " digits)");
        }
        if (!integer && n.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return problem(problems, name + " takes at most " + MAX_DECIMALS + " decimals");
        }
        if (schema.has("minimum") && n.compareTo(new BigDecimal(schema.get("minimum").asString())) < 0) {
            return problem(problems, name + " must be at least " + schema.get("minimum").asString());
        }
        if (schema.has("maximum") && n.compareTo(new BigDecimal(schema.get("maximum").asString())) > 0) {
            return problem(problems, name + " must be at most " + schema.get("maximum").asString());
        }
        if (integer) {
            return Json.MAPPER.getNodeFactory().numberNode(n.longValueExact());
        }
        // plain notation so the value prints as typed (100, not 1E+2) in filters and cursors
        return Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(n.stripTrailingZeros().toPlainString()));
    }

    /**
     * A nested object (a document line): its own properties, required ones and no others, normalised like the
     * top-level arguments.
     */
    private static JsonNode object(String name, JsonNode value, JsonNode schema, List<String> problems) {
        if (!(value instanceof ObjectNode given)) {
            return problem(problems, name + " must be an object");
        }
        JsonNode properties = schema.path("properties");
        ObjectNode out = Json.object();
        int before = problems.size();
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            JsonNode propertySchema = properties.get(e.getKey());
            if (propertySchema == null) {
                problems.add(name + " has unknown key " + ProblemText.quote(e.getKey()) + " (allowed: "
                        + String.join(", ", properties.propertyNames()) + ")");
            } else if (!e.getValue().isNull()) {
                JsonNode checked = check(name + "." + e.getKey(), e.getValue(), propertySchema, problems);
                if (checked != null) {
                    out.set(e.getKey(), checked);
                }
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!out.has(required.asString()) && problems.size() == before) {
                problems.add(name + " needs " + required.asString());
            }
        }
        return out;
    }

    /** A list of objects (document lines) keeps its order and its repeated entries: both mean something. */
    private static JsonNode orderedArray(String name, JsonNode value, JsonNode schema, List<String> problems) {
        JsonNode given = value.isArray() ? value : Json.array().add(value);
        if (given.size() < schema.path("minItems").asInt(0)) {
            return problem(problems, name + " needs at least " + schema.get("minItems").asInt() + " item(s)");
        }
        int maxItems = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        if (given.size() > maxItems) {
            return problem(problems, name + " takes at most " + maxItems + " items, got "
                    + ProblemText.count(given.size()));
        }
        ArrayNode out = Json.array();
        int before = problems.size();
        for (int i = 0; i < given.size(); i++) {
            JsonNode checked = check(name + "[" + i + "]", given.get(i), schema.path("items"), problems);
            if (checked != null) {
                out.add(checked);
            }
        }
        return problems.size() > before ? null : out;
    }

    private static JsonNode array(String name, JsonNode value, JsonNode schema, List<String> problems) {
        if ("object".equals(schema.path("items").path("type").asString())) {
            return orderedArray(name, value, schema, problems);
        }
        // repeated values are one value: folded before anything else, so a long repetition costs one check
        Set<JsonNode> given = new LinkedHashSet<>();
        (value.isArray() ? value : Json.array().add(value)).forEach(given::add);
        JsonNode listInText = given.size() == 1 ? jsonArrayIn(given.iterator().next()) : null;
        if (listInText != null) {
            given.clear();
            listInText.forEach(given::add);
        }
        // as for strings: an empty list filters nothing, and saying so in every schema would cost every agent
        int minItems = Math.max(1, schema.path("minItems").asInt(0));
        if (given.size() < minItems) {
            return problem(problems, name + " needs at least " + minItems + " value(s)");
        }
        JsonNode itemSchema = schema.path("items");
        // distinct values of an enum are bounded by it: the schema need not repeat the bound
        int maxItems = schema.path("maxItems").asInt(itemSchema.has("enum") ? itemSchema.get("enum").size()
                : Integer.MAX_VALUE);
        if (given.size() > maxItems) {
            return problem(problems, name + " takes at most " + maxItems + " different values, got "
                    + ProblemText.count(given.size()));
        }
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        List<String> itemProblems = new ArrayList<>();
        int index = 0;
        for (JsonNode item : given) {
            JsonNode checked = check(name + "[" + index++ + "]", item, itemSchema, itemProblems);
            if (checked != null) {
                sorted.putIfAbsent(checked.asString(), checked);
            }
        }
        if (!itemProblems.isEmpty()) {
            return problem(problems, ProblemText.items(name, itemProblems, given.size()));
        }
        ArrayNode out = Json.array();
        sorted.values().forEach(out::add);
        return out;
    }

    /**
     * The array a string spells, else null. Clients that infer an argument's type from a top-level {@code type}
     * (the Inspector CLI: {@code --tool-arg 'status=["a","b"]'}) cannot see the array inside the published
     * {@code anyOf} and send the list as its JSON text; models sometimes do the same.
     */
    private static JsonNode jsonArrayIn(JsonNode value) {
        if (!value.isString() || !value.asString().strip().startsWith("[")) {
            return null;
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(value.asString());
            return parsed.isArray() && !parsed.isEmpty() ? parsed : null;
        } catch (RuntimeException e) {
            return null; // not JSON: checked as the single value it is
        }
    }

    private static void checkRanges(KindBlock binding, ObjectNode args, List<String> problems) {
        for (List<String> range : binding.ranges()) {
            JsonNode from = args.get(range.get(0));
            JsonNode to = args.get(range.get(1));
            if (from == null || to == null) {
                continue;
            }
            int cmp = from.isNumber() && to.isNumber()
                    ? new BigDecimal(from.asString()).compareTo(new BigDecimal(to.asString()))
                    : ArgumentDates.instant(from.asString()).compareTo(ArgumentDates.instant(to.asString()));
            if (cmp > 0) {
                problems.add(range.get(0) + " (" + from.asString() + ") is after " + range.get(1) + " ("
                        + to.asString() + "): the range is empty; swap them");
            }
        }
    }

    private static JsonNode problem(List<String> problems, String problem) {
        problems.add(problem);
        return null;
    }
}
