package io.github.coupamcp.tools;

import tools.jackson.databind.node.ObjectNode;

/**
 * A published tool: what MCP shows the agent (x-coupa bindings already stripped; fragments inlined).
 * {@code outputSchema} may be null for tools without structured output.
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        String toolset,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        Hints hints) {

    /** MCP tool annotations; every tool sets all four explicitly. */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {}
}
