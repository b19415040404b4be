package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * app-web in a process of its own, started the way a user starts it: through a launcher command (by default
 * {@code app-web/bin/neon-oauth-web}, which {@code exec}s the JVM, so the child's pid is app-web's), with the run's
 * environment. Its resident memory, CPU time and heap are read from outside: {@code /proc/<pid>/status},
 * {@link ProcessHandle.Info#totalCpuDuration()}, and {@code jcmd <pid> GC.run} then {@code GC.heap_info}. Output
 * goes to {@code app-web.log} in the run's directory.
 */
final class AppProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private final Process process;
    private final URI base;
    private final Thread killOnExit;

    private AppProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
        this.killOnExit = ChildProcesses.killOnExit(process, "app-process-kill");
    }

    static AppProcess start(Path launcher, Map<String, String> env, int port, Path dir) {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--launcher " + launcher + " is not an executable file");
        }
        Path log = dir.resolve("app-web.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start app-web with " + launcher, e);
        }
        AppProcess app = new AppProcess(process, URI.create("http://127.0.0.1:" + port));
        ChildProcesses.awaitAnswer(process, app.killOnExit, app.base.resolve("/"), log, "app-web");
        return app;
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** VmRSS of the child in MiB, or -1. */
    double rssMiB() {
        return ProcessMemory.rssMiB(Path.of("/proc", String.valueOf(process.pid()), "status"));
    }

    /** User plus system CPU time of the child so far, in milliseconds (the kernel counts in 10 ms ticks). */
    double cpuMillis() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    /** Heap in use after a full collection the harness asks for with {@code jcmd}, in MiB; NaN when jcmd fails. */
    double heapAfterGcMiB() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = String.valueOf(process.pid());
        try {
            run(jcmd, pid, "GC.run");
            // G1 prints one "used NK" for the heap; Serial and Parallel one per generation; Metaspace's is not heap
            long usedKiB = 0;
            boolean found = false;
            for (String line : run(jcmd, pid, "GC.heap_info").split("\n")) {
                Matcher m = HEAP_USED.matcher(line);
                if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                    usedKiB += Long.parseLong(m.group(1));
                    found = true;
                }
            }
            return found ? usedKiB / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, killOnExit);
    }
}
