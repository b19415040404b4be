package dev.neonoauth.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logging for the command line, set up in code (found through {@code META-INF/services}) rather than from XML:
 * parsing a {@code logback.xml} loads some five hundred classes, a measurable part of a CLI's start-up.
 *
 * <p>Libraries log at WARN and above to standard error; Flyway only errors (it warns on every run that H2 2.4 is
 * newer than it was verified with); the sandbox (for {@code neon-oauth sandbox}) and the adapter's redacted HTTP log
 * ({@code NEON_HTTP_LOG}) at INFO. {@code -Dlogback.configurationFile=...} and a
 * {@code logback-test.xml} on the class path (the module's tests) still win.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || CliLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} for the command line: the levels above, one-line events on standard error. */
    static void install(LoggerContext context) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        OneLineLayout layout = new OneLineLayout();
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("org.flywaydb").setLevel(Level.ERROR);
        context.getLogger("dev.neonoauth.sandbox").setLevel(Level.INFO);
        context.getLogger("dev.neonoauth.adapter.neon.http").setLevel(Level.INFO);
    }

    /**
     * {@code LEVEL logger: message (cause)} on one line: no stack trace, no exception type ({@link FailureText}), and
     * every character a terminal would interpret replaced ({@link TerminalText#line}), for a logged message can quote
     * a server (the HTTP log does).
     */
    static final class OneLineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String logger = event.getLoggerName();
            StringBuilder sb = new StringBuilder(128).append(event.getLevel()).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(event.getFormattedMessage());
            IThrowableProxy cause = event.getThrowableProxy();
            if (cause != null) {
                String className = cause.getClassName();
                sb.append(" (").append(cause.getMessage() != null ? cause.getMessage()
                        : FailureText.words(className.substring(className.lastIndexOf('.') + 1))).append(')');
            }
            return TerminalText.line(FailureText.scrub(sb.toString())) + System.lineSeparator();
        }
    }
}
