package io.github.coupamcp.cli;

import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.StdioServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(name = "stdio", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve MCP over stdin/stdout (Claude Desktop and other local clients).")
final class StdioCommand extends ServerCommand {
    private static final Logger log = LoggerFactory.getLogger(StdioCommand.class);

    @Override
    public Integer call() throws Exception {
        try (Backend backend = openBackend(config())) {
            McpServerFactory factory = new McpServerFactory(backend.catalog(), backend.access(), Version.current());
            StdioServer server = StdioServer.start(factory, cli().in(), cli().out());
            log.info("MCP over stdio, tools on {}", backend.describe());
            reportConnection(backend);
            server.awaitEndOfInput();
            log.info("stdin closed, exiting");
        }
        return 0;
    }
}
