package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP side of one tenant: its {@link McpServerFactory} (tools on its own Coupa connection) behind its own
 * Streamable HTTP and SSE transports, so that its sessions, cursors and confirmations live apart from every other
 * tenant's. Without a tenants file the server has exactly one, named {@link #DEFAULT}.
 */
public final class TenantEndpoint {
    /** The endpoint of a server without a tenants file. */
    public static final String DEFAULT = "default";
    /** The endpoint a filtered MCP request is routed to (see {@link TenantRouting}). */
    static final String ATTRIBUTE = TenantEndpoint.class.getName();

    private static final Logger log = LoggerFactory.getLogger(TenantEndpoint.class);

    private final String name;
    private final McpServerFactory factory;
    private final int maxSessions;
    private final JsonRpcGuard guard;
    private final HttpServletStreamableServerTransportProvider streamable;
    private final HttpServletSseServerTransportProvider sse;
    private final List<McpSyncServer> servers;
    private final List<Map<?, ?>> sessionMaps;
    /** SSE sessions whose client sent notifications/initialized. */
    private final Set<String> sseInitialized = ConcurrentHashMap.newKeySet();
    /** Instead of the two session transports in stateless mode. */
    private final StatelessHttp stateless;

    private TenantEndpoint(String name, McpServerFactory factory, int maxSessions, ServerConfig config,
            DefaultServerTransportSecurityValidator validator) {
        this.name = name;
        this.factory = factory;
        this.maxSessions = maxSessions;
        this.guard = new JsonRpcGuard(factory.toolNames(), factory.unpublished());
        if (config.stateless()) {
            this.stateless = new StatelessHttp(factory, validator);
            this.streamable = null;
            this.sse = null;
            this.servers = List.of();
            this.sessionMaps = List.of();
            return;
        }
        this.stateless = null;
        this.streamable = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpServerFactory.jsonMapper())
                .mcpEndpoint(HttpServer.MCP_PATH)
                .keepAliveInterval(ServerConfig.KEEP_ALIVE)
                .httpHeaderValidator(validator)
                // a session untouched for one whole interval is dropped at the next sweep: after 1 to 2 intervals
                .sessionSweepInterval(config.sessionIdleTimeout())
                .contextExtractor(request -> ToolSessions.context(request, request.getHeader("Mcp-Session-Id")))
                .build();
        @SuppressWarnings("deprecation") // the legacy transport is deprecated upstream but still used by clients
        var legacy = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(McpServerFactory.jsonMapper())
                .sseEndpoint(HttpServer.SSE_PATH)
                .messageEndpoint(HttpServer.SSE_MESSAGE_PATH)
                .keepAliveInterval(ServerConfig.KEEP_ALIVE)
                .httpHeaderValidator(validator)
                .contextExtractor(request -> ToolSessions.context(request, ToolSessions.queryParameter(
                        request.getQueryString(), "sessionId")))
                .build();
        this.sse = legacy;
        this.servers = List.of(factory.build(streamable), factory.buildForServlet(sse));
        this.sessionMaps = List.of(sessionsOf(streamable), sessionsOf(sse));
    }

    /**
     * Builds the transports and MCP servers. The SDK's servlets are called by {@link TenantRouting}'s servlet rather
     * than registered with Jetty (they read neither servlet config nor context), so endpoints can come and go.
     */
    static TenantEndpoint create(Tenant tenant, ServerConfig config, DefaultServerTransportSecurityValidator validator) {
        return new TenantEndpoint(tenant.name(), tenant.factory(), tenant.maxSessions(), config, validator);
    }

    public String name() {
        return name;
    }

    /** The sessions this tenant may hold at once ({@link Tenant#NO_LIMIT}: the server's limit only). */
    int maxSessions() {
        return maxSessions;
    }

    McpServerFactory factory() {
        return factory;
    }

    JsonRpcGuard guard() {
        return guard;
    }

    /** The SDK servlet serving {@code request}'s path (stateless mode refuses the SSE paths before). */
    HttpServlet servletFor(HttpServletRequest request) {
        if (stateless != null) {
            return stateless.servlet();
        }
        return request.getRequestURI().equals(HttpServer.MCP_PATH) ? streamable : sse;
    }

    /** Whether calls of this endpoint can be cancelled: not in stateless mode, which has no session to match in. */
    CancellableCalls cancellableCalls() {
        return stateless != null ? null : factory.cancellableCalls();
    }

    /** MCP sessions this endpoint holds (Streamable and SSE). */
    int openSessions() {
        return sessionMaps.stream().mapToInt(Map::size).sum();
    }

    /** Whether one of this endpoint's transports holds the session {@code id}. */
    boolean holds(String id) {
        return sessionMaps.stream().anyMatch(sessions -> sessions.containsKey(id));
    }

    /** Marks an SSE session as past its handshake (see {@link SseHandshakeFilter}); forgets sessions that ended. */
    void sseInitialized(String id) {
        sseInitialized.removeIf(session -> !holds(session));
        if (holds(id)) {
            sseInitialized.add(id);
        }
    }

    boolean isSseInitialized(String id) {
        return sseInitialized.contains(id);
    }

    /** Ends every session (SSE streams close cleanly) and the servers. */
    void close() {
        if (stateless != null) {
            stateless.close();
        }
        for (McpSyncServer server : servers) {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                log.debug("tenant {}: MCP server did not close cleanly: {}", name, e.toString());
            }
        }
    }

    /** The endpoint {@link TenantRouting} chose for {@code request}. */
    static TenantEndpoint of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof TenantEndpoint endpoint) {
            return endpoint;
        }
        throw new IllegalStateException("request to " + request.getRequestURI() + " was not routed to a tenant");
    }

    /**
     * The SDK's providers keep their sessions in a private map and offer no count nor lookup, so the maps are read by
     * reflection; a start-up failure here (an SDK upgrade that renamed the field) is caught by the tests.
     */
    private static Map<?, ?> sessionsOf(Object provider) {
        try {
            Field field = provider.getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            return (Map<?, ?>) field.get(provider);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot count the sessions of " + provider.getClass().getSimpleName(), e);
        }
    }
}
