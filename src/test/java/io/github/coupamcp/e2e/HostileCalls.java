package io.github.coupamcp.e2e;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile {@code tools/call} requests for the fuzz, derived from the published input schemas: wrong types, huge
 * strings, deep nesting, unknown tools, bad cursors, absurd dates, repeated list items, unicode, nulls, extra and
 * missing properties, broken params. Deterministic for a seed.
 */
final class HostileCalls {
    /** One request: what kind of hostility (for the report) and the JSON-RPC message text. */
    record Call(String kind, String tool, String message) {}

    private static final String[] DATES = {"+10000-01-01", "-0001-01-01", "0000-00-00", "2024-02-30", "2024-13-01",
        "9999-12-31T23:59:59Z", "1970-01-01T00:00:00+25:00", "yesterday", "2024-01-01T00:00:00.123456789123Z",
        "+999999999-12-31", "-999999999-01-01", "2024-01-01 00:00:00", "", " "};
    private static final String[] CURSORS = {"", "abc", "null", "eyJ2IjoxfQ", "eyJ2IjoxfQ.AAAA", "!!!!",
        "A".repeat(5000), "%00%01", "😀😀😀", "..", "eyJhIjoiYiJ9.c2lnbmF0dXJl", "\u0000", "-1"};
    private static final String[] STRINGS = {"\u0000", "\u202eevil", "😀".repeat(200), "' OR 1=1 --",
        "<script>x</script>", "%00", "\\", "\"", "a\nb\r\nc", "ｆｕｌｌｗｉｄｔｈ", "\u200b", "../../etc/passwd", "${jndi:ldap://127.0.0.1/x}",
        "null", "true", "-1", "1e309", " ", "Ω≈ç√∫"};
    private static final String[] TOOL_NAMES = {"invalid_tool_name", "", " ", "list_invoices ", "LIST_INVOICES",
        "../list_invoices", "😀", "a".repeat(5000), "list-invoices", "\u0000", "tools/list"};

    private final Random random;
    private final List<String> tools = new ArrayList<>();
    private final Map<String, ObjectNode> properties = new java.util.LinkedHashMap<>();

    /** {@code toolsList}: the {@code result} of tools/list. */
    HostileCalls(long seed, JsonNode toolsList) {
        this.random = new Random(seed);
        for (JsonNode tool : toolsList.path("tools")) {
            String name = tool.path("name").asString();
            tools.add(name);
            JsonNode props = tool.path("inputSchema").path("properties");
            properties.put(name, props.isObject() ? (ObjectNode) props : Json.object());
        }
        if (tools.isEmpty()) {
            throw new IllegalStateException("tools/list published no tools: " + toolsList);
        }
    }

    List<String> tools() {
        return tools;
    }

