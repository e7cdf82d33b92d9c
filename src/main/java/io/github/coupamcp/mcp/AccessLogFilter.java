package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.oauth.VerifiedToken;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON line per HTTP request on the {@value #LOGGER} logger, written when the answer is complete (for a stream:
 * when it ends): request id, MCP session id, method, path, status, duration, caller. Each request gets an
 * {@code X-Request-Id} (the client's own when it sends a plausible one), echoed in the answer. Never logged: the
 * query string, headers other than these, bodies, tokens.
 */
final class AccessLogFilter extends HttpFilter {
    static final String LOGGER = "coupamcp.access";
    static final String REQUEST_ID = "X-Request-Id";
    /** The request's id, for the audit lines of the tool call it carries. */
    static final String REQUEST_ID_ATTRIBUTE = AccessLogFilter.class.getName() + ".requestId";
    static final String SESSION_ID = "Mcp-Session-Id";
    /** Ids from clients and proxies, kept only when they cannot inject anything into a log line. */
    private static final Pattern PLAUSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!log.isInfoEnabled()) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        String requestId = plausible(request.getHeader(REQUEST_ID));
        response.setHeader(REQUEST_ID, requestId != null ? requestId : (requestId = UUID.randomUUID().toString()));
        String id = requestId;
        request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        write(request, response, id, start);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                write(request, response, id, start);
            }
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String requestId, long start) {
        ObjectNode line = Json.object()
                .put("ts", Instant.now().toString())
                .put("type", "access")
                .put("request_id", requestId)
                .put("method", request.getMethod())
                .put("path", request.getRequestURI())
                .put("status", response.getStatus())
                .put("duration_ms", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0);
        String session = sessionId(request, response);
        if (session != null) {
            line.put("session_id", session);
        }
        if (request.getAttribute(OAuthBearerFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token) {
            line.put("principal", token.principal());
        }
        if (request.getAttribute(TenantEndpoint.ATTRIBUTE) instanceof TenantEndpoint tenant) {
            line.put("tenant", tenant.name());
        }
        line.put("remote", request.getRemoteAddr());
        log.info(Json.MAPPER.writeValueAsString(line));
    }

    /** Streamable HTTP names the session in a header (the answer's, on initialize); SSE in the message URL. */
    private static String sessionId(HttpServletRequest request, HttpServletResponse response) {
        String session = plausible(request.getHeader(SESSION_ID));
        if (session == null) {
            session = plausible(response.getHeader(SESSION_ID));
        }
        if (session == null && HttpServer.SSE_MESSAGE_PATH.equals(request.getRequestURI())) {
            session = plausible(ToolSessions.queryParameter(request.getQueryString(),
                    JsonRpcBodyFilter.SSE_SESSION_PARAMETER));
        }
        return session;
    }

    private static String plausible(String id) {
        return id != null && PLAUSIBLE_ID.matcher(id).matches() ? id : null;
    }
}
