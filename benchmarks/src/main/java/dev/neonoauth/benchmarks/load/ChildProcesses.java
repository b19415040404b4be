package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the harness's child processes (the sandbox, app-web) share: waiting until they answer, stopping them. */
final class ChildProcesses {
    private ChildProcesses() {}

    /** A hook that kills {@code process} if this JVM exits without stopping it (Ctrl-C, a failed run's exit). */
    static Thread killOnExit(Process process, String name) {
        Thread hook = new Thread(process::destroyForcibly, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Waits up to 60 s until {@code probe} answers 200.
     *
     * @throws IllegalStateException (after stopping the process) when it exits, does not answer in time, or the wait
     *     is interrupted; the message ends with the last lines of {@code log}
     */
    static void awaitAnswer(Process process, Thread hook, URI probe, Path log, String what) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                stop(process, hook);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what + " to start");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop(process, hook);
        throw new IllegalStateException(what + " did not answer within 60 s: " + tail(log));
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s) and removes its exit hook. */
    static void stop(Process process, Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last five lines of a log, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
