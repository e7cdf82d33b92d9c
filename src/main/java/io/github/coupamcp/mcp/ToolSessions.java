package io.github.coupamcp.mcp;

import io.github.coupamcp.oauth.VerifiedToken;
import io.github.coupamcp.tools.CallOrigin;
import io.github.coupamcp.tools.ToolNarrowing;
import io.github.coupamcp.tools.ToolSession;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Carries who is asking from the transport to the tools: the HTTP transports put the MCP session id and the request's
 * narrowing (its tool headers) into the SDK's per-request transport context, which tool filters and call handlers
 * read back. Stdio has no transport context: its one session, unnarrowed.
 */
final class ToolSessions {
    static final String SESSION = "coupa-mcp.session";
    static final String NARROWING = "coupa-mcp.narrowing";
    static final String ORIGIN = "coupa-mcp.origin";

    private ToolSessions() {}

    static McpTransportContext context(String session, ToolNarrowing narrowing) {
        return context(session, narrowing, CallOrigin.NONE);
    }

    static McpTransportContext context(String session, ToolNarrowing narrowing, CallOrigin origin) {
        return McpTransportContext.create(Map.of(SESSION, session == null ? "" : session, NARROWING, narrowing,
                ORIGIN, origin));
    }

    /**
     * The context of an HTTP request naming {@code session} (null: none): its narrowing headers and its origin for the
     * audit trail (request id, tenant, principal), all set by the filters before.
     */
    static McpTransportContext context(HttpServletRequest request, String session) {
        String tenant = request.getAttribute(TenantEndpoint.ATTRIBUTE) instanceof TenantEndpoint endpoint
                ? endpoint.name() : null;
        String principal = request.getAttribute(OAuthBearerFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token
                ? token.principal() : null;
        String requestId = request.getAttribute(AccessLogFilter.REQUEST_ID_ATTRIBUTE) instanceof String id ? id : null;
        return context(session, ToolHeadersFilter.of(request), new CallOrigin(requestId, session, tenant, principal));
    }

    /** Where the call of {@code context} comes from; {@link CallOrigin#NONE} on stdio. */
    static CallOrigin origin(McpTransportContext context) {
        return context != null && context.get(ORIGIN) instanceof CallOrigin origin ? origin : CallOrigin.NONE;
    }

    /** A parameter of the query string only (never of a form body, which getParameter would read). */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static ToolSession of(McpTransportContext context) {
        if (context == null) {
            return ToolSession.SINGLE;
        }
        Object session = context.get(SESSION);
        Object narrowing = context.get(NARROWING);
        return new ToolSession(session instanceof String key ? key : "",
                narrowing instanceof ToolNarrowing n ? n : ToolNarrowing.NONE);
    }
}
