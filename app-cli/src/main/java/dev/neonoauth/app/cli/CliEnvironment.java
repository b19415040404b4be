package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.out.SecureRandomSource;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run of the command line takes from the process: environment variables, the three standard streams,
 * whether a person sits at a terminal, how to open a browser, the clock and the randomness. {@link #system()} is the
 * real process; tests build their own so that a whole session runs in-process, without {@code System.exit}.
 *
 * @param env environment variables
 * @param in standard input (the paste mode of {@code login --no-browser} reads it)
 * @param out standard output: command results only
 * @param err standard error: progress, prompts and errors
 * @param terminal true when a person is at an interactive terminal (browser login is refused otherwise)
 * @param browser opens the authorization URL
 * @param clock the clock of the core services
 * @param random overrides the source of state and PKCE entropy (tests record it); empty means the system's
 */
record CliEnvironment(
        Map<String, String> env,
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean terminal,
        BrowserLauncher browser,
        Clock clock,
        Optional<SecureRandomSource> random) {

    CliEnvironment {
        env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
        Objects.requireNonNull(in, "in == null");
        Objects.requireNonNull(out, "out == null");
        Objects.requireNonNull(err, "err == null");
        Objects.requireNonNull(browser, "browser == null");
        Objects.requireNonNull(clock, "clock == null");
        Objects.requireNonNull(random, "random == null");
    }

    /** The real process: {@code System.getenv()}, the standard streams, {@code System.console()}. */
    static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.in, System.out, System.err, System.console() != null,
                BrowserLauncher.system(), Clock.systemUTC(), Optional.empty());
    }

    /** A non-blank environment variable. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
