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

    /** Runs a tool that may report its progress (a scan); tools that do not simply run. */
    default ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        return call(name, arguments);
    }

    /** The get tools, as ways to read one record by id (published as resource templates). */
    default List<RecordTool> recordTools() {
        return List.of();
    }

    /**
     * The custom fields each record type has on this instance, as a structured answer; never throws (a failure is
     * an error outcome, or an error per record type).
     */
    default ToolOutcome customFields() {
        return ToolOutcome.error("This server cannot list custom fields.");
    }
}
