package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.in.AuthorizationFlow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of the command line: the process environment, the global options as parsed, the two terminal streams
 * ({@link Terminal}: the only way to write to them), and the services, assembled on the first call to
 * {@link #services()} by the factory {@link Main} hands in (the only place an injector is created).
 */
final class CliContext implements AutoCloseable {
    /** What assembles the services for resolved settings; {@link Main} passes one that creates the injector. */
    interface ServicesFactory {
        Services create(CliSettings settings, CliEnvironment environment, Duration stateTtl);
    }

    private final CliEnvironment environment;
    private final GlobalOptions options = new GlobalOptions();
    private final ServicesFactory factory;
    private final Terminal stdout;
    private final Terminal stderr;
    private CliSettings settings;
    private Services services;
    private Duration stateTtl = AuthorizationFlow.DEFAULT_STATE_TTL;

    CliContext(CliEnvironment environment, ServicesFactory factory) {
        this.environment = Objects.requireNonNull(environment, "environment == null");
        this.factory = Objects.requireNonNull(factory, "factory == null");
        this.stdout = new Terminal(environment.out());
        this.stderr = new Terminal(environment.err());
    }

    CliEnvironment env() {
        return environment;
    }

    GlobalOptions options() {
        return options;
    }

    /** The settings, resolved from the options and environment on first call. */
    CliSettings settings() {
        if (settings == null) {
            settings = CliSettings.resolve(options, environment);
        }
        return settings;
    }

    /** How long a login's pending authorization lives; set by {@code login} before the services are assembled. */
    void stateTtl(Duration ttl) {
        if (services != null) {
            throw new IllegalStateException("the services are already assembled");
        }
        this.stateTtl = ttl;
    }

    /**
     * The services, assembled on first call. Assembling them needs no server: a command that can do its work without
     * one ({@code logout}'s local part, {@code status} and {@code token} with a stored login) uses this.
     */
    Services services() {
        if (services == null) {
            services = factory.create(settings(), environment, stateTtl);
        }
        return services;
    }

    /**
     * The services of a command that can do nothing without the server ({@code login}, {@code projects},
     * {@code branches}). With the sandbox profile, first checks that the sandbox answers, so that a missing sandbox
     * is one clear line instead of a connection error deep in a call.
     */
    Services onlineServices() {
        CliSettings s = settings();
        if (services == null && s.sandboxProfile()) {
            requireSandboxRunning(s);
        }
        return services();
    }

    private static void requireSandboxRunning(CliSettings s) {
        URI host = s.oauthHost();
        int port = host.getPort() != -1 ? host.getPort() : "https".equalsIgnoreCase(host.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.getHost(), port), 2000);
        } catch (IOException e) {
            throw CliException.error("the sandbox is not running at " + host + " (no client id is configured, so "
                    + "the sandbox profile is used). Start it in another terminal with: neon-oauth sandbox");
        }
    }

    /** Standard output: command results only. */
    Terminal stdout() {
        return stdout;
    }

    /** Standard error: progress, prompts, warnings and errors. */
    Terminal stderr() {
        return stderr;
    }

    Output output() {
        return new Output(options.output, stdout);
    }

    /** A line for the user on standard error. */
    void say(String line) {
        stderr.line(line);
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
    }

}
