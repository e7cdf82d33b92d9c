package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.IntSupplier;

/**
 * Bounds the number of MCP sessions held in memory: a new one (Streamable {@code initialize}, SSE {@code GET /sse})
 * is refused with 503 and a JSON-RPC error when the limit is reached.
 */
final class SessionLimitFilter extends HttpFilter {
    private final int maxSessions;
    private final IntSupplier openSessions;

    /** {@code openSessions}: the sessions held now, of every tenant (see {@link TenantEndpoint#openSessions()}). */
    SessionLimitFilter(int maxSessions, IntSupplier openSessions) {
        this.maxSessions = maxSessions;
        this.openSessions = openSessions;
    }

    private int openSessions() {
        return openSessions.getAsInt();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean opens = "initialize".equals(request.getAttribute(JsonRpcBodyFilter.METHOD_ATTRIBUTE))
                || ("GET".equals(request.getMethod()) && request.getRequestURI().equals(HttpServer.SSE_PATH));
        if (opens && openSessions() >= maxSessions) {
            JsonRpcGuard.Rejected full = new JsonRpcGuard.Rejected(-32000, "Too many open sessions (limit "
                    + maxSessions + "). Close sessions you no longer use, or retry after idle ones expire; the "
                    + "operator can raise " + ServerConfig.ENV_MAX_SESSIONS + ".", JsonRpcBodyFilter.requestId(request), true);
            response.setHeader("Retry-After", "60");
            JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, full.answer());
            return;
        }
        chain.doFilter(request, response);
    }

}
