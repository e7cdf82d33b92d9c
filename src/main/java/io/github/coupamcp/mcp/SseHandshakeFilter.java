package io.github.coupamcp.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The SDK's SSE transport holds every message of a session but {@code initialize} until the client has sent
 * {@code notifications/initialized}, blocking the servlet thread that POSTed it without any bound: one caller could
 * take every HTTP thread of the server (all tenants, probes too) with one session. Until that notification arrives,
 * other messages of a held SSE session are answered here at once with -32600 saying what to send first. Client
 * responses (no method) pass: they answer the server's own requests.
 */
final class SseHandshakeFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String session = request.getParameter(JsonRpcBodyFilter.SSE_SESSION_PARAMETER);
        Object method = request.getAttribute(JsonRpcBodyFilter.METHOD_ATTRIBUTE);
        TenantEndpoint endpoint = TenantEndpoint.of(request);
        if (session == null || method == null || method.equals(JsonRpcGuard.INITIALIZE) || !endpoint.holds(session)) {
            chain.doFilter(request, response);
            return;
        }
        Object id = request.getAttribute(JsonRpcBodyFilter.ID_ATTRIBUTE);
        if (JsonRpcGuard.endsHandshake(method.toString(), id instanceof JsonNode node && !node.isNull())) {
            chain.doFilter(request, response);
            endpoint.sseInitialized(session);
            return;
        }
        if (!endpoint.isSseInitialized(session)) {
            // a request named notifications/initialized (with an id) does not initialize the SDK's session either
            JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_BAD_REQUEST, JsonRpcGuard.notInitialized(
                    method.toString(), id instanceof JsonNode node ? node : NullNode.getInstance()).answer());
            return;
        }
        chain.doFilter(request, response);
    }
}
