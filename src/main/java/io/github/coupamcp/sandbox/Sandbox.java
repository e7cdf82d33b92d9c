package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.SandboxStore;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Coupa sandbox: Coupa's HTTP API (token endpoint, {@code /api/...}) served by Jetty on loopback from
 * a {@link SandboxStore}, plus the admin API on {@code /__sandbox} (see {@link AdminEndpoint}). Start with
 * {@link #start(SandboxOptions)}, stop with {@link #close()}.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final Server server;
    private final String baseUrl;
    private final SandboxClient demoClient;
    private final SandboxControl control;
    private final SandboxStore store;

    private Sandbox(Server server, String baseUrl, SandboxClient demoClient, SandboxControl control,
            SandboxStore store) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.demoClient = demoClient;
        this.control = control;
        this.store = store;
    }

    public static Sandbox start(SandboxOptions options) {
        Objects.requireNonNull(options, "options");
        SandboxStore store = StoreFactory.storeFor(options);
        TokenService tokens = new TokenService(options.clock(), options.clients(), scopesOf(store),
                options.tokenPropagationDelay(), options.tokenLifetime());
        TokenBucket bucket = new TokenBucket(options.rateLimit(), System::nanoTime);
        FaultInjector faults = new FaultInjector(options.faults(), options.faultSeed());
        RequestLog log = new RequestLog(options.requestLogSize());
        SandboxControl control = new SandboxControl(options, bucket, faults, tokens, log);
        SandboxHandler handler = new SandboxHandler(new ApiEndpoint(store, tokens), new SandboxTokenEndpoint(tokens),
                new AdminEndpoint(control), bucket, faults, log);

        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), 4);
        threads.setName("sandbox");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("Could not start the Coupa sandbox on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage(), e);
        }
        String baseUrl = "http://" + hostForUrl(options.host()) + ":" + connector.getLocalPort();
        LOG.info("Coupa sandbox listening on {}", baseUrl);
        return new Sandbox(server, baseUrl, options.clients().get(0), control, store);
    }

    /** e.g. {@code http://127.0.0.1:4010}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code <baseUrl>/oauth2/token}. */
    public String tokenUrl() {
        return baseUrl + "/oauth2/token";
    }

    public String clientId() {
        return demoClient.id();
    }

    public String clientSecret() {
        return demoClient.secret();
    }

    public SandboxControl control() {
        return control;
    }

    public SandboxStore store() {
        return store;
    }

    /** Every scope some endpoint of this sandbox requires; what the demo client may be granted. */
    public static Set<String> scopesOf(SandboxStore store) {
        Set<String> scopes = new TreeSet<>();
        for (SandboxCollection c : store.collections()) {
            addIfPresent(scopes, c.readScope());
            addIfPresent(scopes, c.writeScope());
            c.createScopes().forEach(s -> addIfPresent(scopes, s));
            c.actionScopes().values().forEach(s -> addIfPresent(scopes, s));
            c.collectionActionScopes().values().forEach(s -> addIfPresent(scopes, s));
        }
        return scopes;
    }

    /** Blocks until the server stops (standalone mode). */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void addIfPresent(Set<String> scopes, String scope) {
        if (scope != null && !scope.isBlank()) {
            scopes.add(scope);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Coupa sandbox did not stop cleanly: {}", e.toString());
        }
    }
}
