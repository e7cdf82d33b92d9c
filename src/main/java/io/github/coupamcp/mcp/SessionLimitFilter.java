package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * Bounds the number of MCP sessions held in memory: a new one (Streamable {@code initialize}, SSE {@code GET /sse})
 * is refused with 503 and a JSON-RPC error when the limit is reached. The SDK's providers keep their sessions in a
 * private map and offer no count, so the maps are read by reflection; a start-up failure here (an SDK upgrade that
 * renamed the field) is caught by the tests.
 */
final class SessionLimitFilter extends HttpFilter {
    private final int maxSessions;
    private final List<Map<?, ?>> sessionMaps;

    SessionLimitFilter(int maxSessions, List<Object> providers) {
        this.maxSessions = maxSessions;
        this.sessionMaps = providers.stream().<Map<?, ?>>map(SessionLimitFilter::sessionsOf).toList();
    }

    int openSessions() {
        return sessionMaps.stream().mapToInt(Map::size).sum();
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

    /** The refused initialize's id, so that the client matches the answer to its request. */

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
