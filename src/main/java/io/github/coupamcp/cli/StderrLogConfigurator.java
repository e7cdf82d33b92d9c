package io.github.coupamcp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging set up in code rather than by logback's XML configurator, whose parser costs about a tenth of a second on
 * every start, which a desktop client waits for. Every line goes to stderr (stdout carries the protocol in stdio
 * mode); the server's own loggers log at {@code COUPA_MCP_LOG_LEVEL} (default INFO), libraries at WARN. A file named
 * by {@code -Dlogback.configurationFile} still takes over. Found by logback through META-INF/services.
 */
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    /**
     * One line per event: line breaks and escape characters in a message (a client-sent JSON-RPC id the SDK logs, say)
     * become spaces, so no one can forge a log line, an audit line included. Stack traces still follow on their lines.
     */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %replace(%msg){'[\\r\\n\\u0085"
            + "\\u2028\\u2029\\x1B]', ' '}%n";
    /** The HTTP access log (see mcp.AccessLogFilter); {@code COUPA_MCP_ACCESS_LOG=OFF} silences it. */
    static final String ACCESS_LOGGER = "coupamcp.access";
    /** The SDK's keep-alive pings; only its scheduler's own failures (ERROR) are worth a line. */
    static final String KEEP_ALIVE_LOGGER = "io.modelcontextprotocol.util.KeepAliveScheduler";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.github.coupamcp").setLevel(Level.toLevel(System.getenv("COUPA_MCP_LOG_LEVEL"), Level.INFO));
        // A session whose client went away without closing it failed every keep-alive ping with a WARN line, every
        // 15 s until the session expired: nothing an operator can act on (the idle timeout ends the session).
        context.getLogger(KEEP_ALIVE_LOGGER).setLevel(Level.ERROR);
        accessLog(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The HTTP access log's lines are JSON already: on stderr as they are, for log shippers to parse. */
    private static void accessLog(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("ACCESS");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger access = context.getLogger(ACCESS_LOGGER);
        access.setAdditive(false);
        access.setLevel(Level.toLevel(System.getenv("COUPA_MCP_ACCESS_LOG"), Level.INFO));
        access.addAppender(stderr);
    }
}
