package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.sandbox.FaultRule;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CLI processes (two JVMs running the shaded jar) need a refresh at the same time, sharing the token database:
 * the embedded H2 default (AUTO_SERVER), and PostgreSQL when {@code NEON_OAUTH_TEST_JDBC_URL} is set. storage-jdbc's refresh lock must make the second wait and adopt the first one's rotated
 * token: the sandbox sees exactly one refresh, no refresh token is sent twice (Hydra's reuse detection would revoke
 * the grant), and both commands succeed.
 */
class TwoProcessRefreshIT {
    private static final Duration TOKEN_ENDPOINT_LATENCY = Duration.ofSeconds(5);
    private static NeonSandbox sandbox;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** The stores both processes share: the embedded H2 default, or PostgreSQL when the test database is set. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded-h2", "postgresql"})
    void twoProcessesRefreshingAtOnceSendTheRefreshTokenOnce(String store) throws Exception {
        Map<String, String> storeEnv = new java.util.HashMap<>();
        if (store.equals("postgresql")) {
            String url = System.getenv("NEON_OAUTH_TEST_JDBC_URL");
            Assumptions.assumeTrue(url != null && !url.isBlank(), "NEON_OAUTH_TEST_JDBC_URL is not set");
            storeEnv.put("NEON_OAUTH_JDBC_URL", url);
            storeEnv.put("NEON_OAUTH_JDBC_SCHEMA", "cli_it_" + Long.toHexString(System.nanoTime()));
            storeEnv.put("NEON_OAUTH_KEYSET", KeyRotation.newKeyset());
        }
        CliHarness cli = new CliHarness(sandbox, dataDir);
        storeEnv.forEach(cli::env);
        cli.login();
        sandbox.expireAccessTokens();
        sandbox.metrics().reset();
        // The first process's refresh is held at the token endpoint, so the second arrives while it is in flight.
        sandbox.faults().on("POST /oauth2/token", FaultRule.latency(TOKEN_ENDPOINT_LATENCY));

        Process first = cli(dataDir, storeEnv, "projects", "list");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sandbox.metrics().refreshRequests() == 0 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sandbox.metrics().refreshRequests()).as("the first process started its refresh").isEqualTo(1);
        long secondStarted = System.nanoTime();
        Process second = cli(dataDir, storeEnv, "projects", "list");

        String firstOut = finish(first);
        String secondOut = finish(second);
        long secondMillis = (System.nanoTime() - secondStarted) / 1_000_000;

        assertThat(first.exitValue()).as(firstOut).isZero();
        assertThat(second.exitValue()).as(secondOut).isZero();
        assertThat(firstOut).contains("ID").contains("NAME");
        assertThat(secondOut).contains("ID").contains("NAME");
        assertThat(sandbox.metrics().refreshRequests()).as("refresh requests at the sandbox").isEqualTo(1);
        assertThat(secondMillis).as("the second process ran while the refresh was in flight")
                .isLessThan(60_000L);

        // The grant is alive: no reuse was detected, the rotated token works in a third run.
        sandbox.faults().clear();
        CliHarness.Result third = cli.run("projects", "list");
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
    }

    /** Starts {@code java -jar neon-oauth.jar ARGS} with the sandbox and data directory in its environment. */
    private static Process cli(Path dataDir, Map<String, String> storeEnv, String... args) throws Exception {
        String jar = System.getProperty("neonoauth.cli.jar", "target/neon-oauth.jar");
        assertThat(new File(jar)).as("the shaded jar (mvn package)").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("process-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("NEON_"));
        env.put("NEON_OAUTH_DATA_DIR", dataDir.toString());
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("HOME", dataDir.resolve("home").toString());
        env.putAll(storeEnv);
        Process p = pb.start();
        PROCESS_LOGS.put(p, pb.redirectOutput().file().toPath());
        return p;
    }

    private static final Map<Process, Path> PROCESS_LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String finish(Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI process did not finish");
        }
        return Files.readString(PROCESS_LOGS.get(p), StandardCharsets.UTF_8);
    }
}
