package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The most characters one tool result may cost the agent: the serialized structured content plus the text
 * rendering as it travels in an MCP {@code CallToolResult} (JSON-escaped, with the envelope around it). Its minimum
 * is a configuration rule, checked once where the setting enters ({@code ServerConfig.MIN_RESPONSE_BUDGET}).
 */
public record ResponseBudget(int maxChars) {
    /** Room taken by {@code {"content":[{"type":"text","text":…}],"structuredContent":…,"isError":false}}. */
    static final int ENVELOPE_CHARS = 80;

    /** Characters this result costs; {@code structured} is null for a text-only result. */
    public static int measure(ObjectNode structured, String text) {
        return ENVELOPE_CHARS + (structured == null ? 0 : structured.toString().length())
                + Json.MAPPER.writeValueAsString(text == null ? "" : text).length();
    }

    public static int measure(Rendering rendering) {
        return measure(rendering.structured(), rendering.text());
    }

    public boolean fits(ObjectNode structured, String text) {
        return measure(structured, text) <= maxChars;
    }

    public boolean fits(Rendering rendering) {
        return fits(rendering.structured(), rendering.text());
    }

    /**
     * A text-only result (an error) cut to fit, ending with {@code note}; unchanged when it fits already. Coupa's
     * validation messages are passed on and have no length limit of their own.
     */
    public String cutToFit(String text, String note) {
        ObjectNode none = Json.object();
        if (fits(none, text)) {
            return text;
        }
        int keep = Math.min(text.length(), maxChars - ENVELOPE_CHARS - note.length());
        String cut = text.substring(0, Math.max(0, keep)) + note;
        while (!fits(none, cut) && keep > 0) {
            keep -= Math.max(1, measure(none, cut) - maxChars); // escaping made it longer: shorten by the excess
            cut = text.substring(0, Math.max(0, keep)) + note;
        }
        return cut;
    }
}
