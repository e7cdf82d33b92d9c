package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.oauth.AccessTokenVerifier;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
 * {@code /mcp/message}) and {@code /healthz}. Origin and Host are validated (DNS rebinding); with a token or OAuth
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
    private static final int MAX_THREADS = 200;
    /**
     * Bytes per second a request body must arrive at (Jetty answers 408 and closes below it): a client trickling
     * its body would otherwise hold a thread, and a few hundred of them starve everyone.
     */
    static final long MIN_REQUEST_DATA_RATE = 1024;
    /** A connection with no traffic for this long is closed (SSE streams stay busy with keep-alive pings). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final McpServerFactory factory;
    private final Operations operations;
    private final Server jetty;
    private final ServerConnector connector;
    private final List<McpSyncServer> mcpServers = new ArrayList<>();
    private boolean stopped;
    /** Streamable POSTs whose answer is not sent yet (see OpenExchangesFilter). */
    private final InFlightCalls openExchanges = new InFlightCalls();
    private SessionLimitFilter sessionLimit;

    private HttpServer(ServerConfig config, McpServerFactory factory, Operations operations) {
        this.config = config;
        this.factory = factory;
        this.operations = operations;
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
                : HttpMeters.bind(operations.metrics(), context(), threads, this::openSessions));
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
        HttpServer server = new HttpServer(config, factory, operations);
        server.jetty.start();
        log.info("MCP over HTTP on http://{}:{} (Streamable HTTP {}, SSE {}, health {}){}", config.host(),
                server.port(), MCP_PATH, SSE_PATH, HEALTH_PATH, config.auth() != null ? ", OAuth access token required"
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

    /** MCP sessions currently held (Streamable and SSE). */
    int openSessions() {
        return sessionLimit.openSessions();
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    private ServletContextHandler context() {
        var validator = securityValidator();
        var streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpServerFactory.jsonMapper())
                .mcpEndpoint(MCP_PATH)
                .keepAliveInterval(ServerConfig.KEEP_ALIVE)
                .httpHeaderValidator(validator)
                // a session untouched for one whole interval is dropped at the next sweep: after 1 to 2 intervals
                .sessionSweepInterval(config.sessionIdleTimeout())
                .contextExtractor(request -> ToolSessions.context(request.getHeader("Mcp-Session-Id"),
                        ToolHeadersFilter.of(request)))
                .build();
        @SuppressWarnings("deprecation") // the legacy transport is deprecated upstream but still used by clients
        var sse = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(McpServerFactory.jsonMapper())
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(SSE_MESSAGE_PATH)
                .keepAliveInterval(ServerConfig.KEEP_ALIVE)
                .httpHeaderValidator(validator)
                .contextExtractor(request -> ToolSessions.context(ToolSessions.queryParameter(
                        request.getQueryString(), "sessionId"), ToolHeadersFilter.of(request)))
                .build();
        mcpServers.add(factory.build(streamable));
        mcpServers.add(factory.build(sse));

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());

        addFilter(context, new AccessLogFilter(), "/*");
        addFilter(context, new HttpEdgeFilter(validator), "/*");
        // Counted from the first filter that may read the body: a request still arriving when stop begins is open too.
        addFilter(context, new OpenExchangesFilter(openExchanges), MCP_PATH);
        jakarta.servlet.Filter auth = authFilter();
        if (auth != null) {
            List<String> paths = new ArrayList<>(List.of(MCP_PATH, MCP_PATH + "/*", SSE_PATH));
            if (!config.metricsPublic()) {
                paths.add(METRICS_PATH);
            }
            addFilter(context, auth, paths.toArray(String[]::new));
        }
        JsonRpcBodyFilter bodies = new JsonRpcBodyFilter(new JsonRpcGuard(factory.toolNames(), factory.unpublished()),
                factory.cancellableCalls());
        addFilter(context, bodies, MCP_PATH);
        addFilter(context, bodies, SSE_MESSAGE_PATH);
        if (config.auth() != null) {
            SessionOwnerFilter owners = new SessionOwnerFilter(config.sessionIdleTimeout(), config.maxSessions());
            addFilter(context, owners, MCP_PATH);
            addFilter(context, owners, SSE_MESSAGE_PATH);
        }
        ToolHeadersFilter toolHeaders = new ToolHeadersFilter(factory.access());
        addFilter(context, toolHeaders, MCP_PATH);
        addFilter(context, toolHeaders, SSE_MESSAGE_PATH);
        sessionLimit = new SessionLimitFilter(config.maxSessions(), List.of(streamable, sse));
        addFilter(context, sessionLimit, MCP_PATH);
        addFilter(context, sessionLimit, SSE_PATH);
        addFilter(context, new ErrorBodyFilter(), "/*");

        // setAsyncSupported is required: programmatic registration does not read the SDK's @WebServlet.
        ServletHolder streamableHolder = new ServletHolder("mcp-streamable", streamable);
        streamableHolder.setAsyncSupported(true);
        context.addServlet(streamableHolder, MCP_PATH);
        ServletHolder sseHolder = new ServletHolder("mcp-sse", sse);
        sseHolder.setAsyncSupported(true);
        context.getServletHandler().addServlet(sseHolder);
        ServletMapping sseMapping = new ServletMapping();
        sseMapping.setServletName("mcp-sse");
        sseMapping.setPathSpecs(new String[] {SSE_PATH, SSE_MESSAGE_PATH});
        context.getServletHandler().addServletMapping(sseMapping);
        ServletHolder health = new ServletHolder("health", new HealthServlet(operations.readiness()));
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

    /** OAuth when configured (still accepting the static token, if one is set), else the static token, else none. */
    private jakarta.servlet.Filter authFilter() {
        BearerTokenFilter staticToken = config.tokenRequired() ? new BearerTokenFilter(config.httpToken()) : null;
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
            if (!factory.inFlight().awaitIdle(ServerConfig.SHUTDOWN_GRACE)) {
                log.warn("Stopping with {} tool call(s) still running", factory.inFlight().running());
            }
            // then let the answers of finished calls reach their clients
            if (!openExchanges.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("Stopping with {} HTTP answer(s) not sent", openExchanges.running());
            }
            for (McpSyncServer server : mcpServers) {
                server.closeGracefully();
            }
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
