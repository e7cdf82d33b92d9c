package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What stdio, http, tools and call share: the CLI context, the common options and the settings built from them. */
abstract class ServerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

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

    /**
     * Serving commands answer clients while Coupa is reached: once Coupa answered the first token request, a refusal
     * or silence is reported in one line on stderr (details in the debug log), and the server keeps serving.
     */
    void reportConnection(Backend backend) {
        reportConnection(backend, "");
    }

    /** As above, the line starting with {@code prefix} after the program's name (which tenant). */
    void reportConnection(Backend backend, String prefix) {
        backend.connection().whenComplete((connected, failure) -> {
            if (failure != null && !(failure instanceof CancellationException)) { // cancelled: closed meanwhile
                Throwable cause = unwrap(failure);
                cli().err().println("coupa-mcp: " + prefix + ErrorMessages.describeWhileServing(cause));
                log.debug("First Coupa token request failed", cause);
            }
        });
    }

    /** For commands that need Coupa right away: waits for the first token, throwing why there is none. */
    static void awaitConnection(Backend backend) {
        try {
            backend.connection().join();
        } catch (CompletionException e) {
            throw unwrap(e) instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The tools and what they run on, honouring --sandbox. */
    Backend openBackend(ServerConfig config) {
        return cli().backends().open(config, options.sandbox, cli().env());
    }

    /** As above, reaching Coupa once {@code connectWhen} completes. */
    Backend openBackend(ServerConfig config, CompletionStage<?> connectWhen) {
        return cli().backends().open(config, options.sandbox, cli().env(), connectWhen);
    }
}
