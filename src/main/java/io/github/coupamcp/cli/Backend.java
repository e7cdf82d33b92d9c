package io.github.coupamcp.cli;

import io.github.coupamcp.tools.ToolCatalog;

/** The tools and whatever they run on (a Coupa client, maybe an embedded sandbox); closed when the command ends. */
public interface Backend extends AutoCloseable {
    ToolCatalog catalog();

    /** One line for the logs: where the tools point. Never a secret. */
    String describe();

    @Override
    void close();

    /** A backend serving {@code catalog}; {@code onClose} releases what it runs on. */
    static Backend of(ToolCatalog catalog, String description, Runnable onClose) {
        return new Backend() {
            @Override
            public ToolCatalog catalog() {
                return catalog;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
