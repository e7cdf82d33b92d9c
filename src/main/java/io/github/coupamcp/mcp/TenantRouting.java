package io.github.coupamcp.mcp;

import io.github.coupamcp.oauth.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private volatile Map<String, TenantEndpoint> current;
    /** Endpoints a reload replaced, with their release, until their last session ends. */
    private final List<Retired> retired = new CopyOnWriteArrayList<>();

    private record Retired(TenantEndpoint endpoint, Runnable release) {}

    /** {@code resolver} null: one endpoint, every caller's. */
    TenantRouting(TenantResolver resolver, Map<String, TenantEndpoint> endpoints) {
        this.resolver = resolver;
        this.current = Map.copyOf(endpoints);
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
        request.setAttribute(TenantEndpoint.ATTRIBUTE, endpoint(tenant, sessionOf(request)));
        if (!retired.isEmpty()) {
            sweep(); // a retired endpoint's sessions end by expiry too: looked at whenever requests come
        }
        chain.doFilter(request, response);
    }

    private String tenantOf(HttpServletRequest request) {
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

    /** The endpoint holding {@code session} among the tenant's current and retired ones, else the current one. */
    private TenantEndpoint endpoint(String tenant, String session) {
        TenantEndpoint now = current.get(tenant);
        if (session == null || retired.isEmpty() || now.holds(session)) {
            return now;
        }
        for (Retired old : retired) {
            if (old.endpoint().name().equals(tenant) && old.endpoint().holds(session)) {
                return old.endpoint();
            }
        }
        return now;
    }

    /**
     * Serves {@code next} from now on. Endpoints no longer in it are retired: kept for the sessions they hold, closed
     * and released by {@link #sweep()} once they hold none.
     */
    synchronized void replace(Map<String, TenantEndpoint> next, Map<TenantEndpoint, Runnable> releases) {
        Map<String, TenantEndpoint> before = current;
        current = Map.copyOf(next);
        for (TenantEndpoint old : before.values()) {
            if (!next.containsValue(old)) {
                retired.add(new Retired(old, releases.getOrDefault(old, () -> { })));
            }
        }
        sweep();
    }

    /** Closes retired endpoints whose last session ended. */
    synchronized void sweep() {
        for (Retired old : List.copyOf(retired)) {
            if (old.endpoint().openSessions() == 0) {
                retired.remove(old);
                close(old);
            }
        }
    }

    /** The endpoints serving now, by tenant name. */
    Map<String, TenantEndpoint> current() {
        return current;
    }

    /** Every endpoint, current and retired. */
    Collection<TenantEndpoint> all() {
        List<TenantEndpoint> all = new ArrayList<>(current.values());
        retired.forEach(old -> all.add(old.endpoint()));
        return all;
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
        current.keySet().forEach(name -> sessions.put(name, 0));
        all().forEach(endpoint -> sessions.merge(endpoint.name(), endpoint.openSessions(), Integer::sum));
        return sessions;
    }

    /** Closes the retired endpoints (the server is stopping); the current ones are the caller's. */
    synchronized void closeRetired() {
        for (Retired old : List.copyOf(retired)) {
            retired.remove(old);
            close(old);
        }
    }

    private static void close(Retired old) {
        log.info("tenant {}: settings of before the reload released (no session left on them)", old.endpoint().name());
        old.endpoint().close();
        try {
            old.release().run();
        } catch (RuntimeException e) {
            log.warn("tenant {}: releasing the old connection failed: {}", old.endpoint().name(), e.toString());
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
