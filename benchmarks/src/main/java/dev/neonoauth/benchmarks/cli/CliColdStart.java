package dev.neonoauth.benchmarks.cli;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CLI cold start: the wall time of {@code java -jar app-cli/target/neon-oauth.jar projects list} with a valid token
 * against the sandbox, each run a new JVM. It starts an in-process sandbox with headless approval, logs in once
 * through the real jar ({@code login --no-browser}: it reads the printed URL, fetches it, the sandbox answers with the
 * redirect to the CLI's callback, and pastes that address on the CLI's standard input), runs the command once untimed
 * (file cache; with a launcher, also the AppCDS recording run), then N timed runs, and prints each time, the median
 * and p90. Every run must exit 0 and print the seeded projects.
 *
 * <p>{@code --launcher PATH} runs the CLI through {@code app-cli/bin/neon-oauth} (its JVM flags and AppCDS archive)
 * instead of {@code java -jar}. {@code --neonctl PATH} adds Neon's own Node CLI as a peer: {@code neonctl projects
 * list --api-host <sandbox>/api/v2 --no-analytics} with the CLI's access token in {@code NEON_API_KEY}, run
 * interleaved with the Java CLI (one of each per round, the order alternating), against the same sandbox, with the
 * same token; both medians and their ratio are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.cli.CliColdStart [--runs 10] [--jar PATH]
 *     [--launcher app-cli/bin/neon-oauth] [--neonctl PATH] [-- JVM options]</pre>
 */
public final class CliColdStart {
    private CliColdStart() {}

    /** Wall times in milliseconds, in run order; the peer's (neonctl) are empty when it was not run. */
    public record Result(List<Long> millis, long median, long p90, List<Long> peerMillis) {}

    /** How the Java CLI is started: {@code java [options] -jar}, or a launcher script. */
    public record Launch(Path jar, List<String> jvmOptions, Path launcher) {}

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path jar = Path.of("app-cli/target/neon-oauth.jar");
        Path launcher = null;
        Path neonctl = null;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--neonctl" -> neonctl = Path.of(args[++i]);
                case "--" -> {
                    jvm.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (launcher != null && !jvm.isEmpty()) {
            throw new IllegalArgumentException("JVM options go with java -jar; the launcher chooses its own");
        }
        run(new Launch(jar, jvm, launcher), runs, neonctl);
    }

    public static Result run(Path jar, int runs, List<String> jvmOptions) throws Exception {
        return run(new Launch(jar, jvmOptions, null), runs, null);
    }

