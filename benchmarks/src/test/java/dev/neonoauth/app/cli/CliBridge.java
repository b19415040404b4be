package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.out.SecureRandomSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Test-only bridge for the reliability suites in the {@code benchmarks} module: runs the {@code neon-oauth} command
 * line in-process through its package-private entry point {@code Main.run(args, CliEnvironment)}, exactly as
 * app-cli's own {@code CliHarness} does (arguments, environment, standard input, a terminal, a browser, a clock,
 * recorded randomness). It lives in app-cli's package only to reach that entry point; it is not app-cli code.
 */
public final class CliBridge {
    private CliBridge() {}

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** How one run is set up. {@code browser} gets the authorization URL and says whether a browser opened. */
    public record Setup(Map<String, String> env, boolean terminal, Predicate<URI> browser, Clock clock,
            Consumer<byte[]> randomDraws) {}

    /**
     * Runs one command line. {@code typed}, if not null, is called at the first read of standard input with what
     * the command has written to standard error so far, and returns the text to type (then end of input).
     */
    public static Result run(Setup setup, Function<String, String> typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new InputStream() {
            private byte[] text;
            private int pos;

            @Override
            public int read() {
                if (text == null) {
                    String sofar;
                    synchronized (err) {
                        sofar = err.toString(StandardCharsets.UTF_8);
                    }
                    text = (typed == null ? "" : typed.apply(sofar)).getBytes(StandardCharsets.UTF_8);
                }
                return pos < text.length ? text[pos++] & 0xff : -1;
            }
        };
        SecureRandom secure = new SecureRandom();
        SecureRandomSource random = bytes -> {
            secure.nextBytes(bytes);
            setup.randomDraws().accept(bytes.clone());
        };
        CliEnvironment environment = new CliEnvironment(setup.env(), in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                setup.terminal(), uri -> setup.browser().test(uri), setup.clock(), Optional.of(random));
        int code = Main.run(args, environment);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
