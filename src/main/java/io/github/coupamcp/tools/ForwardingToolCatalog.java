package io.github.coupamcp.tools;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A catalogue that hands everything to another one: the base of decorators that change only how calls run
 * (metering, limits, gates), which override {@link #call(String, ObjectNode, ToolProgress)}.
 */
public abstract class ForwardingToolCatalog implements ToolCatalog {
    protected final ToolCatalog tools;

    protected ForwardingToolCatalog(ToolCatalog tools) {
        this.tools = tools;
    }

    @Override
    public List<ToolDefinition> tools() {
        return tools.tools();
    }

    /** As the progress-reporting call, without progress: so a decorator overrides one method. */
    @Override
    public ToolOutcome call(String name, ObjectNode arguments) {
        return call(name, arguments, ToolProgress.NONE);
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        return tools.call(name, arguments, progress);
    }

    @Override
    public List<RecordTool> recordTools() {
        return tools.recordTools();
    }

    @Override
    public ToolOutcome customFields() {
        return tools.customFields();
    }
}
