package io.github.coupamcp.cli;

import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaStatus;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.HttpCoupaClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Coupa client created, and its first token fetched, on a background thread: a server answers
 * {@code initialize} while the HTTP stack loads and Coupa answers the token request. Calls wait for the client
 * object only (a token still pending is waited for by the client itself, one request for every caller).
 */
final class ConnectingCoupaClient implements CoupaClient, CoupaStatus {
    private final CompletableFuture<HttpCoupaClient> client = new CompletableFuture<>();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final Runnable afterClose;
    private boolean started; // guarded by this
    private boolean connecting = true; // guarded by this
    private boolean closed; // guarded by this

    private ConnectingCoupaClient(Runnable afterClose) {
        this.afterClose = afterClose;
    }

    /**
     * Starts creating the client with {@code factory}, then waits for its first token, without blocking.
     * {@code afterClose} releases what the client talks to (an embedded sandbox) once the client is closed.
     */
    static ConnectingCoupaClient start(Supplier<HttpCoupaClient> factory, Runnable afterClose) {
        return start(factory, afterClose, CompletableFuture.completedFuture(null));
    }

    /** As above, once {@code connectWhen} completes (however it does); calls made before wait for that. */
    static ConnectingCoupaClient start(Supplier<HttpCoupaClient> factory, Runnable afterClose,
            CompletionStage<?> connectWhen) {
        ConnectingCoupaClient started = new ConnectingCoupaClient(afterClose);
        connectWhen.whenComplete((ignored, failure) -> started.begin(factory));
        return started;
    }

    private void begin(Supplier<HttpCoupaClient> factory) {
        synchronized (this) {
            if (closed || started) {
                return; // closed before it was time to connect: close() released everything
            }
            started = true;
        }
        Thread thread = new Thread(() -> connect(factory), "coupa-connect");
        thread.setDaemon(true);
        thread.start();
    }

    private void connect(Supplier<HttpCoupaClient> factory) {
        RuntimeException failure = null;
        try {
            client.complete(factory.get());
            client.join().awaitToken();
        } catch (RuntimeException e) {
            failure = e;
            client.completeExceptionally(e); // no effect once the client exists
        }
        boolean closeNow;
        synchronized (this) {
            connecting = false;
            closeNow = closed;
        }
        if (failure == null) {
            firstToken.complete(null);
        } else {
            firstToken.completeExceptionally(failure);
        }
        if (closeNow) {
            closeClient();
        }
    }

    /**
     * Completes when Coupa issued the first token, or exceptionally with the CoupaException saying why not (rejected
     * credentials, refused scopes, instance unreachable).
     */
    CompletableFuture<Void> firstToken() {
        return firstToken;
    }

    /**
     * The OAuth scopes Coupa granted, once {@link #firstToken()} completed and when Coupa's token answer listed them;
     * empty otherwise.
     */
    Optional<Set<String>> grantedScopes() {
        if (!firstToken.isDone() || firstToken.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            return client.join().grantedScopes();
        } catch (RuntimeException e) {
            return Optional.empty(); // the token expired and a new one failed: nothing to add to what calls report
        }
    }

    @Override
    public List<ObjectNode> list(String resource, CoupaQuery query) {
        return client().list(resource, query);
    }

    @Override
    public ObjectNode get(String resource, long id, Fields fields) {
        return client().get(resource, id, fields);
    }

    @Override
    public ObjectNode create(String resource, JsonNode body, Fields fields) {
        return client().create(resource, body, fields);
    }

    @Override
    public ObjectNode update(String resource, long id, JsonNode body, Fields fields) {
        return client().update(resource, id, body, fields);
    }

    @Override
    public ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields) {
        return client().action(resource, id, action, body, fields);
    }

    /**
     * Closes the client, or, while its first token request runs, has it closed when that request is over: cutting it
     * off would only log a failure nobody needs to read. {@link #firstToken()} is then cancelled.
     */
    @Override
    public void close() {
        boolean neverStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            neverStarted = !started;
            if (connecting) {
                firstToken.cancel(false);
                if (!neverStarted) {
                    return;
                }
            }
        }
        if (neverStarted) { // nothing was created: release what the client would have talked to
            client.completeExceptionally(new CoupaException.Unavailable("the server is closing", null, null, null,
                    null));
            afterClose.run();
            return;
        }
        closeClient();
    }

    private void closeClient() {
        try {
            client.join().close();
        } catch (CompletionException e) {
            // never created: nothing to close
        } finally {
            afterClose.run();
        }
    }

    @Override
    public String notReady() {
        if (!firstToken.isDone()) {
            return "connecting to Coupa";
        }
        try {
            firstToken.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            if (ConnectionGate.lastsUntilRestart(e.getCause())) { // the tools refuse every call until a restart
                return e.getCause().getMessage();
            }
        }
        try {
            return client().notReady();
        } catch (CoupaException e) {
            return e.getMessage();
        }
    }

    @Override
    public ClientMetrics metrics() {
        HttpCoupaClient ready = created();
        return ready == null ? null : ready.metrics();
    }

    @Override
    public String circuitState() {
        HttpCoupaClient ready = created();
        return ready == null ? null : ready.circuitState();
    }

    /** The client once it exists; null while it is created or when that failed. */
    private HttpCoupaClient created() {
        return client.isDone() && !client.isCompletedExceptionally() ? client.join() : null;
    }

    private HttpCoupaClient client() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CoupaException coupa) {
                throw coupa;
            }
            throw new CoupaException.Unavailable("the Coupa client could not be created", null, null, null,
                    e.getCause());
        }
    }
}
