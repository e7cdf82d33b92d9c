package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Bounds the number of MCP sessions held in memory: a new one (Streamable {@code initialize}, SSE {@code GET /sse})
 * is refused with 503 and a JSON-RPC error when the limit is reached.
 */
final class SessionLimitFilter extends HttpFilter {
    private final int maxSessions;
    private final IntSupplier openSessions;
    private final ToIntFunction<String> openSessionsOf;

    /**
     * @param openSessions the sessions held now, of every tenant
     * @param openSessionsOf the sessions one tenant holds now (checked against its own limit, if it has one)
     */
    SessionLimitFilter(int maxSessions, IntSupplier openSessions, ToIntFunction<String> openSessionsOf) {
        this.maxSessions = maxSessions;
        this.openSessions = openSessions;
        this.openSessionsOf = openSessionsOf;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean opens = "initialize".equals(request.getAttribute(JsonRpcBodyFilter.METHOD_ATTRIBUTE))
                || ("GET".equals(request.getMethod()) && request.getRequestURI().equals(HttpServer.SSE_PATH));
        if (opens) {
            TenantEndpoint tenant = TenantEndpoint.of(request);
            if (openSessions.getAsInt() >= maxSessions) {
                refuse(request, response, "Too many open sessions (limit " + maxSessions + "). Close sessions you no "
                        + "longer use, or retry after idle ones expire; the operator can raise "
                        + ServerConfig.ENV_MAX_SESSIONS + ".");
                return;
            }
            if (tenant.maxSessions() != Tenant.NO_LIMIT && openSessionsOf.applyAsInt(tenant.name())
                    >= tenant.maxSessions()) {
                refuse(request, response, "Too many open sessions for tenant " + tenant.name() + " (limit "
                        + tenant.maxSessions() + "). Close sessions you no longer use, or retry after idle ones "
                        + "expire; the operator can raise max_sessions of this tenant in the tenants file.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        JsonRpcGuard.Rejected full = new JsonRpcGuard.Rejected(-32000, message, JsonRpcBodyFilter.requestId(request),
                true);
        response.setHeader("Retry-After", "60");
        JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, full.answer());
    }
}
