package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Stateless Streamable HTTP ({@link ServerConfig#stateless()}): {@code /mcp} answers every POST on its own, with no
 * session, so any replica behind a load balancer can answer any request. GET (the server's event stream) and DELETE
 * (ending a session) on {@code /mcp} are refused with 405 by {@link HttpEdgeFilter}, and the legacy SSE endpoints,
 * which need sessions, here with 404; both saying why.
 */
final class StatelessHttp {
    /** What stateless mode gives up, for the start-up log and the refusals. */
    static final String GIVES_UP = "no sessions, so no server-to-client messages (no progress notifications, no"
            + " questions to the human: confirmed writes rely on their confirmation token alone), no"
            + " notifications/cancelled for running calls, no tools/list_changed, no dynamic toolsets and no SSE";
    static final String NO_STREAM = "This server runs stateless Streamable HTTP: there is no event stream to open"
            + " (GET) and no session to end (DELETE). POST each JSON-RPC message to " + HttpServer.MCP_PATH
            + "; each is answered on its own.";
    static final String NO_SSE = "This server runs stateless Streamable HTTP: the SSE transport needs sessions and is"
            + " off. POST JSON-RPC messages to " + HttpServer.MCP_PATH + " (Streamable HTTP) instead.";

    private static final Logger log = LoggerFactory.getLogger(StatelessHttp.class);

    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;

    StatelessHttp(McpServerFactory factory, DefaultServerTransportSecurityValidator validator) {
        this.transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(McpServerFactory.jsonMapper())
                .messageEndpoint(HttpServer.MCP_PATH)
                .httpHeaderValidator(validator)
                // no session: a client's Mcp-Session-Id header names nothing here, so it is not read
                .contextExtractor(request -> ToolSessions.context(request, null))
                .build();
        this.server = factory.buildStateless(transport);
    }

    /** Says at start what replicas need in common, when they lack it. */
    static void checkReplicaSettings(ServerConfig config) {
        if (config.cursorKey() == null) {
            log.warn("Stateless HTTP without {}: this process signs cursors and confirmation tokens with its own"
                    + " random key, so another replica refuses them. Give every replica the same key.",
                    ServerConfig.ENV_CURSOR_KEY);
        }
    }

    /** The servlet answering {@code /mcp}. */
    HttpServlet servlet() {
        return transport;
    }

    /** The SSE refusal; after the context's other filters. */
    static void refuseSse(ServletContextHandler context) {
        FilterHolder noSse = new FilterHolder(new NoSse());
        noSse.setAsyncSupported(true);
        for (String path : new String[] {HttpServer.SSE_PATH, HttpServer.SSE_MESSAGE_PATH}) {
            context.addFilter(noSse, path, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    void close() {
        server.closeGracefully();
    }

    /** The SSE paths, answered with why they are not served (there is no servlet behind them). */
    private static final class NoSse extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, NO_SSE);
        }
    }

    /** A refusal of what stateless mode does not serve, as a JSON-RPC error. */
    static void refuse(HttpServletResponse response, int status, String why) throws IOException {
        JsonRpcGuard.Rejected refused = new JsonRpcGuard.Rejected(JsonRpcGuard.INVALID_REQUEST, why,
                NullNode.getInstance(), true);
        JsonRpcBodyFilter.answer(response, status, refused.answer());
    }
}
