package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.sandbox.NeonSandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the command line in-process, as a user would from a shell: arguments, environment, standard input, a terminal
 * or not, and a browser (played by {@link TestBrowser}). Every run gets the sandbox's URL and a private data
 * directory through the environment, exactly as a real process would.
 */
final class CliHarness {
    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final NeonSandbox sandbox;
    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<byte[]> randomDraws = Collections.synchronizedList(new ArrayList<>());
    private final SecureRandom secureRandom = new SecureRandom();
    private final StringBuilder transcript = new StringBuilder();
    private boolean terminal = true;
    private BrowserLauncher browser;
    private CliContext.ServicesFactory services;

    CliHarness(NeonSandbox sandbox, Path dataDir) {
        this(sandbox, sandbox.baseUri(), dataDir);
    }

    /** For a sandbox this test does not hold (one run by the {@code sandbox} command): no browser. */
    CliHarness(URI sandboxBase, Path dataDir) {
        this(null, sandboxBase, dataDir);
    }

    private CliHarness(NeonSandbox sandbox, URI base, Path dataDir) {
        this.sandbox = sandbox;
        this.dataDir = dataDir;
        env.put("NEON_OAUTH_DATA_DIR", dataDir.toString());
        env.put("HOME", dataDir.resolve("home").toString());
        env.put("NEON_OAUTH_HOST", base.toString());
        env.put("NEON_OPERATION_POLL_INTERVAL", "100ms");
        this.browser = sandbox == null ? TestBrowser.none() : new TestBrowser(sandbox);
    }

    NeonSandbox sandbox() {
        return sandbox;
    }

    Path dataDir() {
        return dataDir;
    }

    CliHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    CliHarness terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    CliHarness browser(BrowserLauncher browser) {
        this.browser = browser;
        return this;
    }

    BrowserLauncher browser() {
        return browser;
    }

    /** Runs the commands with these services instead of the injector's (fakes at the ports). */
    CliHarness services(CliContext.ServicesFactory factory) {
        this.services = factory;
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    Result runWithInput(InputStream stdin, String... args) {
        return start(stdin, args).await();
    }

    /**
     * Runs a command whose standard input is typed after it printed something: {@code answer} gets what the
     * command wrote to standard error so far, at its first read of standard input, and returns the text to type.
     */
    Result runTyping(java.util.function.Function<String, String> answer, String... args) {
        Running[] running = new Running[1];
        InputStream typed = new InputStream() {
            private byte[] text;
            private int pos;

            @Override
            public int read() {
                if (text == null) {
                    text = answer.apply(running[0].err()).getBytes(StandardCharsets.UTF_8);
                }
                return pos < text.length ? text[pos++] & 0xff : -1;
            }
        };
        running[0] = prepare(typed, args);
        running[0].thread.start();
        return running[0].await();
    }

    /** Starts a command on its own thread; its output can be read while it runs. */
    Running start(InputStream stdin, String... args) {
        Running running = prepare(stdin, args);
        running.thread.start();
        return running;
    }

    private Running prepare(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SecureRandomSource random = bytes -> {
            secureRandom.nextBytes(bytes);
            randomDraws.add(bytes.clone());
        };
        CliEnvironment environment = new CliEnvironment(env, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, browser, Clock.systemUTC(),
                Optional.of(random));
        return new Running(out, err, environment, args, services);
    }

    /** A command running on its own thread. */
    final class Running {
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;
        private final java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
        final Thread thread;

        Running(ByteArrayOutputStream out, ByteArrayOutputStream err, CliEnvironment environment, String[] args,
                CliContext.ServicesFactory services) {
            this.out = out;
            this.err = err;
            this.thread = new Thread(() -> {
                try {
                    exit.complete(services == null ? Main.run(args, environment) : Main.run(args, environment, services));
                } catch (Throwable t) {
                    exit.completeExceptionally(t);
                }
            }, "cli-" + String.join("-", args));
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until standard output or error contains {@code text}. */
        void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (!(out() + err()).contains(text)) {
                if (System.nanoTime() > end || exit.isDone()) {
                    throw new AssertionError("no '" + text + "' in time:\n" + out() + err());
                }
                Thread.sleep(20);
            }
        }

        Result await() {
            int code;
            try {
                code = exit.get(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the command did not finish: " + out() + err(), e);
            }
            Result result = new Result(code, out(), err());
            synchronized (transcript) {
                transcript.append(result.out()).append(result.err());
            }
            return result;
        }
    }

    /** Everything every run printed so far. */
    String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    /** Every buffer of random bytes the core drew (state, then PKCE verifier entropy, per login). */
    List<byte[]> randomDraws() {
        return List.copyOf(randomDraws);
    }

    /** Logs in through the loopback redirect with the sandbox's headless approval, and checks it worked. */
    Result login(String... extra) {
        List<String> args = new ArrayList<>(List.of("login"));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError("login failed: " + r);
        }
        return r;
    }

    static URI authorizationUrl(String printed) {
        for (String line : printed.split("\n")) {
            String l = line.strip();
            if (l.startsWith("http://") && l.contains("/oauth2/auth?")) {
                return URI.create(l);
            }
        }
        throw new AssertionError("no authorization URL printed:\n" + printed);
    }

}