    public static Result run(Launch launch, int runs, Path neonctl) throws Exception {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalArgumentException(launch.jar() + " not found: mvn -B -pl app-cli -am package -DskipTests");
        }
        if (launch.launcher() != null && !Files.isExecutable(launch.launcher())) {
            throw new IllegalArgumentException(launch.launcher() + " is not an executable launcher");
        }
        if (launch.launcher() != null && !launch.jvmOptions().isEmpty()) {
            throw new IllegalArgumentException("JVM options go with java -jar; the launcher chooses its own");
        }
        if (neonctl != null && !Files.isExecutable(neonctl)) {
            throw new IllegalArgumentException(neonctl + " is not executable (npm install neonctl; node_modules/.bin/neonctl)");
        }
        Path dir = Files.createTempDirectory("neon-oauth-cli-cold-");
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            login(launch, dir, sandbox);
            // untimed: the page cache and, with the launcher, the first runs that map the AppCDS archive the login recorded
            time(cli(launch, dir, sandbox, "projects", "list"));
            time(cli(launch, dir, sandbox, "projects", "list"));
            ProcessBuilder peer = neonctl == null ? null : neonctl(neonctl, accessToken(launch, dir, sandbox), dir, sandbox);
            if (peer != null) {
                time(peer);
            }
            List<Long> times = new ArrayList<>();
            List<Long> peerTimes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (peer == null) {
                    long ms = time(cli(launch, dir, sandbox, "projects", "list"));
                    times.add(ms);
                    System.out.printf(Locale.ROOT, "run %2d: %d ms%n", i + 1, ms);
                    continue;
                }
                // one of each per round, the order alternating, so that neither always runs on a warmer machine
                boolean javaFirst = i % 2 == 0;
                long first = time(javaFirst ? cli(launch, dir, sandbox, "projects", "list") : peer);
                long second = time(javaFirst ? peer : cli(launch, dir, sandbox, "projects", "list"));
                long ms = javaFirst ? first : second;
                long peerMs = javaFirst ? second : first;
                times.add(ms);
                peerTimes.add(peerMs);
                System.out.printf(Locale.ROOT, "run %2d: neon-oauth %d ms, neonctl %d ms%n", i + 1, ms, peerMs);
            }
            long[] sorted = sorted(times);
            long median = median(sorted);
            long p90 = sorted[Math.max(0, (int) Math.ceil(0.9 * sorted.length) - 1)];
            System.out.printf(Locale.ROOT, "RESULT neon-oauth projects list: runs=%d median=%d ms p90=%d ms min=%d ms max=%d ms %s%n",
                    runs, median, p90, sorted[0], sorted[sorted.length - 1],
                    launch.launcher() != null ? "launcher=" + launch.launcher() : "java -jar, jvmOptions=" + launch.jvmOptions());
            if (peer != null) {
                long[] peerSorted = sorted(peerTimes);
                long peerMedian = median(peerSorted);
                System.out.printf(Locale.ROOT, "RESULT neonctl projects list: runs=%d median=%d ms min=%d ms max=%d ms; "
                        + "neon-oauth/neonctl median ratio %.2f%n", runs, peerMedian, peerSorted[0],
                        peerSorted[peerSorted.length - 1], (double) median / peerMedian);
            }
            return new Result(List.copyOf(times), median, p90, List.copyOf(peerTimes));
        }
    }

    private static long[] sorted(List<Long> times) {
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long median(long[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static ProcessBuilder cli(Launch launch, Path dir, NeonSandbox sandbox, String... args) {
        List<String> command = new ArrayList<>();
        if (launch.launcher() != null) {
            command.add(launch.launcher().toString());
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(launch.jvmOptions());
            command.addAll(List.of("-jar", launch.jar().toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("NEON_"));
        env.put("NEON_OAUTH_DATA_DIR", dir.toString());
        env.put("HOME", dir.resolve("home").toString());
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("NEON_API_HOST", sandbox.apiBaseUri().toString());
        if (launch.launcher() != null) {
            env.put("NEON_OAUTH_JAR", launch.jar().toAbsolutePath().toString());
        }
        return pb;
    }

    /**
     * Neon's CLI listing the same projects with the same (sandbox-issued) access token, given in {@code NEON_API_KEY}
     * (neonctl's variable for an API key) rather than on the command line, where other processes could read it.
     */
    private static ProcessBuilder neonctl(Path neonctl, String token, Path dir, NeonSandbox sandbox) {
        ProcessBuilder pb = new ProcessBuilder(neonctl.toString(), "projects", "list",
                "--api-host", sandbox.apiBaseUri().toString(), "--no-analytics").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("NEON_"));
        env.put("NEON_API_KEY", token);
        env.put("HOME", dir.resolve("neonctl-home").toString());
        return pb;
    }

    /** The access token the CLI holds ({@code neon-oauth token}), for the peer. */
    private static String accessToken(Launch launch, Path dir, NeonSandbox sandbox) throws Exception {
        ProcessBuilder pb = cli(launch, dir, sandbox, "token").redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Path out = Files.createTempFile(dir, "token-", ".out");
        try {
            Process p = pb.redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            finish(p, 60, "neon-oauth token");
            String token = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || token.isEmpty() || token.contains("\n")) {
                throw new IllegalStateException("neon-oauth token failed (exit " + p.exitValue() + ")");
            }
            return token;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Waits for {@code p}; past the timeout it and everything it started are killed. */
    private static void finish(Process p, int seconds, String what) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within " + seconds + " s");
        }
    }

    /**
     * Wall time of one run, from start to exit. The output goes to a file (read after the exit), so a process that
     * hangs is stopped by the timeout rather than blocking a read.
     */
    private static long time(ProcessBuilder pb) throws Exception {
        Path log = Files.createTempFile("cli-cold-", ".out");
        String out;
        long ms;
        try {
            long t0 = System.nanoTime();
            Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            finish(p, 120, pb.command().get(0));
            ms = (System.nanoTime() - t0) / 1_000_000;
            out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(pb.command().get(0) + " projects list failed (exit " + p.exitValue()
                        + "):\n" + out.replaceAll("ory_[a-z]{2}_[A-Za-z0-9_.-]+", "ory_██"));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        if (!out.contains("sandbox-app")) {
            throw new IllegalStateException(pb.command().get(0) + " projects list did not list the seeded projects:\n"
                    + out.replaceAll("ory_[a-z]{2}_[A-Za-z0-9_.-]+", "ory_██"));
        }
        return ms;
    }

    private static void login(Launch launch, Path dir, NeonSandbox sandbox) throws Exception {
        Process p = cli(launch, dir, sandbox, "login", "--no-browser").start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            URI authorize = null;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                String l = line.strip();
                if (l.startsWith("http://") && l.contains("/oauth2/auth?")) {
                    authorize = URI.create(l);
                }
                if (authorize != null && l.contains("paste it here")) {
                    break;
                }
            }
            if (authorize == null) {
                throw new IllegalStateException("no authorization URL printed:\n" + seen);
            }
            HttpResponse<Void> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.discarding());
            String redirect = r.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("sandbox answered " + r.statusCode()));
            in.write(redirect + "\n");
            in.flush();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("login failed:\n" + seen);
        }
    }
}
