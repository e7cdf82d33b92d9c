package io.github.coupamcp.cli;

import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaStatus;
import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.ToolCatalog;
import java.util.concurrent.CompletableFuture;

/** The tools and whatever they run on (a Coupa client, maybe an embedded sandbox); closed when the command ends. */
public interface Backend extends AutoCloseable {
    ToolCatalog catalog();

    /** Which tools each session sees and may call (toolsets, scopes, narrowing); everything by default. */
    default ToolAccess access() {
        return ToolAccess.everything(catalog().tools());
    }

    /** One line for the logs: where the tools point. Never a secret. */
    String describe();

    /**
     * Completes once Coupa issued the first token, or exceptionally with the CoupaException saying why not. The
     * backend is usable before: serving commands do not wait for it, {@code call} does.
     */
    CompletableFuture<Void> connection();

    /** Readiness and counters of the Coupa connection; the default knows only whether {@link #connection()} is done. */
    default CoupaStatus status() {
        CompletableFuture<Void> connection = connection();
        return new CoupaStatus() {
            @Override
            public String notReady() {
                if (!connection.isDone()) {
                    return "connecting to Coupa";
                }
                try {
                    connection.join();
                    return null;
                } catch (RuntimeException e) {
                    return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                }
            }

            @Override
            public ClientMetrics metrics() {
                return null;
            }

            @Override
            public String circuitState() {
                return null;
            }
        };
    }

    @Override
    void close();

    /** A backend serving {@code catalog}, already connected; {@code onClose} releases what it runs on. */
    static Backend of(ToolCatalog catalog, String description, Runnable onClose) {
        return of(catalog, description, CompletableFuture.completedFuture(null), onClose);
    }

    /** A backend serving {@code catalog} once {@code connection} completes; {@code onClose} releases what it runs on. */
    static Backend of(ToolCatalog catalog, String description, CompletableFuture<Void> connection, Runnable onClose) {
        return of(catalog, ToolAccess.everything(catalog.tools()), description, connection, null, onClose);
    }

    /**
     * As above, with the {@code access} rules of the catalog's registry and the connection's own {@code status} (null:
     * the default, from {@code connection}).
     */
    static Backend of(ToolCatalog catalog, ToolAccess access, String description, CompletableFuture<Void> connection,
            CoupaStatus status, Runnable onClose) {
        return new Backend() {
            @Override
            public CoupaStatus status() {
                return status != null ? status : Backend.super.status();
            }

            @Override
            public ToolCatalog catalog() {
                return catalog;
            }

            @Override
            public ToolAccess access() {
                return access;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public CompletableFuture<Void> connection() {
                return connection;
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
