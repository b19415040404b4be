package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The neon-sandbox in a process of its own ({@code dev.neonoauth.sandbox.SandboxMain} from this JVM's class path), on
 * a free loopback port, approving every authorization as {@code sandbox@example.com}. Its output goes to
 * {@code sandbox.log} in the run's directory.
 */
final class SandboxProcess implements AutoCloseable {
    private final Process process;
    private final URI base;
    /** Kills the child if this JVM exits without {@link #close()} (Ctrl-C, a failed run's System.exit). */
    private final Thread killOnExit;

    private SandboxProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
        this.killOnExit = new Thread(process::destroyForcibly, "sandbox-process-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static SandboxProcess start(Path dir) {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.neonoauth.sandbox.SandboxMain", "--port", String.valueOf(port),
                "--headless-approval", "sandbox@example.com");
        Path log = dir.resolve("sandbox.log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox process", e);
        }
        SandboxProcess sandbox = new SandboxProcess(process, URI.create("http://127.0.0.1:" + port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(sandbox.base.resolve("/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sandbox process exited with " + process.exitValue() + ": "
                        + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return sandbox;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                sandbox.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the sandbox process to start");
            }
            sleep(100);
        }
        sandbox.close();
        throw new IllegalStateException("the sandbox process did not answer within 60 s: " + tail(log));
    }

    URI base() {
        return base;
    }

    /** A port free on 127.0.0.1 at the time of the call. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
