package io.github.coupamcp.cli;

import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.StdioServer;
import java.time.Duration;
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
}
