package io.github.coupamcp.mcp;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * First in front of every path. Refuses methods a path does not serve with 405 before any servlet runs (the
 * servlets' inherited {@code doTrace} echoes every request header, Authorization included), and checks Host and
 * Origin on every method of the MCP paths: the SDK only checks them on the methods it implements, so OPTIONS
 * slipped through. Origin is parsed strictly first, since the SDK's pattern match accepts
 * {@code http://localhost:4220@evil.example} and comma-joined lists. An OPTIONS answer allows what a 405 here
 * allows, so that the two never disagree. In stateless mode {@code /mcp} serves POST only: its GET (event stream)
 * and DELETE (session end) are refused here, saying why. Two Authorization headers are refused on every path.
 */
final class HttpEdgeFilter extends HttpFilter {
    /** {@code scheme://host[:port]} and nothing else: no user info, path, query or second value. */
    private static final Pattern ORIGIN = Pattern.compile(
            "https?://([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");
    private static final String ANY_PATH_METHODS = "GET, HEAD, POST, DELETE, OPTIONS";
    private static final Map<String, String> METHODS_BY_PATH = Map.of(
            HttpServer.MCP_PATH, "GET, POST, DELETE, OPTIONS",
            HttpServer.SSE_PATH, "GET, OPTIONS",
            HttpServer.SSE_MESSAGE_PATH, "POST, OPTIONS",
            HttpServer.HEALTH_PATH, "GET, HEAD, OPTIONS",
            HttpServer.READY_PATH, "GET, HEAD, OPTIONS",
            HttpServer.METRICS_PATH, "GET, OPTIONS");
    /** Probes and scrapers address the server by whatever IP they found (a pod's), and carry nothing to steal. */
    private static final java.util.Set<String> ANY_HOST_PATHS =
            java.util.Set.of(HttpServer.HEALTH_PATH, HttpServer.READY_PATH, HttpServer.METRICS_PATH);

    private static final String STATELESS_MCP_METHODS = "POST, OPTIONS";

    private final ServerTransportSecurityValidator validator;
    private final boolean stateless;

    HttpEdgeFilter(ServerTransportSecurityValidator validator) {
        this(validator, false);
    }

    HttpEdgeFilter(ServerTransportSecurityValidator validator, boolean stateless) {
        this.validator = validator;
        this.stateless = stateless;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        boolean statelessMcp = stateless && HttpServer.MCP_PATH.equals(path);
        String allowed = statelessMcp ? STATELESS_MCP_METHODS : METHODS_BY_PATH.getOrDefault(path, ANY_PATH_METHODS);
        if (!List.of(allowed.split(", ")).contains(request.getMethod())) {
            response.setHeader("Allow", allowed);
            if (statelessMcp && (request.getMethod().equals("GET") || request.getMethod().equals("DELETE"))) {
                // written here: Jetty's error page has no body for DELETE
                StatelessHttp.refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, StatelessHttp.NO_STREAM);
                return;
            }
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    request.getMethod().length() > 16 ? "Method not allowed" : request.getMethod() + " is not allowed "
                            + "here; use " + allowed);
            return;
        }
        if (Collections.list(request.getHeaders("Authorization")).size() > 1) {
            // the filters read the first, a proxy in front may have checked the last: who is calling is ambiguous
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Authorization must be sent once");
            return;
        }
        if (!ANY_HOST_PATHS.contains(path)) {
            String refusal = refusal(request);
            if (refusal != null) {
                int status = refusal.startsWith("Host") ? 421 : HttpServletResponse.SC_FORBIDDEN;
                response.sendError(status, refusal);
                return;
            }
        }
        // the servlets' inherited doOptions lists TRACE (and HEAD), which this filter refuses
        chain.doFilter(request, request.getMethod().equals("OPTIONS") ? new AllowHeader(response, allowed) : response);
    }

    /** Replaces whatever {@code Allow} the servlet sets by what this filter lets through. */
    private static final class AllowHeader extends HttpServletResponseWrapper {
        private final String allowed;

        AllowHeader(HttpServletResponse response, String allowed) {
            super(response);
            this.allowed = allowed;
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Allow".equalsIgnoreCase(name) ? allowed : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Allow".equalsIgnoreCase(name) ? allowed : value);
        }
    }

    /** Null when Host and Origin are acceptable, else why not (starting with "Host" for a Host problem). */
    private String refusal(HttpServletRequest request) {
        List<String> origins = Collections.list(request.getHeaders("Origin"));
        if (origins.size() > 1 || (origins.size() == 1 && !ORIGIN.matcher(origins.get(0)).matches())) {
            return "Origin must be one value of the form scheme://host[:port]";
        }
        String host = request.getHeader("Host");
        try {
            validator.validateHeaders(Map.of(
                    "Origin", origins,
                    "Host", host == null ? List.of() : List.of(host)));
            return null;
        } catch (ServerTransportSecurityException e) {
            return e.getStatusCode() == 421 ? "Host not allowed" : "Origin not allowed";
        }
    }
}
