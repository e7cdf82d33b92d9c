package io.github.coupamcp.cli;

import io.github.coupamcp.mcp.ToolCallThreads;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coupa-mcp} command line: exit code 0 on success, 1 on a failure, 2 on a usage or configuration error. */
@Command(name = "coupa-mcp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "MCP server for Coupa, with a built-in Coupa sandbox.",
        subcommands = {StdioCommand.class, HttpCommand.class, ToolsCommand.class, CallCommand.class,
            SandboxCommand.class, CdsCommand.class})
public final class Main implements Runnable {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private final CliContext context;

    Main(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        // No subcommand: show what there is.
        new CommandLine(this).usage(context.err());
    }

    public static void main(String[] args) {
        ToolCallThreads.reserve(); // before anything loads Reactor
        // stdout may carry the MCP protocol: keep the real one for commands, send stray prints to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        quietLibraryLogging();
        CliContext context = new CliContext(System.getenv(), System.in, stdout, System.err, Backends.factory());
        // exit() rather than return: non-daemon pools (HTTP clients, reactor) must not keep the JVM alive.
        System.exit(run(context, args));
    }

    /**
     * Caffeine reports a failed asynchronous load (e.g. a refused token request) through java.util.logging, with
     * a stack trace, although the failure also reaches the caller, which reports it in one line. Keep its errors,
     * drop those duplicate warnings. Held in a field: JUL keeps only weak references to configured loggers.
     */
    private static final java.util.logging.Logger CAFFEINE =
            java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");

    static void quietLibraryLogging() {
        CAFFEINE.setLevel(Level.SEVERE);
    }

    static int run(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new Main(context));
        cli.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, context.err()));
        return cli.execute(args);
    }

    /** One clear line on stderr per failure; stack traces only in the debug log. */
    static int report(Exception e, PrintStream err) {
        if (ErrorMessages.isConfiguration(e)) {
            err.println("coupa-mcp: configuration error: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (e instanceof UsageError) {
            err.println("coupa-mcp: " + e.getMessage());
            return EXIT_USAGE;
        }
        err.println("coupa-mcp: " + ErrorMessages.describe(e));
        log.debug("Command failed", e);
        return EXIT_FAILURE;
    }

}
