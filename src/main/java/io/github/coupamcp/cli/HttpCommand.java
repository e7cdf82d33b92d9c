package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.HttpServer;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.Operations;
import io.github.coupamcp.metrics.ServiceMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "http", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
        "Serve MCP over HTTP: Streamable HTTP at /mcp, legacy SSE at /sse, health at /healthz and /readyz,",
        "Prometheus metrics at /metrics.",
        "Binding a non-loopback address requires COUPA_MCP_HTTP_TOKEN (clients send it as a bearer token)",
        "or OAuth authorization (COUPA_MCP_AUTH_ISSUER and COUPA_MCP_AUTH_AUDIENCE)."})
final class HttpCommand extends ServerCommand {
    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to bind (env COUPA_MCP_HOST; default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to bind, 0 for any free port (env COUPA_MCP_PORT; default 8080).")
    Integer port;

    @Option(names = "--allowed-host", paramLabel = "HOST[:PORT]", split = ",",
            description = "Extra Host header values to accept, e.g. mcp.example.com:* (env COUPA_MCP_ALLOWED_HOSTS).")
    List<String> allowedHosts;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN", split = ",",
            description = "Extra Origin header values to accept (env COUPA_MCP_ALLOWED_ORIGINS).")
    List<String> allowedOrigins;

    @Option(names = "--tenants-file", paramLabel = "FILE",
            description = "YAML or JSON file mapping principals to Coupa connections and toolsets "
                    + "(env COUPA_MCP_TENANTS_FILE).")
    Path tenantsFile;
    @Option(names = "--stateless", description = "Stateless Streamable HTTP only, for replicas behind a load balancer"
            + " without sticky sessions: no sessions, no SSE, no server-to-client messages (env"
            + " COUPA_MCP_HTTP_STATELESS). Give every replica the same COUPA_MCP_CURSOR_KEY.")
    boolean stateless;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config().requireSafeHttpBind();
        if (config.tenantsFile() != null) {
            return serveTenants(config);
        }
        Backend backend = openBackend(config);
        HttpServer server;
        try {
            ServiceMetrics metrics = new ServiceMetrics();
            metrics.bindUpstream(backend.status());
            server = HttpServer.start(config, new McpServerFactory(metrics.meter(backend.catalog()), backend.access(),
                    Version.current()),
                    new Operations(backend.status()::notReady, metrics.registry()));
        } catch (Exception e) {
            backend.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            backend.close();
        }, "shutdown"));
        cli().err().println("coupa-mcp " + Version.current() + " serving MCP at " + where(config, server)
                + ", tools on " + backend.describe());
        reportConnection(backend);
        server.join();
        return 0;
    }

    /** One Coupa connection per tenant of the tenants file, each caller routed to its own (see TenantConnections). */
    private Integer serveTenants(ServerConfig config) throws Exception {
        if (options.sandbox) {
            throw new UsageError("--sandbox serves one embedded sandbox; with a tenants file ("
                    + ServerConfig.ENV_TENANTS_FILE + ") each tenant names its own Coupa instance");
        }
        ServiceMetrics metrics = new ServiceMetrics();
        TenantConnections tenants = TenantConnections.open(config, cli().backends(), cli().env(), metrics,
                Version.current());
        HttpServer server;
        try {
            server = HttpServer.start(config, tenants.tenants(), tenants,
                    new Operations(tenants::notReady, metrics.registry(), tenants::notReady));
        } catch (Exception e) {
            tenants.close();
            throw e;
        }
        Set<Backend> reported = ConcurrentHashMap.newKeySet();
        BiConsumer<String, Backend> report = (name, backend) -> {
            if (reported.add(backend)) {
                reportConnection(backend, "tenant " + name + ": ");
            }
        };
        TenantsFileWatch watch = TenantsFileWatch.start(config.tenantsFile(), () -> {
            tenants.reload(server::updateTenants);
            tenants.backends().forEach(report);
        }, TenantsFileWatch.POLL);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            watch.close();
            server.stop();
            tenants.close();
        }, "shutdown"));
        cli().err().println("coupa-mcp " + Version.current() + " serving MCP at " + where(config, server) + " for "
                + tenants.tenants().size() + " tenants: " + tenants.describe());
        tenants.backends().forEach(report);
        server.join();
        return 0;
    }

    /** The MCP URL, and the SSE one unless stateless mode has none. */
    private static String where(ServerConfig config, HttpServer server) {
        return server.baseUrl() + HttpServer.MCP_PATH + (config.stateless() ? " (stateless: no sessions, no SSE)"
                : " (SSE: " + server.baseUrl() + HttpServer.SSE_PATH + ")");
    }

    @Override
    ServerConfig.Builder configure(ServerConfig.Builder builder) {
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        if (allowedHosts != null) {
            builder.allowedHosts(allowedHosts);
        }
        if (allowedOrigins != null) {
            builder.allowedOrigins(allowedOrigins);
        }
        if (tenantsFile != null) {
            builder.tenantsFile(tenantsFile);
        }
        if (stateless) {
            builder.stateless(true);
        }
        return builder;
    }
}
