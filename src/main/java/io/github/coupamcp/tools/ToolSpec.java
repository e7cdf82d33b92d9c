package io.github.coupamcp.tools;

/** One loaded tool: what is published, how it binds to Coupa, and the file it came from (for messages). */
public record ToolSpec(ToolDefinition definition, CoupaBinding binding, String file) {
    public String name() {
        return definition.name();
    }
}
