package io.github.coupamcp.mcp;

import io.github.coupamcp.oauth.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link TenantEndpoint} of every MCP request, after authentication: the tenant of the caller (see
 * {@link TenantResolver}), or the one endpoint of a server without tenants. A request naming a session goes to the
 * endpoint holding it: after a reload replaced a tenant's settings, its running sessions stay on the endpoint they
 * started on (its old settings) until they end, while new sessions start on the new one. A session of another tenant
 * is never found, since only the caller's own tenant's endpoints are searched. A caller assigned to no tenant is
 * refused with 403.
 */
final class TenantRouting extends HttpFilter {
    private static final Logger log = LoggerFactory.getLogger(TenantRouting.class);
    private static final String BEARER = "Bearer ";

    private final TenantResolver resolver;
    private final EndpointTable<TenantEndpoint> table;

    /** {@code resolver} null: one endpoint, every caller's. */
    TenantRouting(TenantResolver resolver, Map<String, TenantEndpoint> endpoints) {
        this.resolver = resolver;
        this.table = new EndpointTable<>(new Endpoints(), endpoints);
        if (resolver == null && endpoints.size() != 1) {
            throw new IllegalArgumentException("without a tenant resolver there is exactly one endpoint");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String tenant = tenantOf(request);
        if (tenant == null) {
            response.setHeader("Cache-Control", "no-store");
            JsonRpcBodyFilter.answer(response, HttpServletResponse.SC_FORBIDDEN, new JsonRpcGuard.Rejected(-32001,
                    "Forbidden: " + unassigned(request) + " is not assigned to any tenant of this server; ask its "
                            + "operator to add it to the tenants file.", JsonRpcBodyFilter.requestId(request), true)
                    .answer());
            return;
        }
        TenantEndpoint endpoint = table.enter(tenant, sessionOf(request));
        try {
            request.setAttribute(TenantEndpoint.ATTRIBUTE, endpoint);
            chain.doFilter(request, response);
        } finally {
            table.done(endpoint); // a retired endpoint's sessions end by expiry too: looked at whenever requests end
        }
    }

    private String tenantOf(HttpServletRequest request) {
        Map<String, TenantEndpoint> current = table.current();
        if (resolver == null) {
            return current.keySet().iterator().next();
        }
        String name = request.getAttribute(OAuthBearerFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token
                ? resolver.forToken(token) : resolver.forStaticToken(bearer(request));
        return name != null && current.containsKey(name) ? name : null;
    }

    private String unassigned(HttpServletRequest request) {
        if (request.getAttribute(OAuthBearerFilter.TOKEN_ATTRIBUTE) instanceof VerifiedToken token) {
            return "the principal " + JsonRpcGuard.echo(resolver.principalOf(token));
        }
        return "this token";
    }

    /**
     * Serves {@code next} from now on. Endpoints no longer in it are retired: kept for the sessions they hold and the
     * requests they serve, closed and released once they have neither.
     */
    void replace(Map<String, TenantEndpoint> next, Map<TenantEndpoint, Runnable> releases) {
        table.replace(next, releases);
    }

    /** The endpoints serving now, by tenant name. */
    Map<String, TenantEndpoint> current() {
        return table.current();
    }

    /** Every endpoint, current and retired. */
    Collection<TenantEndpoint> all() {
        return table.all();
    }

    int openSessions() {
        return all().stream().mapToInt(TenantEndpoint::openSessions).sum();
    }

    /** The sessions of {@code tenant}, on its current and retired endpoints. */
    int openSessionsOf(String tenant) {
        return all().stream().filter(e -> e.name().equals(tenant)).mapToInt(TenantEndpoint::openSessions).sum();
    }

    /** Sessions per tenant name, current and retired endpoints together. */
    Map<String, Integer> openSessionsByTenant() {
        Map<String, Integer> sessions = new LinkedHashMap<>();
        table.current().keySet().forEach(name -> sessions.put(name, 0));
        all().forEach(endpoint -> sessions.merge(endpoint.name(), endpoint.openSessions(), Integer::sum));
        return sessions;
    }

    /** Closes the retired endpoints (the server is stopping); the current ones are the caller's. */
    void closeRetired() {
        table.closeRetired();
    }

    /** What the table needs of a tenant endpoint. */
    private static final class Endpoints implements EndpointTable.Endpoints<TenantEndpoint> {
        @Override
        public String name(TenantEndpoint endpoint) {
            return endpoint.name();
        }

        @Override
        public boolean holds(TenantEndpoint endpoint, String session) {
            return endpoint.holds(session);
        }

        @Override
        public int openSessions(TenantEndpoint endpoint) {
            return endpoint.openSessions();
        }

        @Override
        public void close(TenantEndpoint endpoint, Runnable release) {
            log.info("tenant {}: settings of before the reload released (no session left on them)", endpoint.name());
            endpoint.close();
            try {
                release.run();
            } catch (RuntimeException e) {
                log.warn("tenant {}: releasing the old connection failed: {}", endpoint.name(), e.toString());
            }
        }
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /** The session a request names: the Streamable HTTP header, else the SSE message endpoint's query parameter. */
    static String sessionOf(HttpServletRequest request) {
        String header = request.getHeader(JsonRpcBodyFilter.SESSION_HEADER);
        return header != null ? header
                : ToolSessions.queryParameter(request.getQueryString(), JsonRpcBodyFilter.SSE_SESSION_PARAMETER);
    }
}
