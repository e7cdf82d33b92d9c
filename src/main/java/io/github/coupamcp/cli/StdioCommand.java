package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.StdioServer;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "stdio", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve MCP over stdin/stdout (Claude Desktop and other local clients).")
final class StdioCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(StdioCommand.class);

    @ParentCommand
    Main main;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        CliContext cli = main.context();
        ServerConfig config = options.apply(ServerConfig.fromEnv(cli.env())).build();
        try (Backend backend = cli.backends().open(config, options.sandbox, cli.env())) {
            StdioServer server = StdioServer.start(new McpServerFactory(backend.catalog(), Version.current()),
                    cli.in(), cli.out());
            log.info("MCP over stdio, tools on {}", backend.describe());
            server.awaitEndOfInput();
            log.info("stdin closed, exiting");
        }
        return 0;
    }
}
