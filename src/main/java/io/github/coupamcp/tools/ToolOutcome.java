package io.github.coupamcp.tools;

import tools.jackson.databind.node.ObjectNode;

/**
 * Result of one tool call: structured content (matches the tool's outputSchema when not an error), a short text
 * rendering for the agent, and whether it is an error the agent should act on.
 */
public record ToolOutcome(ObjectNode structured, String text, boolean isError) {
    public static ToolOutcome success(ObjectNode structured, String text) {
        return new ToolOutcome(structured, text, false);
    }

    /** An actionable error message: what went wrong and what to do next. Never a stack trace or a secret. */
    public static ToolOutcome error(String text) {
        return new ToolOutcome(null, text, true);
    }
}
