package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.HttpServer;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.Operations;
import io.github.coupamcp.metrics.ServiceMetrics;
import java.util.List;
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

    @Option(names = "--stateless", description = "Stateless Streamable HTTP only, for replicas behind a load balancer"
            + " without sticky sessions: no sessions, no SSE, no server-to-client messages (env"
            + " COUPA_MCP_HTTP_STATELESS). Give every replica the same COUPA_MCP_CURSOR_KEY.")
    boolean stateless;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config().requireSafeHttpBind();
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
        cli().err().println("coupa-mcp " + Version.current() + " serving MCP at " + server.baseUrl()
                + HttpServer.MCP_PATH + (config.stateless() ? " (stateless: no sessions, no SSE)"
                        : " (SSE: " + server.baseUrl() + HttpServer.SSE_PATH + ")") + ", tools on "
                + backend.describe());
        reportConnection(backend);
        server.join();
        return 0;
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
        if (stateless) {
            builder.stateless(true);
        }
        return builder;
    }
}
