package io.github.coupamcp.tools;

import tools.jackson.databind.node.ObjectNode;

/**
 * Result of one tool call: structured content (matches the tool's outputSchema when not an error), a short text
 * rendering for the agent, and whether it is an error the agent should act on. An error also says what kind of
 * failure it is, so callers other than tools/call (resource reads) can answer with the matching protocol error.
 */
public record ToolOutcome(ObjectNode structured, String text, boolean isError, Failure failure) {
    /** What went wrong in an error outcome. */
    public enum Failure {
        /** The arguments were invalid; the caller must change them. */
        INVALID_ARGUMENTS,
        /** The record asked for does not exist. */
        NOT_FOUND,
        /** Anything else: Coupa unreachable, refused, misconfigured, or a bug. */
        FAILED
    }

    public ToolOutcome(ObjectNode structured, String text, boolean isError) {
        this(structured, text, isError, isError ? Failure.FAILED : null);
    }

    public static ToolOutcome success(ObjectNode structured, String text) {
        return new ToolOutcome(structured, text, false);
    }

    /** An actionable error message: what went wrong and what to do next. Never a stack trace or a secret. */
    public static ToolOutcome error(String text) {
        return error(Failure.FAILED, text);
    }

    public static ToolOutcome error(Failure failure, String text) {
        return new ToolOutcome(null, text, true, failure);
    }
}
