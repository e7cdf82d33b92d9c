package io.github.coupamcp.cli;

import io.github.coupamcp.config.AuthConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.config.ServerConfigException;
import io.github.coupamcp.config.TenantSpec;
import io.github.coupamcp.config.Tenants;
import io.github.coupamcp.config.TenantsFile;
import io.github.coupamcp.coupa.CoupaStatus;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.Operations;
import io.github.coupamcp.mcp.Tenant;
import io.github.coupamcp.mcp.TenantResolver;
import io.github.coupamcp.metrics.ServiceMetrics;
import io.github.coupamcp.oauth.VerifiedToken;
import io.github.coupamcp.tools.CallLimitedCatalog;
import io.github.coupamcp.tools.ToolCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants of the tenants file, each on its own Coupa connection: its own backend (token cache, rate limit,
 * circuit breaker, answer caches), its own tool settings (toolsets, read-only, writes) and its own cursor and
 * confirmation keys. Also the HTTP server's {@link TenantResolver}: which tenant a caller's token belongs to.
 *
 * <p>{@link #reload()} reads the file again: tenants whose entry did not change keep their connection; the others get
 * a new one, while the sessions running on the old one keep it until they end (the HTTP server then releases it).
 */
final class TenantConnections implements TenantResolver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TenantConnections.class);

    private final ServerConfig base;
    private final BackendFactory backends;
    private final Map<String, String> env;
    private final ServiceMetrics metrics;
    private final String version;
    private final Set<String> knownToolsets;
    private volatile Tenants tenants;
    /** The connections serving now, by tenant name. */
    private volatile Map<String, Connection> current = Map.of();
    private final Set<String> metered = new TreeSet<>();

    private record Connection(TenantSpec spec, Backend backend, Tenant tenant) {}

    private TenantConnections(ServerConfig base, BackendFactory backends, Map<String, String> env,
            ServiceMetrics metrics, String version) {
        this.base = base;
        this.backends = backends;
        this.env = env;
        this.metrics = metrics;
        this.version = version;
        this.knownToolsets = backends.toolsets();
    }

    /** Reads the tenants file and opens every tenant's connection; a configuration error names the entry. */
    static TenantConnections open(ServerConfig base, BackendFactory backends, Map<String, String> env,
            ServiceMetrics metrics, String version) {
        if (base.httpToken() != null) {
            throw new ServerConfigException(ServerConfig.ENV_HTTP_TOKEN + " names no tenant: with a tenants file ("
                    + ServerConfig.ENV_TENANTS_FILE + ") give each tenant its static_tokens there");
        }
        TenantConnections connections = new TenantConnections(base, backends, env, metrics, version);
        Tenants tenants = connections.load();
        try {
            connections.serve(tenants, route -> { });
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        return connections;
    }

    /** What the HTTP server serves now. */
    List<Tenant> tenants() {
        return current.values().stream().map(Connection::tenant).toList();
    }

    /** One line per tenant for the start-up message. */
    String describe() {
        List<String> lines = new ArrayList<>();
        current.forEach((name, c) -> lines.add(name + " -> " + c.backend().describe()));
        return String.join("; ", lines);
    }

    /**
     * Reads the file again and opens what changed; {@code route} gets the tenants to serve from now on (the HTTP
     * server's routing) before callers are resolved to them, so a caller of a new tenant is never resolved to a tenant
     * the routing does not have yet. Throws the configuration error (the previous settings stay) when the file is not
     * valid now.
     */
    synchronized void reload(Consumer<List<Tenant>> route) {
        Tenants next = load();
        Map<String, Connection> before = current;
        serve(next, route);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        current.forEach((name, c) -> {
            Connection old = before.get(name);
            if (old == null) {
                added.add(name);
            } else if (old != c) {
                changed.add(name);
            }
        });
        before.keySet().stream().filter(name -> !current.containsKey(name)).forEach(removed::add);
        log.info("tenants file reloaded: added {}, changed {}, removed {}, {} unchanged (running sessions of changed "
                + "and removed tenants keep their settings until they end)", added, changed, removed,
                current.size() - added.size() - changed.size());
    }

    /** The file, checked against the server's settings too: principals need OAuth to be recognised. */
    private Tenants load() {
        Tenants next = TenantsFile.load(base.tenantsFile(), env, knownToolsets);
        if (base.auth() == null) {
            for (TenantSpec spec : next.tenants()) {
                if (!spec.principals().isEmpty()) {
                    throw new ServerConfigException(base.tenantsFile() + ": tenant " + spec.name() + " names principals,"
                            + " which only OAuth access tokens carry: set " + AuthConfig.ENV_ISSUER + " and "
                            + AuthConfig.ENV_AUDIENCE + ", or give the tenant static_tokens instead");
                }
            }
        }
        return next;
    }

    private synchronized void serve(Tenants next, Consumer<List<Tenant>> route) {
        Map<String, Connection> before = current;
        Map<String, Connection> after = new LinkedHashMap<>();
        List<Connection> opened = new ArrayList<>();
        try {
            for (TenantSpec spec : next.tenants()) {
                Connection old = before.get(spec.name());
                if (old != null && old.spec().equals(spec)) {
                    after.put(spec.name(), old);
                } else {
                    Connection connection = connect(spec);
                    opened.add(connection);
                    after.put(spec.name(), connection);
                }
            }
            route.accept(after.values().stream().map(Connection::tenant).toList());
        } catch (RuntimeException e) {
            opened.forEach(c -> c.backend().close());
            throw e;
        }
        tenants = next;
        current = Map.copyOf(after);
        for (String name : after.keySet()) {
            if (metered.add(name)) {
                metrics.bindUpstream(name, () -> statusOf(name));
            }
        }
    }

    private CoupaStatus statusOf(String name) {
        Connection connection = current.get(name);
        return connection == null ? null : connection.backend().status();
    }

    private Connection connect(TenantSpec spec) {
        Backend backend = backends.open(spec.serverConfig(base), false, spec.coupaEnv());
        try {
            ToolCatalog tools = metrics.meter(backend.catalog(), spec.name());
            if (spec.maxConcurrentCalls() != null) {
                tools = new CallLimitedCatalog(tools, spec.maxConcurrentCalls());
            }
            McpServerFactory factory = new McpServerFactory(tools, backend.access(), version);
            log.info("tenant {}: tools on {}", spec.name(), backend.describe());
            return new Connection(spec, backend, new Tenant(spec.name(), factory,
                    spec.maxSessions() == null ? Tenant.NO_LIMIT : spec.maxSessions(), backend::close));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Null when every tenant's Coupa answered its first token request, else which tenants are not ready and why. */
    String notReady() {
        List<String> waiting = new ArrayList<>();
        current.forEach((name, connection) -> {
            String why = connection.backend().status().notReady();
            if (why != null) {
                waiting.add("tenant " + name + ": " + why);
            }
        });
        return waiting.isEmpty() ? null : String.join("; ", waiting);
    }

    /** Null when this tenant's Coupa answered its first token request, else why not (see Operations). */
    String notReady(String tenant) {
        Connection connection = current.get(tenant);
        return connection == null ? Operations.UNKNOWN_TENANT
                : connection.backend().status().notReady();
    }

    /** The backend serving each tenant now. */
    Map<String, Backend> backends() {
        Map<String, Backend> backends = new LinkedHashMap<>();
        current.forEach((name, connection) -> backends.put(name, connection.backend()));
        return backends;
    }

    @Override
    public String forStaticToken(String token) {
        return token == null ? null : tenants.forStaticToken(token).map(TenantSpec::name).orElse(null);
    }

    @Override
    public String forToken(VerifiedToken token) {
        String principal = principalOf(token);
        return principal == null ? null : tenants.forPrincipal(principal).map(TenantSpec::name).orElse(null);
    }

    @Override
    public String principalOf(VerifiedToken token) {
        return token.claim(tenants.principalClaim());
    }

    /** Closes the connections serving now; those of before a reload are released by the HTTP server. */
    @Override
    public void close() {
        current.values().forEach(c -> c.backend().close());
    }
}
