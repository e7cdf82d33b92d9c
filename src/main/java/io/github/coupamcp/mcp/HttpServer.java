package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.oauth.AccessTokenVerifier;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over HTTP on one Jetty port: Streamable HTTP at {@code /mcp}, legacy HTTP+SSE at {@code /sse} (messages to
 * {@code /mcp/message}) and {@code /healthz}; in stateless mode only stateless Streamable HTTP ({@link StatelessHttp}). Origin and Host are validated (DNS rebinding); with a token or OAuth
 * authorization configured, every MCP request needs it.
 */
public final class HttpServer implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String SSE_PATH = "/sse";
    public static final String SSE_MESSAGE_PATH = "/mcp/message";
    public static final String HEALTH_PATH = "/healthz";
    public static final String READY_PATH = "/readyz";
    public static final String METRICS_PATH = "/metrics";

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Servlet transports hold a container thread for the whole tool call (upstream #859): leave room for them. */
    static final int MAX_THREADS = 200;
    /**
     * Bytes per second a request body must arrive at (Jetty answers 408 and closes below it): a client trickling
     * its body would otherwise hold a thread, and a few hundred of them starve everyone.
     */
    static final long MIN_REQUEST_DATA_RATE = 1024;
    /** A connection with no traffic for this long is closed (SSE streams stay busy with keep-alive pings). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final Operations operations;
    private final Server jetty;
    private final ServerConnector connector;
    private final DefaultServerTransportSecurityValidator validator;
    private final TenantResolver resolver;
    private final TenantRouting routing;
    private boolean stopped;
    /** Streamable POSTs whose answer is not sent yet (see OpenExchangesFilter). */
    private final InFlightCalls openExchanges = new InFlightCalls();
    /** What to release when an endpoint is gone (see {@link #updateTenants}). */
    private final Map<TenantEndpoint, Runnable> releases = new java.util.concurrent.ConcurrentHashMap<>();
    /** Tenants whose sessions gauge is registered (Micrometer warns when one is registered twice). */
    private final java.util.Set<String> meteredTenants = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private HttpServer(ServerConfig config, List<Tenant> tenants, TenantResolver resolver, Operations operations) {
        this.config = config;
        this.operations = operations;
        this.validator = securityValidator();
        this.resolver = resolver;
        this.routing = new TenantRouting(resolver, endpoints(tenants));
        if (config.stateless()) {
            StatelessHttp.checkReplicaSettings(config);
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("http");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setHost(config.host());
        connector.setPort(config.port());
        jetty.addConnector(connector);
        jetty.setHandler(operations.metrics() == null ? context()
                : HttpMeters.bind(operations.metrics(), context(), threads));
        routing.current().keySet().forEach(this::meterSessions);
        jetty.setErrorHandler(new JsonErrorHandler.ServerLevel());
        // Shutdown is ours (see stop()): in-flight tool calls first, then sessions, then Jetty.
        jetty.setStopAtShutdown(false);
    }

    /** Builds, binds and starts; fails if the port is taken. */
    public static HttpServer start(ServerConfig config, McpServerFactory factory) throws Exception {
        return start(config, factory, Operations.NONE);
    }

    /** As above, with readiness and metrics endpoints. */
    public static HttpServer start(ServerConfig config, McpServerFactory factory, Operations operations)
            throws Exception {
        return start(config, List.of(Tenant.single(factory)), null, operations);
    }

    /**
     * Serves several tenants, each caller the tools of its own (see {@link TenantResolver}); {@code resolver} null:
     * exactly one tenant, everybody's.
     */
    public static HttpServer start(ServerConfig config, List<Tenant> tenants, TenantResolver resolver,
            Operations operations) throws Exception {
        HttpServer server = new HttpServer(config, tenants, resolver, operations);
        server.jetty.start();
        log.info("MCP over HTTP on http://{}:{} ({}, health {}){}", config.host(), server.port(),
                config.stateless() ? "stateless Streamable HTTP " + MCP_PATH + ": " + StatelessHttp.GIVES_UP
                        : "Streamable HTTP " + MCP_PATH + ", SSE " + SSE_PATH,
                HEALTH_PATH, config.auth() != null ? ", OAuth access token required"
                : config.tokenRequired() ? ", bearer token required" : "");
        return server;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port();
    }

    /** MCP sessions currently held (Streamable and SSE), of every tenant. */
    int openSessions() {
        return routing.openSessions();
    }

    /** Sessions held per tenant (those on settings of before a reload included). */
    public Map<String, Integer> openSessionsByTenant() {
        return routing.openSessionsByTenant();
    }

    /**
     * Serves {@code tenants} from now on (a reload of the tenants file). A tenant whose factory is the same object as
     * before keeps its endpoint; the others get a new one, and the sessions running on the old keep it (its settings)
     * until they end, when its release runs.
     */
    public synchronized void updateTenants(List<Tenant> tenants) {
        Map<McpServerFactory, TenantEndpoint> existing = new HashMap<>();
        routing.current().values().forEach(endpoint -> existing.put(endpoint.factory(), endpoint));
        Map<String, TenantEndpoint> next = new LinkedHashMap<>();
        for (Tenant tenant : tenants) {
            TenantEndpoint endpoint = existing.get(tenant.factory());
            next.put(tenant.name(), endpoint != null ? endpoint : endpoint(tenant));
        }
        routing.replace(next, releases);
        next.keySet().forEach(this::meterSessions);
    }

    /** Registered once per tenant name: the gauge reads whatever endpoints the name has now. */
    private void meterSessions(String tenant) {
        if (operations.metrics() != null && meteredTenants.add(tenant)) {
            HttpMeters.bindSessions(operations.metrics(), tenant,
                    () -> routing.openSessionsByTenant().getOrDefault(tenant, 0));
        }
    }

    private Map<String, TenantEndpoint> endpoints(List<Tenant> tenants) {
        Map<String, TenantEndpoint> endpoints = new LinkedHashMap<>();
        for (Tenant tenant : tenants) {
            endpoints.put(tenant.name(), endpoint(tenant));
        }
        return endpoints;
    }

    private TenantEndpoint endpoint(Tenant tenant) {
        TenantEndpoint endpoint = TenantEndpoint.create(tenant, config, validator);
        releases.put(endpoint, tenant.release());
        return endpoint;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    private ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());

        addFilter(context, new AccessLogFilter(), "/*");
        addFilter(context, new HttpEdgeFilter(validator, config.stateless()), "/*");
        // Counted from the first filter that may read the body: a request still arriving when stop begins is open too.
        addFilter(context, new OpenExchangesFilter(openExchanges), MCP_PATH);
        jakarta.servlet.Filter auth = authFilter();
        if (auth != null) {
            addFilter(context, auth, MCP_PATH, MCP_PATH + "/*", SSE_PATH);
        }
        jakarta.servlet.Filter metricsAuth = metricsAuthFilter(auth);
        if (metricsAuth != null) {
            addFilter(context, metricsAuth, METRICS_PATH);
        }
        addFilter(context, routing, MCP_PATH, MCP_PATH + "/*", SSE_PATH);
        JsonRpcBodyFilter bodies = new JsonRpcBodyFilter();
        addFilter(context, bodies, MCP_PATH, SSE_MESSAGE_PATH);
        if (config.auth() != null && !config.stateless()) {
            SessionOwnerFilter owners = new SessionOwnerFilter(config.sessionIdleTimeout(), config.maxSessions());
            addFilter(context, owners, MCP_PATH, SSE_MESSAGE_PATH);
        }
        if (!config.stateless()) {
            addFilter(context, new SseHandshakeFilter(), SSE_MESSAGE_PATH);
        }
        ToolHeadersFilter toolHeaders = new ToolHeadersFilter();
        addFilter(context, toolHeaders, MCP_PATH, SSE_MESSAGE_PATH);
        if (!config.stateless()) {
            SessionLimitFilter sessionLimit = new SessionLimitFilter(config.maxSessions(), routing::openSessions,
                    routing::openSessionsOf);
            addFilter(context, sessionLimit, MCP_PATH, SSE_PATH);
        }
        addFilter(context, new ErrorBodyFilter(), "/*");
        if (config.stateless()) {
            StatelessHttp.refuseSse(context);
        }

        // setAsyncSupported is required: programmatic registration does not read the SDK's @WebServlet.
        ServletHolder mcpHolder = new ServletHolder("mcp", new TenantServlet());
        mcpHolder.setAsyncSupported(true);
        context.getServletHandler().addServlet(mcpHolder);
        ServletMapping mcpMapping = new ServletMapping();
        mcpMapping.setServletName("mcp");
        mcpMapping.setPathSpecs(new String[] {MCP_PATH, SSE_PATH, SSE_MESSAGE_PATH});
        context.getServletHandler().addServletMapping(mcpMapping);
        ServletHolder health = new ServletHolder("health", new HealthServlet(operations.readiness(), operations.tenantReadiness()));
        context.getServletHandler().addServlet(health);
        ServletMapping healthMapping = new ServletMapping();
        healthMapping.setServletName("health");
        healthMapping.setPathSpecs(new String[] {HEALTH_PATH, READY_PATH});
        context.getServletHandler().addServletMapping(healthMapping);
        if (operations.metrics() != null) {
            context.addServlet(new ServletHolder("metrics", new MetricsServlet(operations.metrics())), METRICS_PATH);
        }
        if (config.auth() != null) {
            context.getServletHandler().addServlet(
                    new ServletHolder("oauth-metadata", new ProtectedResourceMetadataServlet(config.auth())));
            ServletMapping metadataMapping = new ServletMapping();
            metadataMapping.setServletName("oauth-metadata");
            metadataMapping.setPathSpecs(new String[] {
                ProtectedResourceMetadataServlet.PATH, ProtectedResourceMetadataServlet.PATH + "/*"});
            context.getServletHandler().addServletMapping(metadataMapping);
        }
        return context;
    }

    /**
     * Who may read {@code /metrics}: anyone when public, else the scraper's own token when one is set, else whoever may
     * use MCP. With tenants, a tenant's caller may not (the meters show every tenant): a metrics token is needed.
     */
    private jakarta.servlet.Filter metricsAuthFilter(jakarta.servlet.Filter mcpAuth) {
        if (config.metricsPublic()) {
            return null;
        }
        if (config.metricsToken() != null) {
            return new BearerTokenFilter(config.metricsToken());
        }
        return resolver == null ? mcpAuth : new BearerTokenFilter(token -> false, "Unauthorized: the metrics show every "
                + "tenant, so tenants' tokens do not open them; the operator sets " + ServerConfig.ENV_METRICS_TOKEN
                + " for the scraper (or " + ServerConfig.ENV_METRICS_PUBLIC + "=true on a private network)");
    }

    /** OAuth when configured (still accepting the static token, if one is set), else the static token, else none. */
    private jakarta.servlet.Filter authFilter() {
        BearerTokenFilter staticToken = resolver != null
                ? new BearerTokenFilter(token -> resolver.forStaticToken(token) != null, "Unauthorized: send your "
                        + "tenant's token as 'Authorization: Bearer <token>'")
                : config.tokenRequired() ? new BearerTokenFilter(config.httpToken()) : null;
        if (config.auth() == null) {
            return staticToken;
        }
        return new OAuthBearerFilter(new AccessTokenVerifier(config.auth()), config.auth().resourceMetadataUrl(),
                staticToken);
    }

    /**
     * One mapping for all of {@code paths}: Jetty runs a filter once per mapping that matches, and paths overlap
     * ({@code /mcp} is under {@code /mcp/*} too), so one mapping per path would run it twice on some requests.
     */
    static void addFilter(ServletContextHandler context, jakarta.servlet.Filter filter, String... paths) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(holder.getName());
        mapping.setPathSpecs(paths);
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        context.getServletHandler().addFilter(holder, mapping);
    }

    /** Local clients plus the bind host and whatever the operator added (reverse proxies, public names). */
    private DefaultServerTransportSecurityValidator securityValidator() {
        var builder = DefaultServerTransportSecurityValidator.builder();
        for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
            builder.allowedHost(host).allowedHost(host + ":*");
            builder.allowedOrigin("http://" + host + ":*").allowedOrigin("http://" + host);
        }
        if (!ServerConfig.isLoopback(config.host()) && !config.host().equals("0.0.0.0")) {
            builder.allowedHost(config.host()).allowedHost(config.host() + ":*");
        }
        config.allowedHosts().forEach(builder::allowedHost);
        if (config.auth() != null) { // the public URL clients were given, e.g. behind a reverse proxy
            URI resource = URI.create(config.auth().audience());
            builder.allowedHost(resource.getPort() < 0 ? resource.getHost()
                    : resource.getHost() + ":" + resource.getPort());
        }
        config.allowedOrigins().forEach(builder::allowedOrigin);
        return builder.build();
    }

    /**
     * Graceful stop: refuse new connections, let running tool calls finish (bounded), close the MCP sessions so
     * SSE streams end cleanly, then stop Jetty.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            connector.shutdown();
            connector.close(); // release the listening socket now: new clients are refused, not left waiting
            long deadline = System.nanoTime() + ServerConfig.SHUTDOWN_GRACE.toNanos();
            for (TenantEndpoint endpoint : routing.all()) {
                InFlightCalls calls = endpoint.factory().inFlight();
                if (!calls.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("Stopping with {} tool call(s) of tenant {} still running", calls.running(),
                            endpoint.name());
                }
            }
            // then let the answers of finished calls reach their clients
            if (!openExchanges.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("Stopping with {} HTTP answer(s) not sent", openExchanges.running());
            }
            routing.current().values().forEach(TenantEndpoint::close);
            routing.closeRetired();
            jetty.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
