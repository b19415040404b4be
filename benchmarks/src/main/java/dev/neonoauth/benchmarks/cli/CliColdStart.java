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
 * (file cache), then N timed runs, and prints each time, the median and p90. Every run must exit 0 and print the
 * seeded projects.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.neonoauth.benchmarks.cli.CliColdStart [--runs 10] [--jar PATH] [-- JVM options]</pre>
 */
public final class CliColdStart {
    private CliColdStart() {}

    /** Wall times in milliseconds, in run order. */
    public record Result(List<Long> millis, long median, long p90) {}

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path jar = Path.of("app-cli/target/neon-oauth.jar");
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--" -> {
                    jvm.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(jar, runs, jvm);
    }

    public static Result run(Path jar, int runs, List<String> jvmOptions) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: mvn -B -pl app-cli -am package -DskipTests");
        }
        Path dir = Files.createTempDirectory("neon-oauth-cli-cold-");
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            login(jar, dir, sandbox);
            time(jar, dir, sandbox, jvmOptions); // untimed: page cache, CDS archive mapping
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long ms = time(jar, dir, sandbox, jvmOptions);
                times.add(ms);
                System.out.printf(Locale.ROOT, "run %2d: %d ms%n", i + 1, ms);
            }
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            long median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            long p90 = sorted[Math.max(0, (int) Math.ceil(0.9 * sorted.length) - 1)];
            System.out.printf(Locale.ROOT, "RESULT neon-oauth projects list: runs=%d median=%d ms p90=%d ms min=%d ms max=%d ms jvmOptions=%s%n",
                    runs, median, p90, sorted[0], sorted[sorted.length - 1], jvmOptions);
            return new Result(List.copyOf(times), median, p90);
        }
    }

    private static ProcessBuilder cli(Path jar, Path dir, NeonSandbox sandbox, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("NEON_"));
        env.put("NEON_OAUTH_DATA_DIR", dir.toString());
        env.put("HOME", dir.resolve("home").toString());
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("NEON_API_HOST", sandbox.apiBaseUri().toString());
        return pb;
    }

    private static long time(Path jar, Path dir, NeonSandbox sandbox, List<String> jvmOptions) throws Exception {
        ProcessBuilder pb = cli(jar, dir, sandbox, jvmOptions, "projects", "list");
        long t0 = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("projects list did not finish");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0 || !out.contains("sandbox-app")) {
            throw new IllegalStateException("projects list failed (exit " + p.exitValue() + "):\n" + out);
        }
        return ms;
    }

    private static void login(Path jar, Path dir, NeonSandbox sandbox) throws Exception {
        Process p = cli(jar, dir, sandbox, List.of(), "login", "--no-browser").start();
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
