package io.github.coupamcp.tools;

import java.util.Objects;

/**
 * Who is asking: the session whose enabled toolsets apply (one per MCP session; stdio has one) and how the current
 * request narrows the tools.
 */
public record ToolSession(String key, ToolNarrowing narrowing) {
    /** The one session of a stdio server, or of any caller that has no sessions. */
    public static final ToolSession SINGLE = new ToolSession("", ToolNarrowing.NONE);

    public ToolSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(narrowing, "narrowing");
    }
}
