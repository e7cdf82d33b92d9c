package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What stdio, http, tools and call share: the CLI context, the common options and the settings built from them. */
abstract class ServerCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ServerOptions options;

    CliContext cli() {
        return main.context();
    }

    /** Environment first, this command's flags on top; validated. */
    ServerConfig config() {
        return configure(options.apply(ServerConfig.fromEnv(cli().env()))).build();
    }

    /** Where a command adds its own flags (http: bind address, allow lists). */
    ServerConfig.Builder configure(ServerConfig.Builder builder) {
        return builder;
    }

    /** The tools and what they run on, honouring --sandbox. */
    Backend openBackend(ServerConfig config) {
        return cli().backends().open(config, options.sandbox, cli().env());
    }
}
