package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every failure scenario of the issue, run as a user runs it, with the CLI's own logging (the one-line layout on
 * standard error, as in the shipped jar): neither the command's output nor a library's log line shows a stack trace,
 * an exception type, the injector's dump or a terminal control character.
 */
class FailureOutputTest {
    private static NeonSandbox sandbox;
    private static PrintStream realErr;
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSandboxAndTheCliLogging() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
        realErr = System.err;
        System.setErr(new PrintStream(LOGS, true, StandardCharsets.UTF_8));
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.reset();
        CliLogConfigurator.install(logging);
    }

    @AfterAll
    static void restore() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.reset();
        new ContextInitializer(logging).autoConfig();
        System.setErr(realErr);
        sandbox.close();
    }

    /** A scenario; {@code works} when the command succeeds all the same (it needs no server, or only shows data). */
    private record Scenario(String name, boolean works, Supplier<CliHarness.Result> run) {
        Scenario(String name, Supplier<CliHarness.Result> run) {
            this(name, false, run);
        }
    }

    @Test
    void noFailureScenarioShowsInternals() throws Exception {
        URI nothingListens = URI.create("http://127.0.0.1:" + CliEndToEndTest.freePort());
        List<Scenario> scenarios = new ArrayList<>();
        try (StubOAuthServer wrongIssuer = new StubOAuthServer().issuer("https://evil.example");
                StubOAuthServer badMetadata = new StubOAuthServer();
                StubOAuthServer failing = new StubOAuthServer().revocation(503, "<html>oops</html>");
                StubOAuthServer refusing = new StubOAuthServer()
                        .revocation(401, "{\"error\":\"invalid_client\",\"error_description\":\"no\"}")) {
            badMetadata.metadata("{\"issuer\":\"" + badMetadata.baseUri() + "\",\"token_endpoint\":17}");

            scenarios.add(new Scenario("unreachable OAuth server: login",
                    () -> client("unreachable", nothingListens).run("login", "--no-browser")));
            scenarios.add(new Scenario("unreachable OAuth server: logout",
                    () -> loggedIn("unreachable-logout", nothingListens).run("logout")));
            scenarios.add(new Scenario("unreachable Neon API: projects list", () -> loggedIn("api", sandbox.baseUri())
                    .env("NEON_API_HOST", nothingListens + "/api/v2").run("projects", "list")));
            scenarios.add(new Scenario("unreachable Neon API: status", true, () -> loggedIn("api-status", sandbox.baseUri())
                    .env("NEON_API_HOST", nothingListens + "/api/v2").run("status")));
            scenarios.add(new Scenario("the sandbox is not running: projects list",
                    () -> harness("no-sandbox").env("NEON_OAUTH_HOST", nothingListens.toString())
                            .run("projects", "list")));
            scenarios.add(new Scenario("issuer mismatch: login",
                    () -> client("mismatch", wrongIssuer.baseUri()).run("login", "--no-browser")));
            scenarios.add(new Scenario("issuer mismatch: logout",
                    () -> loggedIn("mismatch-logout", wrongIssuer.baseUri()).run("logout")));
            scenarios.add(new Scenario("bad metadata: login",
                    () -> client("bad-metadata", badMetadata.baseUri()).run("login", "--no-browser")));
            scenarios.add(new Scenario("5xx on logout", () -> loggedIn("5xx", failing.baseUri()).run("logout")));
            scenarios.add(new Scenario("401 on logout", () -> loggedIn("401", refusing.baseUri()).run("logout")));
            scenarios.add(new Scenario("hostile strings: list", true,
                    () -> hostile("hostile-list").run("projects", "list")));
            scenarios.add(new Scenario("hostile strings: error",
                    () -> hostile("hostile-error").run("projects", "get", "p")));
            scenarios.add(new Scenario("hostile strings: unknown branch",
                    () -> hostile("hostile-branch").run("branches", "get", "nosuch", "--project-id", "p")));
            scenarios.add(new Scenario("hostile strings: connection string", true,
                    () -> hostile("hostile-cs").run("cs", "--project-id", "p", "--role-name", "r")));
            scenarios.add(new Scenario("unreachable Neon API: me", () -> loggedIn("api-me", sandbox.baseUri())
                    .env("NEON_API_HOST", nothingListens + "/api/v2").run("me")));
            scenarios.add(new Scenario("unreachable Neon API: connection-string", () -> loggedIn("api-cs",
                    sandbox.baseUri()).env("NEON_API_HOST", nothingListens + "/api/v2").run("cs", "--project-id", "p")));
            scenarios.add(new Scenario("hostile strings: failed operation",
                    () -> hostile("hostile-operation").run("projects", "delete", "p")));
            String[][] badFlags = {{"-o", "xml", "status"}, {"login", "--timeout", "soon"},
                    {"login", "--port", "70000", "--no-browser"}, {"--profile", "../etc", "status"},
                    {"--oauth-host", "ftp://example.com", "status"}, {"--oauth-host", "http://example.com", "status"},
                    {"--client-auth", "bogus", "--client-id", "x", "status"}, {"login", "--no-browser", "--scopes", " , "},
                    {"projects", "create", "--pg-version", "abc"}, {"projects", "create", "--pg-version", "99"},
                    {"projects", "create", "--wait-timeout", "forever"}, {"branches", "list"}, {"frobnicate"},
                    {"porjects", "list"}, {"branches", "create", "--project-id", "p", "--parnet", "main"},
                    {"branches", "get", "--project-id"}, {"branches", "create", "--project-id", "p", "--type", "big"},
                    {"connection-string", "--project-id", "p", "--ssl", "bogus"}, {"cs", "main@yesterday",
                    "--project-id", "p"}, {"databases", "create", "--project-id", "p"}, {"roles", "frobnicate"},
                    {"branches", "restore", "a", "b@not-a-time", "--project-id", "p"}, {"orgs"}, {"profiles", "nope"}};
            for (String[] flags : badFlags) {
                scenarios.add(new Scenario("bad flag: " + String.join(" ", flags),
                        () -> harness("flags").run(flags)));
            }
            scenarios.add(new Scenario("bad environment value: NEON_HTTP_LOG",
                    () -> harness("env").env("NEON_HTTP_LOG", "loud").run("status")));
            Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "");
            scenarios.add(new Scenario("bad environment value: NEON_OAUTH_DATA_DIR is a file",
                    () -> harness("env").env("NEON_OAUTH_DATA_DIR", notADirectory.toString()).run("status")));
            scenarios.add(new Scenario("bad environment value: NEON_OPERATION_POLL_INTERVAL",
                    () -> harness("env").env("NEON_OPERATION_POLL_INTERVAL", "often").run("status")));

            for (Scenario scenario : scenarios) {
                LOGS.reset();
                CliHarness.Result result = scenario.run().get();
                String logs = LOGS.toString(StandardCharsets.UTF_8);
                String description = scenario.name() + "\n" + result + "--- logs\n" + logs;
                assertThat(result.exitCode() == 0).as(description).isEqualTo(scenario.works());
                UserFacing.assertNoInternals(description, result.all() + logs);
                UserFacing.assertNoTerminalControls(description, result.all() + logs);
            }
        }
    }

    private CliHarness harness(String name) {
        try {
            return new CliHarness(sandbox, Files.createDirectories(dataDir.resolve(name))).terminal(false);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A configured client (the server is discovered) talking to {@code oauthHost}. */
    private CliHarness client(String name, URI oauthHost) {
        return harness(name).env("NEON_CLIENT_ID", "neon-oauth-cli")
                .env("NEON_API_HOST", sandbox.apiBaseUri().toString()).env("NEON_OAUTH_HOST", oauthHost.toString());
    }

    /** Logged in through the sandbox, then pointed at {@code oauthHost}. */
    private CliHarness loggedIn(String name, URI oauthHost) {
        CliHarness cli = client(name, sandbox.baseUri()).terminal(true);
        cli.login();
        return cli.terminal(false).env("NEON_OAUTH_HOST", oauthHost.toString());
    }

    private CliHarness hostile(String name) {
        return harness(name).env("NEON_CLIENT_ID", "hostile-test")
                .services((settings, env, ttl) -> new HostileServices());
    }
}
