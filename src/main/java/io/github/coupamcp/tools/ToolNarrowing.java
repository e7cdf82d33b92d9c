package io.github.coupamcp.tools;

import java.util.Set;

/**
 * How one request narrows the server's tools (HTTP headers): only these toolsets or tools, minus some, or reads only.
 * It can only take tools away: a tool is visible when the server publishes it and this allows it.
 *
 * @param toolsets the toolsets allowed; null = any
 * @param tools the tools allowed; null = any
 * @param excludedTools tools taken away
 * @param readOnly when true, tools that write are taken away
 */
public record ToolNarrowing(Set<String> toolsets, Set<String> tools, Set<String> excludedTools, boolean readOnly) {
    public static final ToolNarrowing NONE = new ToolNarrowing(null, null, Set.of(), false);

    public ToolNarrowing {
        toolsets = toolsets == null ? null : Set.copyOf(toolsets);
        tools = tools == null ? null : Set.copyOf(tools);
        excludedTools = Set.copyOf(excludedTools);
    }

    /** Whether a tool of the server's catalogue stays. */
    public boolean allows(ToolDefinition tool) {
        return (toolsets == null || toolsets.contains(tool.toolset())) && allowsName(tool.name())
                && (!readOnly || tool.hints().readOnly());
    }

    /** Whether a tool that belongs to no toolset (the discovery tools) stays. */
    public boolean allowsName(String tool) {
        return (tools == null || tools.contains(tool)) && !excludedTools.contains(tool);
    }

    public boolean allowsToolset(String toolset) {
        return toolsets == null || toolsets.contains(toolset);
    }
}
