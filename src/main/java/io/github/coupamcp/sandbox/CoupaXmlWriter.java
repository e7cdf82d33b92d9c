package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.query.Values;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders records as Coupa's XML: {@code <?xml ...?>}, dashed tags, typed scalars ({@code type="integer"},
 * {@code "decimal"}, {@code "dateTime"}, {@code "date"}, {@code "boolean"}), {@code nil="true"} for nulls and
 * {@code type="array"} collections whose items are named by the singular of the collection.
 *
 * <p>Decimals and datetimes are JSON strings in Coupa's JSON; they are recognised by their shape.
 */
final class CoupaXmlWriter {
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private CoupaXmlWriter() {}

    static byte[] record(String root, JsonNode record) {
        StringBuilder out = new StringBuilder(4096).append(PROLOG);
        element(out, root, record, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] list(String listRoot, String itemRoot, List<? extends JsonNode> records) {
        StringBuilder out = new StringBuilder(4096 * Math.max(1, records.size())).append(PROLOG);
        out.append('<').append(listRoot).append(" type=\"array\">\n");
        for (JsonNode record : records) {
            element(out, itemRoot, record, 1);
        }
        out.append("</").append(listRoot).append(">\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code <errors><error>..</error>...</errors>} with every message. */
    static byte[] errors(Iterable<String> messages) {
        StringBuilder out = new StringBuilder(256).append(PROLOG).append("<errors>\n");
        for (String message : messages) {
            out.append("  <error>");
            escape(out, message);
            out.append("</error>\n");
        }
        return out.append("</errors>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder out, String rawName, JsonNode value, int depth) {
        String name = tag(rawName);
        indent(out, depth);
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append('<').append(name).append(" nil=\"true\"/>\n");
        } else if (value.isObject()) {
            out.append('<').append(name).append(">\n");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                element(out, e.getKey(), e.getValue(), depth + 1);
            }
            indent(out, depth);
            out.append("</").append(name).append(">\n");
        } else if (value.isArray()) {
            out.append('<').append(name).append(" type=\"array\">\n");
            String item = singular(name);
            for (JsonNode element : value) {
                element(out, item, element, depth + 1);
            }
            indent(out, depth);
            out.append("</").append(name).append(">\n");
        } else {
            out.append('<').append(name);
            String type = type(value);
            if (type != null) {
                out.append(" type=\"").append(type).append('"');
            }
            out.append('>');
            escape(out, value.asString());
            out.append("</").append(name).append(">\n");
        }
    }

    private static String type(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "decimal";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        String text = value.asString();
        if (Values.isDateLike(text)) {
            return text.length() == 10 ? "date" : "dateTime";
        }
        if (text.indexOf('.') > 0 && Values.isDecimalLike(text)) {
            return "decimal";
        }
        return null;
    }

    /** Coupa names collection items by the singular: invoice-lines → invoice-line, currencies → currency. */
    static String singular(String plural) {
        if (plural.endsWith("ies") && plural.length() > 3) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.endsWith("sses") || plural.endsWith("uses") || plural.endsWith("xes") || plural.endsWith("ches")
                || plural.endsWith("shes")) {
            return plural.substring(0, plural.length() - 2);
        }
        if (plural.endsWith("s") && !plural.endsWith("ss") && !plural.endsWith("us") && plural.length() > 1) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural;
    }

    /** Keeps a JSON key a legal XML name (keys are dashed already; this guards odd custom-field names). */
    private static String tag(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
            b.append(ok ? c : '-');
        }
        if (b.length() == 0 || !(Character.isLetter(b.charAt(0)) || b.charAt(0) == '_')) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        continue; // not representable in XML 1.0
                    }
                    out.append(c);
                }
            }
        }
    }
}
