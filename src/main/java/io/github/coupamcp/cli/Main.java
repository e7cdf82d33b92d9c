package io.github.coupamcp.cli;

import io.github.coupamcp.mcp.EarlyAnswers;
import io.github.coupamcp.mcp.StartupWarmup;
import io.github.coupamcp.tools.ShippedTools;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
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
        // A desktop client waits for the initialize answer on every launch: use the second core meanwhile. Parsing
        // the tool files logs nothing, so it starts before logging does; the SDK warm-up logs, so it starts after.
        boolean stdio = args.length > 0 && args[0].equals("stdio");
        // stdout may carry the MCP protocol: keep the real one for commands, send stray prints to stderr.
        PrintStream stdout = System.out;
        InputStream stdin = System.in;
        if (isPlainStdio(args)) {
            boolean sandbox = args.length == 2;
            EarlyAnswers early = EarlyAnswers.start(stdin, stdout,
                    () -> StdioStart.renderedAnswers(System.getenv(), sandbox), Version.current());
            stdin = early.in();
            stdout = new PrintStream(early.out(), false, StandardCharsets.UTF_8);
        }
        if (stdio) {
            ShippedTools.prepare();
        }
        LoggerFactory.getILoggerFactory();
        if (stdio) {
            StartupWarmup.start();
        }
        System.setOut(System.err);
        quietLibraryLogging();
        CliContext context = new CliContext(System.getenv(), stdin, stdout, System.err, Backends.factory());
        // exit() rather than return: non-daemon pools (HTTP clients, reactor) must not keep the JVM alive.
        System.exit(run(context, args));
    }

    /** {@code stdio}, alone or with {@code --sandbox}: how desktop clients start the server, on every launch. */
    static boolean isPlainStdio(String... args) {
        return args.length == 1 && args[0].equals("stdio")
                || args.length == 2 && args[0].equals("stdio") && args[1].equals("--sandbox");
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
        if (args.length == 1 && args[0].equals("stdio")) {
            return plainStdio(context);
        }
        CommandLine cli = new CommandLine(new Main(context));
        cli.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, context.err()));
        return cli.execute(args);
    }

    /**
     * How desktop clients start the server, on every launch: with nothing to parse, picocli's model of every command
     * (a tenth of a second of reflection before the first answer) is not built.
     */
    private static int plainStdio(CliContext context) {
        StdioCommand command = new StdioCommand();
        command.main = new Main(context);
        command.options = new ServerOptions();
        try {
            return command.call();
        } catch (Exception e) {
            return report(e, context.err());
        }
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
        LoggerFactory.getLogger(Main.class).debug("Command failed", e); // not in a field: see main
        return EXIT_FAILURE;
    }

}
