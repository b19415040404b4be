package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

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
        this.killOnExit = ChildProcesses.killOnExit(process, "sandbox-process-kill");
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
        ChildProcesses.awaitAnswer(process, sandbox.killOnExit,
                sandbox.base.resolve("/.well-known/openid-configuration"), log, "the sandbox process");
        return sandbox;
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
        ChildProcesses.stop(process, killOnExit);
    }
}
