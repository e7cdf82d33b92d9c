package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two tools of dynamic discovery, {@code list_toolsets} and {@code enable_toolset}: defined here rather than in
 * tools-schema/ because they act on the server, not on Coupa. Kept tiny: every agent pays for them in tools/list.
 */
final class DiscoveryTools {
    /** Toolsets are the server's own, not a Coupa resource; and enabling one changes only what the session sees. */
    private static final ToolDefinition.Hints HINTS = new ToolDefinition.Hints(true, false, true, false);

    private DiscoveryTools() {}

    static List<ToolDefinition> definitions(Set<String> toolsets) {
        ObjectNode none = Json.object();
        none.put("type", "object");
        none.putObject("properties");
        ObjectNode enable = Json.object();
        enable.put("type", "object");
        ObjectNode toolset = enable.putObject("properties").putObject("toolset");
        toolset.put("type", "string");
        toolsets.forEach(toolset.putArray("enum")::add);
        enable.putArray("required").add("toolset");
        enable.put("additionalProperties", false);
        return List.of(
                new ToolDefinition(ToolAccess.LIST_TOOLSETS, "List toolsets", "Lists the toolsets of this server "
                        + "with their tools and whether each is enabled for this session. More tools are one "
                        + ToolAccess.ENABLE_TOOLSET + " call away.", "", none, null, HINTS),
                new ToolDefinition(ToolAccess.ENABLE_TOOLSET, "Enable a toolset", "Enables a toolset for this "
                        + "session: its tools are added to tools/list (the server notifies tools/list_changed). See "
                        + ToolAccess.LIST_TOOLSETS + " for what each holds.", "", enable, null, HINTS));
    }
}
