package dev.neonoauth.app.web;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.neonoauth.core.port.out.InfrastructureException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Why the app did not start, as one line a person can act on, and the exit code {@link Main} ends with (see its class
 * comment): {@link #CONFIGURATION} when a value the operator gave is wrong or missing, {@link #ENVIRONMENT} when the
 * configuration is fine but the machine refused (the port is taken, a directory cannot be written). Guice's wrappers
 * are taken off first, so the line names the problem, never the injector.
 *
 * @param exitCode {@link #CONFIGURATION} or {@link #ENVIRONMENT}
 * @param message one line, without the program name
 */
record StartupFailure(int exitCode, String message) {
    static final int ENVIRONMENT = 1;
    static final int CONFIGURATION = 2;

    StartupFailure {
        Objects.requireNonNull(message, "message == null");
    }

    /**
     * @param failure what start-up threw
     * @param config the configuration, when it could be read (it names the host and port of a failed bind)
     */
    static StartupFailure of(RuntimeException failure, WebConfig config) {
        Throwable cause = unwrapInjector(failure);
        BindException bind = find(cause, BindException.class);
        if (bind != null) {
            return bindFailure(bind, config);
        }
        IllegalArgumentException invalid = find(cause, IllegalArgumentException.class);
        if (invalid != null && invalid.getMessage() != null) {
            return new StartupFailure(CONFIGURATION, "configuration error: " + oneLine(invalid.getMessage()));
        }
        if (cause instanceof UncheckedIOException io) {
            String reason = io.getCause().getMessage();
            return new StartupFailure(ENVIRONMENT, "could not start: " + oneLine(io.getMessage())
                    + (reason == null ? "" : " (" + oneLine(reason) + ")"));
        }
        if ((cause instanceof InfrastructureException || cause instanceof IllegalStateException)
                && cause.getMessage() != null) {
            return new StartupFailure(ENVIRONMENT, "could not start: " + oneLine(cause.getMessage()));
        }
        return new StartupFailure(ENVIRONMENT, "could not start because of an internal error (a bug); the log has the"
                + " details at DEBUG level (logger dev.neonoauth.app.web.Main)");
    }

    private static StartupFailure bindFailure(BindException bind, WebConfig config) {
        String port = config == null ? "the port" : "Port " + config.port();
        String host = config == null ? "HOST" : config.host();
        String reason = bind.getMessage() == null ? "" : bind.getMessage().toLowerCase(Locale.ROOT);
        if (reason.contains("in use")) {
            return new StartupFailure(ENVIRONMENT, port + " is in use on " + host + ": stop the other program or set"
                    + " PORT to a free port (PORT=0 picks one).");
        }
        if (reason.contains("assign") || reason.contains("not available")) {
            return new StartupFailure(CONFIGURATION, "HOST=" + host + " is not an address of this machine: set HOST to"
                    + " one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for all).");
        }
        if (reason.contains("permission") || reason.contains("denied")) {
            return new StartupFailure(ENVIRONMENT, port + " needs privileges this process does not have: set PORT to"
                    + " 1024 or above.");
        }
        return new StartupFailure(ENVIRONMENT, "could not listen on " + host + ":"
                + (config == null ? "PORT" : config.port()) + (bind.getMessage() == null ? "" : " (" + bind.getMessage() + ")")
                + ": check HOST and PORT.");
    }

    /** The failure inside Guice's ProvisionException, CreationException or ConfigurationException, if it had one. */
    static Throwable unwrapInjector(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10; depth++) {
            Collection<Message> messages;
            if (current instanceof ProvisionException p) {
                messages = p.getErrorMessages();
            } else if (current instanceof CreationException c) {
                messages = c.getErrorMessages();
            } else if (current instanceof ConfigurationException c) {
                messages = c.getErrorMessages();
            } else {
                return current;
            }
            Throwable inner = messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst()
                    .orElse(current.getCause());
            if (inner == null) {
                return current;
            }
            current = inner;
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
