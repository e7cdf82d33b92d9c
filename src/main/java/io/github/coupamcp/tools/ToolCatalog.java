package io.github.coupamcp.tools;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools this server publishes and the way to call them. The MCP layer maps it onto the SDK; nothing here
 * knows MCP exists. {@link #call} never throws for bad input or Coupa failures: those are error outcomes.
 */
public interface ToolCatalog {
    List<ToolDefinition> tools();

    /** Runs a tool; unknown names and invalid arguments come back as {@link ToolOutcome#isError()} outcomes. */
    ToolOutcome call(String name, ObjectNode arguments);
}
