package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code bin/neon-oauth} with the shaded jar: it runs commands, records the AppCDS archive on the
 * first successful run of a command that only reads (not on {@code --version}), and uses it afterwards; against the
 * plain-http sandbox, {@code projects list} sets up no TLS (oauth-http's {@code TlsOnDemand}).
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheJarAndRecordsTheClassDataArchiveOnce() throws Exception {
        Path jar = dir.resolve("neon-oauth.jar");
        Files.copy(Path.of(System.getProperty("neonoauth.cli.jar", "target/neon-oauth.jar")), jar);
        Path archive = dir.resolve("neon-oauth.jsa");
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            Path data = dir.resolve("data");
            new CliHarness(sandbox, data).login();
            Map<String, String> env = Map.of("NEON_OAUTH_JAR", jar.toString(), "NEON_OAUTH_DATA_DIR", data.toString(),
                    "NEON_OAUTH_HOST", sandbox.baseUri().toString());

            Run version = launch(env, "--version");
            assertThat(version.exit()).isZero();
            assertThat(version.output()).startsWith("neon-oauth 0.1.0");
            assertThat(archive).doesNotExist();

            Run first = launch(env, "projects", "list");
            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(first.output()).contains("ID").contains("NAME");
            assertThat(archive).exists();
            long size = Files.size(archive);
            assertThat(size).isGreaterThan(5_000_000L);

            Run second = launch(env, "-o", "json", "projects", "list");
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(second.output()).startsWith("[");
            assertThat(Files.size(archive)).isEqualTo(size);
            try (var files = Files.list(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".tmp") || p.toString().endsWith(".classlist")))
                        .as("nothing partial left").isEmpty();
            }

            // a static archive: it holds picocli's classes (compiled for Java 5, left out of a dynamic archive)
            Map<String, String> logged = new java.util.HashMap<>(env);
            logged.put("NEON_OAUTH_JAVA_OPTS", "-Xlog:class+load=info");
            Run third = launch(logged, "projects", "list");
            assertThat(third.exit()).as(third.output()).isZero();
            assertThat(third.output()).contains("picocli.CommandLine source: shared objects file")
                    .contains("dev.neonoauth.app.cli.Main source: shared objects file");
            // the sandbox is plain http on 127.0.0.1: OkHttp's TLS (trust store, SSLContext) is never set up
            assertThat(third.output()).contains("okhttp3.OkHttpClient source:")
                    .doesNotContain("javax.net.ssl.TrustManagerFactory source:")
                    .doesNotContain("sun.security.ssl.TrustStoreManager source:")
                    .doesNotContain("sun.security.ssl.SSLContextImpl source:")
                    .doesNotContain("okhttp3.internal.tls.CertificateChainCleaner source:");
            // Main.shortLivedGuice: Guice calls providers through reflection instead of generating classes for them
            assertThat(third.output()).contains("com.google.inject.Guice source:")
                    .doesNotContain("FastClassByGuice");
        }
    }

    /**
     * On Java 25 or newer the launcher records an AOT cache instead. Runs where such a JDK is installed next to the
     * default one (the machines this project is built on have Temurin 25 under /usr/lib/jvm); elsewhere it is skipped.
     */
    @Test
    void onJava25TheLauncherRecordsAnAotCacheOnceAndPrintsNoJvmWarnings() throws Exception {
        Optional<Path> java25 = newerJavaHome(25);
        Assumptions.assumeTrue(java25.isPresent(), "no Java 25 or newer under /usr/lib/jvm");
        String version = releaseVersion(java25.get()).orElseThrow();
        Path jar = dir.resolve("neon-oauth.jar");
        Files.copy(Path.of(System.getProperty("neonoauth.cli.jar", "target/neon-oauth.jar")), jar);
        Path cache = dir.resolve("neon-oauth-" + version + ".aot");
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            Path data = dir.resolve("data");
            new CliHarness(sandbox, data).login();
            Map<String, String> env = Map.of("NEON_OAUTH_JAR", jar.toString(), "NEON_OAUTH_DATA_DIR", data.toString(),
                    "NEON_OAUTH_HOST", sandbox.baseUri().toString(), "JAVA_HOME", java25.get().toString());

            Run first = launch(env, "projects", "list");
            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(first.output()).contains("NAME").doesNotContain("WARNING").doesNotContain("AOT");
            assertThat(cache).exists();
            long size = Files.size(cache);

            Run second = launch(env, "-o", "json", "projects", "list");
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(second.output()).startsWith("[").doesNotContain("WARNING");
            assertThat(Files.size(cache)).isEqualTo(size);
            assertThat(dir.resolve("neon-oauth.jsa")).doesNotExist();
            try (var files = Files.list(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".tmp") || p.toString().endsWith(".conf")))
                        .as("nothing partial left").isEmpty();
            }
        }
    }

    private static Optional<Path> newerJavaHome(int feature) throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (var homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> releaseVersion(h).map(v -> Integer.parseInt(v.split("\\.")[0]) >= feature).orElse(false))
                    .findFirst();
        }
    }

    private static Optional<String> releaseVersion(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION=\""))
                    .map(l -> l.substring("JAVA_VERSION=\"".length()).replace("\"", ""))
                    .findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private record Run(int exit, String output) {}

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("bin/neon-oauth").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("launch-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
