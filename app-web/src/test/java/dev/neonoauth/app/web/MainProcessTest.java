package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Main.main} in its own JVM, as a person runs the jar: the production logging configuration, the real exit code
 * and the real console. A start-up failure is one line on stderr and nothing internal anywhere on the console.
 */
class MainProcessTest {
    @TempDir
    Path dataDir;

    record Result(int exitCode, String out, String err) {}

    /** Runs Main with exactly {@code env} as its environment, until it exits. */
    private static Result run(Map<String, String> env) throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logging = new File(Main.class.getResource("/logback.xml").toURI()).getPath();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + logging, Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Main did not exit: " + out.join() + err.join());
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void assertOneLineAndNoInternals(Result result, int exitCode, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList()).as("stderr").isEqualTo(List.of(line));
        Leaks.assertNone("stderr", result.err());
        Leaks.assertNone("stdout", result.out());
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("NEON_OAUTH_DATA_DIR", dataDir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aBusyPortEndsTheProcessWithOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLineAndNoInternals(run(env("PORT", Integer.toString(port))), 1, "neon-oauth web app: Port " + port
                    + " is in use on 127.0.0.1: stop the other program or set PORT to a free port (PORT=0 picks one).");
        }
    }

    @Test
    void postgresWithoutAKeySetAndAnErrorInsideTheInjectorEndItWithOneLineAndExitCode2() throws Exception {
        Result noKey = run(env("PORT", "0", "NEON_OAUTH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        assertThat(noKey.err()).startsWith("neon-oauth web app: configuration error: storage-jdbc: no encryption key set");
        assertOneLineAndNoInternals(noKey, 2, noKey.err().strip());

        Map<String, String> env = MainLaunchTest.unreachableNeon(dataDir, MainLaunchTest.freePort());
        env.remove("NEON_CLIENT_SECRET");
        env.put("NEON_CLIENT_AUTH", "client_secret_basic");
        assertOneLineAndNoInternals(run(env), 2,
                "neon-oauth web app: configuration error: client authentication client_secret_basic needs a client secret");

        assertOneLineAndNoInternals(run(env("PORT", "-1")), 2,
                "neon-oauth web app: configuration error: PORT must be between 0 and 65535");
    }
}
