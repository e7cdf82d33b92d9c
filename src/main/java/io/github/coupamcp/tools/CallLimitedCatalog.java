package io.github.coupamcp.tools;

import java.util.List;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.node.ObjectNode;

/**
 * A catalogue that runs at most so many tool calls at once and refuses the next one at once, in words the agent can
 * act on. A tenant's calls hold the HTTP server's threads (shared by every tenant) while they wait for its Coupa:
 * the limit keeps one tenant from holding all of them.
 */
public final class CallLimitedCatalog implements ToolCatalog {
    private final ToolCatalog tools;
    private final Semaphore permits;
    private final int limit;

    public CallLimitedCatalog(ToolCatalog tools, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a call limit is at least 1, got " + limit);
        }
        this.tools = tools;
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    public List<ToolDefinition> tools() {
        return tools.tools();
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments) {
        return call(name, arguments, ToolProgress.NONE);
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        if (!permits.tryAcquire()) {
            return ToolOutcome.error("Too many tool calls are running for this tenant at once (limit " + limit
                    + "). Retry when one of them has finished; the operator can raise max_concurrent_calls in the "
                    + "tenants file.");
        }
        try {
            return tools.call(name, arguments, progress);
        } finally {
            permits.release();
        }
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
