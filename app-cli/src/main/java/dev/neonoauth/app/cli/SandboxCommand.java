package dev.neonoauth.app.cli;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neon-oauth sandbox}: runs the local Neon stand-in (neon-sandbox) in the foreground until Ctrl-C, on the
 * address the sandbox profile uses, and keeps its state in the data directory so that logins survive restarts.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = {
        "Run the local Neon sandbox (OAuth server and API v2) in the foreground until Ctrl-C.",
        "With no client id configured, every other command talks to it: try the whole flow without a Neon account. "
                + "Sign in as sandbox@example.com / sandbox."})
final class SandboxCommand implements Callable<Integer> {
    static final String STATE_FILE = "sandbox.mv.db";

    private final CliContext ctx;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default 4444, the sandbox profile's).")
    int port = CliSettings.SANDBOX_DEFAULT_PORT;

    @Option(names = "--data", paramLabel = "FILE",
            description = "State file (default: sandbox.mv.db in the data directory).")
    Path data;

    @Option(names = "--in-memory", description = "Keep no state across runs.")
    boolean inMemory;

    @Option(names = "--headless-approval", paramLabel = "EMAIL",
            description = "Approve every authorization as this user without sign-in or consent pages (automation).")
    String headlessApproval;

    @Option(names = "--operation-delay", paramLabel = "DURATION", description = "How long API operations run (default 2s).")
    String operationDelay;

    @Option(names = "--access-token-ttl", paramLabel = "DURATION", description = "Access token lifetime (default 1h).")
    String accessTokenTtl;

    SandboxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
        Path file = null;
        if (!inMemory) {
            file = (data != null ? data : dataDirectory(ctx.env()).resolve(STATE_FILE)).toAbsolutePath();
            // the sandbox creates its state file 0600 before its store opens it
            ensureOwnerOnlyDirectory(file.getParent());
            args.addAll(List.of("--data", file.toString()));
        }
        return serve(args, file);
    }

    private int serve(List<String> args, Path file) {
        Optional.ofNullable(headlessApproval).ifPresent(v -> args.addAll(List.of("--headless-approval", v)));
        Optional.ofNullable(operationDelay).ifPresent(v -> args.addAll(List.of("--operation-delay", v)));
        Optional.ofNullable(accessTokenTtl).ifPresent(v -> args.addAll(List.of("--access-token-ttl", v)));
        NeonSandbox sandbox;
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(banner, true, StandardCharsets.UTF_8)) {
            sandbox = SandboxMain.run(args.toArray(String[]::new), capture);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (RuntimeException e) {
            throw CliException.error("cannot start the sandbox on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is one already running? Choose another port with --port and pass the same URL to the "
                    + "other commands with --oauth-host.");
        } finally {
            ctx.stdout().block(banner.toString(StandardCharsets.UTF_8));
        }
        if (file != null) {
            ownerOnly(file); // the sandbox's state holds its tokens and signing key
        }
        ctx.say("In another terminal: neon-oauth login, then neon-oauth projects list. Ctrl-C stops the sandbox.");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "neon-oauth-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            interrupted = true; // stopped by the embedding program (tests); close first, then restore the flag
        }
        try {
            sandbox.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has closed the sandbox
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCode.SUCCESS;
    }

    /** The data directory, as storage-jdbc resolves it: $NEON_OAUTH_DATA_DIR, $XDG_DATA_HOME/neon-oauth, ~/.local/share/neon-oauth. */
    static Path dataDirectory(CliEnvironment env) {
        Optional<String> explicit = env.variable("NEON_OAUTH_DATA_DIR");
        if (explicit.isPresent()) {
            return Path.of(explicit.get()).toAbsolutePath();
        }
        Optional<Path> xdg = env.variable("XDG_DATA_HOME").map(Path::of).filter(Path::isAbsolute);
        if (xdg.isPresent()) {
            return xdg.get().resolve("neon-oauth");
        }
        String home = env.variable("HOME").orElse(System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "neon-oauth");
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or the file is not there: the platform's defaults apply
        }
    }

    private static void ensureOwnerOnlyDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            try {
                Files.createDirectories(dir);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        } catch (IOException e) {
            throw CliException.error("cannot create " + dir + ": " + e.getMessage());
        }
    }
}
