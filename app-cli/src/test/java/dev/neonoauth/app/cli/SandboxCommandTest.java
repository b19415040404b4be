package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neon-oauth sandbox} in the foreground, as in the README walk-through: another "terminal" logs in and lists
 * projects; the sandbox is stopped and started again, and the login survives because both keep their state on disk.
 */
class SandboxCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void theWalkThroughWorksAndLoginsSurviveARestart() throws Exception {
        int port = CliEndToEndTest.freePort();
        CliHarness terminal1 = new CliHarness(URI.create("http://127.0.0.1:" + port), dataDir);
        CliHarness.Running sandbox = startSandbox(terminal1, port);
        assertThat(sandbox.out()).contains("Issuer:                 http://127.0.0.1:" + port + "/")
                .contains("neon-oauth-cli").contains("sandbox@example.com / sandbox");
        assertThat(Files.exists(dataDir.resolve(SandboxCommand.STATE_FILE))).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(SandboxCommand.STATE_FILE)))).isEqualTo("rw-------");

        CliHarness terminal2 = new CliHarness(URI.create("http://127.0.0.1:" + port), dataDir);
        CliHarness.Result login = terminal2.runTyping(printed -> follow(CliHarness.authorizationUrl(printed)) + "\n",
                "login", "--no-browser");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        CliHarness.Result projects = terminal2.run("projects", "list");
        assertThat(projects.exitCode()).as(projects.toString()).isZero();
        String projectId = firstProjectId(projects.out());
        CliHarness.Result branches = terminal2.run("branches", "list", "--project", projectId);
        assertThat(branches.exitCode()).isZero();
        assertThat(branches.out()).contains("[default]");

        stop(sandbox);
        assertThat(CliEndToEndTest.refused(URI.create("http://127.0.0.1:" + port))).isTrue();
        CliHarness.Result down = terminal2.run("projects", "list");
        assertThat(down.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(down.err()).contains("the sandbox is not running at http://127.0.0.1:" + port)
                .contains("neon-oauth sandbox");

        CliHarness.Running restarted = startSandbox(terminal1, port);
        CliHarness.Result again = terminal2.run("projects", "list");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains(projectId);
        CliHarness.Result logout = terminal2.run("logout");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).contains("Neon revoked the grant");
        stop(restarted);
        // the sandbox's state and the CLI's database share the data directory: all owner-only
        DataDirectoryPermissionsTest.assertOwnerOnly(dataDir);
    }

    @Test
    void aBusyPortIsOneClearError() throws Exception {
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliHarness cli = new CliHarness(URI.create("http://127.0.0.1:" + busy.getLocalPort()), dataDir);
            CliHarness.Result r = cli.run("sandbox", "--port", Integer.toString(busy.getLocalPort()), "--in-memory");
            assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err()).contains("cannot start the sandbox on 127.0.0.1:" + busy.getLocalPort());
        }
    }

    private static CliHarness.Running startSandbox(CliHarness cli, int port) throws InterruptedException {
        CliHarness.Running running = cli.start(InputStream.nullInputStream(), "sandbox", "--port",
                Integer.toString(port), "--headless-approval", "sandbox@example.com", "--operation-delay", "100ms");
        running.awaitOutput("Ctrl-C stops the sandbox", Duration.ofSeconds(60));
        return running;
    }

    private static void stop(CliHarness.Running sandbox) {
        sandbox.thread.interrupt();
        assertThat(sandbox.await().exitCode()).isZero();
    }

    /** The browser on another machine, with the sandbox's headless approval: one redirect to the callback. */
    private static String follow(URI authorizationUrl) {
        try {
            HttpResponse<Void> r = TestBrowser.HTTP.send(java.net.http.HttpRequest.newBuilder(authorizationUrl).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(302);
            return r.headers().firstValue("Location").orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String firstProjectId(String table) {
        Matcher m = Pattern.compile("(?m)^([a-z]+-[a-z]+-\\d+)\\s").matcher(table);
        assertThat(m.find()).as(table).isTrue();
        return m.group(1);
    }
}
