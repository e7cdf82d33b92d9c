package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The published form of a tool as MCP lists it (used by snapshots, the {@code tools} command and size checks). */
public final class ToolDefinitionJson {
    private ToolDefinitionJson() {}

    public static ObjectNode of(ToolDefinition d) {
        ObjectNode node = Json.object();
        node.put("name", d.name());
        node.put("title", d.title());
        node.put("description", d.description());
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("readOnlyHint", d.hints().readOnly());
        annotations.put("destructiveHint", d.hints().destructive());
        annotations.put("idempotentHint", d.hints().idempotent());
        annotations.put("openWorldHint", d.hints().openWorld());
        node.set("inputSchema", d.inputSchema().deepCopy());
        if (d.outputSchema() != null) {
            node.set("outputSchema", d.outputSchema().deepCopy());
        }
        return node;
    }
}