    /** {@code count} calls, cycling through every tool; ids from {@code firstId}. */
    List<Call> generate(int count, int firstId) {
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(call(tools.get(i % tools.size()), firstId + i));
        }
        return calls;
    }

    private Call call(String tool, int id) {
        ObjectNode props = properties.get(tool);
        String head = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":";
        int pick = random.nextInt(100);
        if (pick < 4) {
            String[] broken = {"{\"name\":\"" + tool + "\",\"arguments\":[]}", "{\"name\":\"" + tool
                    + "\",\"arguments\":\"x\"}", "{\"name\":\"" + tool + "\",\"arguments\":5}", "{\"name\":[\"" + tool
                    + "\"]}", "null", "\"" + tool + "\"", "{\"arguments\":{}}", "{\"name\":null}",
                "{\"name\":\"" + tool + "\",\"arguments\":{},\"_meta\":[]}", "[]", "{\"name\":\"" + tool
                    + "\",\"_meta\":{\"progressToken\":{}}}"};
            return new Call("broken params", tool, head + broken[random.nextInt(broken.length)] + "}");
        }
        if (pick < 8) {
            String name = TOOL_NAMES[random.nextInt(TOOL_NAMES.length)];
            return new Call("unknown tool", tool, head + Json.MAPPER.writeValueAsString(
                    Map.of("name", name, "arguments", Map.of())) + "}");
        }
        if (pick < 9) {
            // deeper than any limit: refused as a whole
            int depth = 20 + random.nextInt(100);
            return new Call("deep nesting", tool, head + "{\"name\":\"" + tool + "\",\"arguments\":{\"x\":"
                    + "[".repeat(depth) + "]".repeat(depth) + "}}}");
        }
        ObjectNode arguments = Json.object();
        String kind;
        List<String> names = new ArrayList<>();
        props.propertyNames().forEach(names::add);
        if (pick < 10 || names.isEmpty()) {
            kind = "extra properties";
            arguments.put("zzz_unknown", 1);
            arguments.putObject("__proto__").put("polluted", true);
            arguments.putArray("").add("x");
        } else if (pick < 14) {
            kind = "nulls";
            names.forEach(arguments::putNull);
        } else if (pick < 18) {
            kind = "valid-ish";
            for (String name : names) {
                if (random.nextBoolean()) {
                    arguments.set(name, plausible(props.path(name)));
                }
            }
        } else {
            // mutate one to three properties, the rest plausible or absent
            int mutations = 1 + random.nextInt(3);
            StringBuilder kinds = new StringBuilder();
            for (int m = 0; m < mutations; m++) {
                String name = names.get(random.nextInt(names.size()));
                String mutation = mutate(name, props.path(name), arguments);
                kinds.append(m == 0 ? "" : "+").append(mutation);
            }
            kind = kinds.toString();
        }
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", arguments);
        return new Call(kind, tool, head + Json.MAPPER.writeValueAsString(params) + "}");
    }

    private String mutate(String name, JsonNode schema, ObjectNode arguments) {
        boolean dateLike = name.contains("date") || name.endsWith("_after") || name.endsWith("_before")
                || name.endsWith("_from") || name.endsWith("_to")
                || schema.path("format").asString("").contains("date");
        int choice = random.nextInt(9);
        if (dateLike && choice < 4) {
            arguments.put(name, DATES[random.nextInt(DATES.length)]);
            return "absurd date";
        }
        if (name.equals("cursor") && choice < 5) {
            arguments.put(name, CURSORS[random.nextInt(CURSORS.length)]);
            return "bad cursor";
        }
        switch (choice) {
            case 0, 1 -> {
                arguments.set(name, wrongType());
                return "wrong type";
            }
            case 2 -> {
                int length = 1000 + random.nextInt(random.nextInt(10) == 0 ? 300_000 : 20_000);
                arguments.put(name, (random.nextBoolean() ? "x" : "é😀").repeat(length / 2));
                return "huge string";
            }
            case 3 -> {
                ArrayNode list = arguments.putArray(name);
                JsonNode item = random.nextBoolean() ? plausibleItem(schema)
                        : Json.MAPPER.getNodeFactory().stringNode(random.nextBoolean() ? "approved" : "a");
                int n = random.nextBoolean() ? 1000 : 5000;
                for (int i = 0; i < n; i++) {
                    list.add(item);
                }
                return "repeated list items";
            }
            case 4 -> {
                arguments.put(name, STRINGS[random.nextInt(STRINGS.length)]);
                return "unicode/injection";
            }
            case 5 -> {
                long[] numbers = {-1, 0, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, 1_000_000_000};
                if (random.nextBoolean()) {
                    arguments.put(name, numbers[random.nextInt(numbers.length)]);
                } else {
                    arguments.put(name, new double[] {1.5, 1e308, -1e308, -0.0, 1e-300}[random.nextInt(5)]);
                }
                return "absurd number";
            }
            case 6 -> {
                int depth = 2 + random.nextInt(40);
                arguments.set(name, Json.MAPPER.readTree("[".repeat(depth) + "\"x\"" + "]".repeat(depth)));
                return "nesting";
            }
            case 7 -> {
                arguments.putNull(name);
                return "null";
            }
            default -> {
                arguments.set(name, plausible(schema));
                return "plausible";
            }
        }
    }

    private JsonNode wrongType() {
        String[] values = {"[]", "{}", "123", "-1", "1.5", "true", "null", "\"str\"", "[null]", "[[]]",
            "{\"$gt\":1}", "[{}]", "\"\"", "[1,\"a\",null,{}]"};
        return Json.MAPPER.readTree(values[random.nextInt(values.length)]);
    }

    /** A value the schema would likely accept. */
    private JsonNode plausible(JsonNode schema) {
        JsonNode enumValues = schema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(random.nextInt(enumValues.size()));
        }
        String type = typeOf(schema);
        return switch (type) {
            case "array" -> {
                ArrayNode list = Json.array();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    list.add(plausibleItem(schema));
                }
                yield list;
            }
            case "integer" -> Json.MAPPER.getNodeFactory().numberNode(1 + random.nextInt(50));
            case "number" -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(10_000) / 100.0);
            case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case "object" -> Json.object();
            default -> Json.MAPPER.getNodeFactory().stringNode(
                    new String[] {"2024-01-01", "Acme", "approved", "1", "a"}[random.nextInt(5)]);
        };
    }

    private JsonNode plausibleItem(JsonNode schema) {
        JsonNode items = schema.path("items");
        if (items.isMissingNode()) {
            for (JsonNode option : iterable(schema.path("anyOf"), schema.path("oneOf"))) {
                if (option.has("items")) {
                    items = option.path("items");
                }
            }
        }
        if (items.isMissingNode() && schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return items.isMissingNode() ? Json.MAPPER.getNodeFactory().stringNode("a") : plausible(items);
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return type.asString();
        }
        if (type.isArray() && !type.isEmpty()) {
            for (JsonNode t : type) {
                if (t.asString().equals("array")) {
                    return "array";
                }
            }
            return type.get(0).asString();
        }
        for (JsonNode option : iterable(schema.path("anyOf"), schema.path("oneOf"))) {
            if (option.path("type").isString()) {
                return option.path("type").asString();
            }
        }
        return "string";
    }

    private static Iterable<JsonNode> iterable(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode n : new JsonNode[] {a, b}) {
            for (Iterator<JsonNode> it = n.iterator(); it.hasNext();) {
                all.add(it.next());
            }
        }
        return all;
    }
}
