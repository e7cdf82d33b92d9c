package io.github.coupamcp.cli;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.RenderedAnswers;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.StdioServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(name = "stdio", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve MCP over stdin/stdout (Claude Desktop and other local clients).")
final class StdioCommand extends ServerCommand {
    private static final Logger log = LoggerFactory.getLogger(StdioCommand.class);
    static final Duration CONNECT_AT_THE_LATEST = Duration.ofSeconds(2);

    @Override
    public Integer call() throws Exception {
        // Coupa is reached once the first answer is out, which a desktop client waits for on every launch: loading
        // the HTTP stack meanwhile would take CPU from it. At the latest after a moment, for a client that is silent.
        CompletableFuture<Void> connectWhen = new CompletableFuture<>();
        try (Backend backend = openBackend(config(), connectWhen)) {
            McpServerFactory factory = new McpServerFactory(backend.catalog(), backend.access(), Version.current());
            StdioServer server = StdioServer.start(factory, cli().in(), cli().out());
            server.firstAnswer().thenRun(() -> connectWhen.complete(null));
            connectWhen.completeOnTimeout(null, CONNECT_AT_THE_LATEST.toMillis(), TimeUnit.MILLISECONDS);
            log.info("MCP over stdio, tools on {}", backend.describe());
            reportConnection(backend);
            server.awaitEndOfInput();
            log.info("stdin closed, exiting");
        }
        return 0;
    }

    /**
     * The answers rendered at build time, when this start would give the same ones: the same tool selection, and
     * settings this start accepts (else it reports them before any answer, as it always did).
     */
    static Optional<RenderedAnswers> renderedAnswers(Map<String, String> env, boolean sandbox) {
        Optional<RenderedAnswers> shipped = RenderedAnswers.shipped();
        if (shipped.isEmpty()) {
            return shipped;
        }
        try {
            ServerOptions options = new ServerOptions();
            options.sandbox = sandbox;
            ServerConfig config = options.apply(ServerConfig.fromEnv(env)).build();
            if (!config.toolSelection().equals(shipped.get().selection())) {
                return Optional.empty();
            }
            if (!sandbox) {
                CoupaConfig.builderFromEnv(env).defaultScopes(shipped.get().scopes()).build();
            }
            return shipped;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
