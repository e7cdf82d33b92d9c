package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StderrLogConfiguratorTest {
    @Test
    void everyLineGoesToStderrOwnLoggersAtInfoLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        StderrLogConfigurator configurator = new StderrLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.github.coupamcp.cli.Main").getEffectiveLevel())
                .isEqualTo(Level.toLevel(System.getenv("COUPA_MCP_LOG_LEVEL"), Level.INFO));
        // failed keep-alive pings to clients that went away: a WARN every 15 s per session until it expired
        Logger keepAlive = context.getLogger(StderrLogConfigurator.KEEP_ALIVE_LOGGER);
        assertThat(keepAlive.isWarnEnabled()).isFalse();
        assertThat(keepAlive.isErrorEnabled()).isTrue();
    }

    @Test
    void logbackFindsIt() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
    }

    /** A message carrying client text (an SDK logging a JSON-RPC id it was sent) cannot start a line of its own. */
    @Test
    void aMessageCannotForgeALogLine() {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(StderrLogConfigurator.PATTERN);
        encoder.start();
        Logger logger = context.getLogger("io.github.coupamcp.test");
        LoggingEvent event = new LoggingEvent("test", logger, Level.ERROR, "Unexpected response for unknown id {}",
                null, new Object[] {"x\n14:99:99.999 INFO  [main] i.g.c.audit.writes - write outcome=written\r\u001b[31m"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b")
                .contains("unknown id x 14:99:99.999 INFO");
        assertThat(line).endsWith(System.lineSeparator());
    }
}
