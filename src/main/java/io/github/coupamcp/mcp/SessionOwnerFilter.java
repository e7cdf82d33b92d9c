package io.github.coupamcp.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.coupamcp.oauth.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;

/**
 * With OAuth, a session belongs to the principal (token subject, else client) that opened it: a request of another
 * principal naming its id is answered as if the session did not exist (404), so one caller cannot use, nor learn
 * about, another's session state (enabled toolsets, pending questions to the human, cancellations). A Streamable HTTP
 * session is bound when the server hands out its id; an SSE session, whose id travels in its event stream, by its
 * first message. Requests with a static bearer token count as one principal of their own; ids of no session are not bound.
 */
final class SessionOwnerFilter extends HttpFilter {
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String STATIC_TOKEN = "static-token";

    private final Cache<String, String> owners;

    SessionOwnerFilter(Duration sessionIdleTimeout, int maxSessions) {
        this.owners = Caffeine.newBuilder().expireAfterAccess(sessionIdleTimeout.multipliedBy(2))
                .maximumSize(Math.max(1_000L, 4L * maxSessions)).build();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // a static token names no principal: its sessions are the static tokens' (never an OAuth principal's)
        String principal = request.getAttribute(OAuthBearerFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token
                ? "oauth:" + token.principal() : STATIC_TOKEN;
        String session = TenantRouting.sessionOf(request);
        if (session == null) {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void setHeader(String name, String value) {
                    bind(name, value);
                    super.setHeader(name, value);
                }

                @Override
                public void addHeader(String name, String value) {
                    bind(name, value);
                    super.addHeader(name, value);
                }

                private void bind(String name, String value) {
                    if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                        owners.put(value, principal);
                    }
                }
            });
            return;
        }
        if (!TenantEndpoint.of(request).holds(session)) {
            // not a session (made up, or ended): the SDK says so; binding it would only fill the owners' cache
            chain.doFilter(request, response);
            return;
        }
        String owner = owners.asMap().putIfAbsent(session, principal);
        if (owner != null && !owner.equals(principal)) {
            // the very answer an unknown session gets: a session's existence is not told to another principal
            JsonRpcGuard.Rejected refused = new JsonRpcGuard.Rejected(-32600, "Session not found: " + session,
                    JsonRpcBodyFilter.requestId(request), true);
            JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_NOT_FOUND, refused.answer());
            return;
        }
        chain.doFilter(request, response);
    }
}
