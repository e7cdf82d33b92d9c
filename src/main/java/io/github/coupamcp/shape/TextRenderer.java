package io.github.coupamcp.shape;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One short line per record ({@code #123 INV-7 · approved · Acme · 120.00 USD · 2025-01-31}); the structured
 * content carries the data, the text is for a quick read.
 */
public final class TextRenderer {
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private TextRenderer() {}

    public static String line(ObjectNode item, List<String> keys) {
        return line(item, keys, FreeText.NONE);
    }

    /** As {@link #line(ObjectNode, List)}, with the values of free-text keys marked ({@link FreeText#mark}). */
    public static String line(ObjectNode item, List<String> keys, FreeText freeText) {
        StringBuilder sb = new StringBuilder("#").append(item.path("id").asString());
        boolean first = true;
        for (String key : keys) {
            String value = display(item.get(key));
            if (value == null) {
                continue;
            }
            if (freeText.covers(key)) {
                value = FreeText.mark(value);
            }
            // an amount and its currency read as one value: "120.00 USD"
            sb.append(first || key.equals("currency") ? " " : " · ").append(value);
            first = false;
        }
        return sb.toString();
    }

    private static String display(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            for (String k : List.of("name", "number", "code", "id")) {
                if (value.hasNonNull(k)) {
                    return value.get(k).asString();
                }
            }
            return null;
        }
        if (value.isArray()) {
            return value.size() + " items";
        }
        String text = value.asString();
        // the line is for a glance: a date-time reads as its day; the exact value is in the structured content
        return DATE_TIME.matcher(text).matches() ? text.substring(0, 10) : text;
    }
}
