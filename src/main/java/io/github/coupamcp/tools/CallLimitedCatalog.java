package io.github.coupamcp.tools;

import java.util.concurrent.Semaphore;
import tools.jackson.databind.node.ObjectNode;

/**
 * A catalogue that runs at most so many tool calls at once and refuses the next one at once, in words the agent can
 * act on. A tenant's calls hold the HTTP server's threads (shared by every tenant) while they wait for its Coupa:
 * the limit keeps one tenant from holding all of them.
 */
public final class CallLimitedCatalog extends ForwardingToolCatalog {
    private final Semaphore permits;
    private final int limit;

    public CallLimitedCatalog(ToolCatalog tools, int limit) {
        super(tools);
        if (limit < 1) {
            throw new IllegalArgumentException("a call limit is at least 1, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
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
}
