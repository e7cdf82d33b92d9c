package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a write tool's arguments become Coupa's payload: each argument goes to a dotted path ({@code supplier.id} gives
 * {@code {"supplier": {"id": …}}}); a list argument ({@code lines}) to an array whose items map the same way; header
 * arguments Coupa also wants on each line ({@code currency}) are copied into every item. Numbers are sent as plain
 * decimal strings, as Coupa writes them.
 *
 * @param header       argument to path
 * @param items        list argument to (item key to path)
 * @param lineDefaults header argument to the path it also takes in every item
 */
public record BodyTemplate(Map<String, String> header, Map<String, Map<String, String>> items,
        Map<String, String> lineDefaults) {
    public static final BodyTemplate EMPTY = new BodyTemplate(Map.of(), Map.of(), Map.of());

    public BodyTemplate {
        header = Map.copyOf(header);
        items = Map.copyOf(items);
        lineDefaults = Map.copyOf(lineDefaults);
    }

    /** The payload for these (validated) arguments; arguments the template does not name are not sent. */
    public ObjectNode build(ObjectNode arguments) {
        ObjectNode body = Json.object();
        header.forEach((argument, path) -> {
            JsonNode value = arguments.get(argument);
            if (value == null) {
                return;
            }
            Map<String, String> itemPaths = items.get(argument);
            if (itemPaths == null) {
                put(body, path, value);
                return;
            }
            ArrayNode array = Json.array();
            for (JsonNode item : value) {
                ObjectNode out = array.addObject();
                itemPaths.forEach((key, itemPath) -> {
                    if (item.has(key)) {
                        put(out, itemPath, item.get(key));
                    }
                });
                lineDefaults.forEach((headerArgument, itemPath) -> {
                    if (arguments.has(headerArgument) && !out.has(itemPath.split("\\.")[0])) {
                        put(out, itemPath, arguments.get(headerArgument));
                    }
                });
            }
            put(body, path, array);
        });
        return body;
    }

    /** Header arguments by the Coupa label their errors start with ("Invoice number" for invoice_number). */
    public Map<String, String> headerLabels() {
        Map<String, String> out = new LinkedHashMap<>();
        header.forEach((argument, path) -> {
            if (!items.containsKey(argument)) {
                out.putIfAbsent(label(path), argument);
            }
        });
        return out;
    }

    /** Item keys of list arguments by label, as {@code lines[].price}; line errors read "Line 2: Price …". */
    public Map<String, String> itemLabels() {
        Map<String, String> out = new LinkedHashMap<>();
        items.forEach((list, paths) -> paths.forEach((key, path) -> out.putIfAbsent(label(path),
                list + "[]." + key)));
        lineDefaults.forEach((argument, path) -> out.putIfAbsent(label(path), argument));
        return out;
    }

    /** How Coupa names a field in its messages: {@code invoice-number} is "Invoice number". */
    static String label(String path) {
        String first = path.split("\\.")[0].replace('-', ' ');
        if (first.endsWith(" id") && path.indexOf('.') < 0) {
            first = first.substring(0, first.length() - 3);
        }
        return Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    private static void put(ObjectNode target, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode at = target;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value.isNumber() && !value.isIntegralNumber()
                ? Json.MAPPER.getNodeFactory().stringNode(value.decimalValue().toPlainString()) : value);
    }
}
