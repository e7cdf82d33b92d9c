package io.github.coupamcp.cli;

import io.github.coupamcp.tools.ToolCatalog;

/** The tools and whatever they run on (a Coupa client, maybe an embedded sandbox); closed when the command ends. */
public interface Backend extends AutoCloseable {
    ToolCatalog catalog();

    /** One line for the logs: where the tools point. Never a secret. */
    String describe();

    @Override
    void close();
}
