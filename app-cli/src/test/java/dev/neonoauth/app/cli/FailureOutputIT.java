package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure scenarios run by the shipped jar in its own process, so that everything the user sees is checked: the
 * command's output and whatever the process's logging writes (the CLI's own logback set-up, found through
 * {@code META-INF/services}). No stack trace, exception type, injector dump or terminal control appears.
 */
class FailureOutputIT {
    @TempDir
    Path dir;

    @Test
    void theShippedJarShowsNoInternalsWhenServersFail() throws Exception {
        Path jar = Path.of(System.getProperty("neonoauth.cli.jar", "target/neon-oauth.jar"));
        String nothingListens = "http://127.0.0.1:" + CliEndToEndTest.freePort();
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
                StubOAuthServer wrongIssuer = new StubOAuthServer().issuer("https://evil.example")) {
            Path data = dir.resolve("data");
            Map<String, String> env = new HashMap<>(Map.of("NEON_OAUTH_DATA_DIR", data.toString(),
                    "NEON_CLIENT_ID", "neon-oauth-cli", "NEON_OAUTH_HOST", sandbox.baseUri().toString(),
                    "NEON_API_HOST", sandbox.apiBaseUri().toString()));
            CliHarness harness = new CliHarness(sandbox, data);
            env.forEach(harness::env);
            harness.login();

            Run apiDown = run(jar, with(env, "NEON_API_HOST", nothingListens + "/api/v2"), "projects", "list");
            assertThat(apiDown.exit()).as(apiDown.output()).isEqualTo(ExitCode.ERROR);
            assertThat(apiDown.output()).contains("WARN NeonCallExecutor: GET /projects failed in transport "
                    + "(connection refused)").contains("Error: could not reach the Neon API at " + nothingListens);

            Run mismatch = run(jar, with(env, "NEON_OAUTH_HOST", wrongIssuer.baseUri().toString()),
                    "login", "--no-browser");
            assertThat(mismatch.exit()).as(mismatch.output()).isEqualTo(ExitCode.ERROR);
            assertThat(mismatch.output()).contains("says its issuer is https://evil.example");

            Run logout = run(jar, with(env, "NEON_OAUTH_HOST", nothingListens), "logout");
            assertThat(logout.exit()).as(logout.output()).isEqualTo(ExitCode.ERROR);
            assertThat(logout.output()).contains("Stored tokens deleted");

            Run status = run(jar, env, "status");
            assertThat(status.exit()).as(status.output()).isEqualTo(ExitCode.LOGIN_REQUIRED);

            Run badFlag = run(jar, env, "-o", "xml", "status");
            assertThat(badFlag.exit()).as(badFlag.output()).isEqualTo(ExitCode.USAGE);

            for (Run r : List.of(apiDown, mismatch, logout, status, badFlag)) {
                UserFacing.assertNoInternals(r.output(), r.output());
                UserFacing.assertNoTerminalControls(r.output(), r.output());
            }
        }
    }

    private record Run(int exit, String output) {}

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    private Run run(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("run-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_") || k.equals("CI"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not finish: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
