package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The most characters one tool result may cost the agent: the serialized structured content plus the text
 * rendering as it travels in an MCP {@code CallToolResult} (JSON-escaped, with the envelope around it).
 */
public record ResponseBudget(int maxChars) {
    /** Room taken by {@code {"content":[{"type":"text","text":…}],"structuredContent":…,"isError":false}}. */
    static final int ENVELOPE_CHARS = 80;

    public ResponseBudget {
        if (maxChars < 1000) {
            throw new IllegalArgumentException("response budget must be at least 1000 characters, got " + maxChars);
        }
    }

    /** Characters this result costs. */
    public static int measure(ObjectNode structured, String text) {
        return ENVELOPE_CHARS + structured.toString().length() + Json.MAPPER.writeValueAsString(text).length();
    }

    public boolean fits(ObjectNode structured, String text) {
        return measure(structured, text) <= maxChars;
    }
}
