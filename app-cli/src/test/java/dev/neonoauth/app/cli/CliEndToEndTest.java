package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.sandbox.FaultRule;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end against the in-process sandbox (headless approval): login through the loopback
 * redirect, status, token, projects CRUD, branches, output formats, refresh after expiry, dead grants, profiles and
 * logout, each run exactly as a user would run it (arguments, environment, standard streams, exit code).
 */
class CliEndToEndTest {
    private static NeonSandbox sandbox;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private CliHarness cli;

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL)
                .operationDelay(Duration.ofMillis(300)).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        sandbox.faults().clear();
        sandbox.metrics().reset();
        cli = new CliHarness(sandbox, dataDir);
    }

    @Test
    void aWholeSessionPrintsNoSecretAnywhere() throws Exception {
        // Capture the process streams too: anything a library logs lands there, not in the command's streams.
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream processOutput = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(processOutput, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            cli.env("NEON_HTTP_LOG", "body");
            CliHarness.Result login = cli.run("login");
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(cli.run("status").exitCode()).isZero();
            assertThat(cli.run("projects", "list").exitCode()).isZero();
            assertThat(cli.run("-o", "json", "projects", "list").exitCode()).isZero();
            sandbox.expireAccessTokens(); // a refresh, too, must print nothing secret
            assertThat(cli.run("projects", "list").exitCode()).isZero();
            assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
            CliHarness.Result logout = cli.run("logout");
            assertThat(logout.exitCode()).as(logout.toString()).isZero();
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        String everything = cli.transcript() + processOutput.toString(StandardCharsets.UTF_8);
        assertThat(everything).contains("Logged in to Neon as sandbox@example.com").contains("Logged out");
        assertThat(everything).doesNotContain("ory_at_").doesNotContain("ory_rt_").doesNotContain("ory_ac_");
        // The state and the PKCE verifier: the core draws 32 bytes for the state, then the verifier's entropy.
        List<byte[]> draws = cli.randomDraws();
        assertThat(draws).hasSizeGreaterThanOrEqualTo(2);
        String state = State.fromEntropy(draws.get(0)).value();
        String verifier = CodeVerifier.fromEntropy(draws.get(1)).value();
        assertThat(everything).doesNotContain(verifier);
        // The state is public by design (it travels through the browser); it is printed only inside the URL.
        String url = CliHarness.authorizationUrl(cli.transcript()).toString();
        assertThat(url).contains("state=" + state);
        assertThat(count(everything, state)).isEqualTo(count(everything, url));
    }

    @Test
    void loginThroughTheLoopbackStoresAGrantAndTheBrowserGetsASuccessPage() throws Exception {
        TestBrowser browser = (TestBrowser) cli.browser();
        CliHarness.Result login = cli.run("login");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).isEqualTo("Logged in to Neon as sandbox@example.com (profile default).\n");
        assertThat(login.err()).contains("http://127.0.0.1:" + sandbox.port() + "/oauth2/auth?client_id=neon-oauth-cli")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("%2Fcallback")
                .contains("code_challenge_method=S256");
        browser.awaitDone();
        TestBrowser.Visit callback = browser.visits().get(0);
        assertThat(callback.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(callback.uri().getPath()).isEqualTo("/callback");
        assertThat(callback.status()).isEqualTo(200);
        assertThat(callback.body()).contains("You are signed in");
        assertThat(sandbox.metrics().tokenRequests("authorization_code")).isEqualTo(1);
        // the listener is closed once the login is over
        assertThat(refused(callback.uri())).isTrue();
    }

    @Test
    void loggingInAgainRevokesTheReplacedGrant() {
        cli.login();
        String oldToken = cli.run("token").out().strip();
        CliHarness.Result again = cli.login();
        assertThat(again.err()).contains("The profile's previous login was revoked at Neon.");
        assertThat(apiStatus(oldToken)).isEqualTo(401);
        String newToken = cli.run("token").out().strip();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(apiStatus(newToken)).isEqualTo(200);
        assertThat(cli.run("projects", "list").exitCode()).isZero();
    }

    @Test
    void aConfiguredClientUsesDiscoveryAndItsOwnProfileKey() {
        // Not the sandbox profile: a client id is configured (here the sandbox's public client), so the CLI discovers
        // the server and stores the grant under profile:NAME, apart from the sandbox profile's sandbox:NAME.
        cli.login();
        cli.env("NEON_CLIENT_ID", "neon-oauth-cli").env("NEON_API_HOST", sandbox.apiBaseUri().toString());
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        cli.login();
        CliHarness.Result status = cli.run("-o", "json", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("\"sandbox\": false").contains("\"client_id\": \"neon-oauth-cli\"");
        assertThat(cli.run("projects", "list").exitCode()).isZero();
        assertThat(cli.run("logout").exitCode()).isZero();
        cli.env("NEON_CLIENT_ID", null).env("NEON_API_HOST", null);
        assertThat(cli.run("status").exitCode()).as("the sandbox profile's login is untouched").isZero();
    }

    @Test
    void statusShowsUserScopesExpiryAndProfile() {
        cli.login();
        CliHarness.Result status = cli.run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("profile:").contains("default").contains("user:")
                .contains("sandbox@example.com").contains("urn:neoncloud:projects:read")
                .contains("token_expires_at:").contains("token_expires_in:").containsPattern("5\\dm\\d+s")
                .contains("client_id:").contains("neon-oauth-cli").contains("sandbox:").contains("true");
    }

    @Test
    void tokenPrintsAValidAccessTokenAndNothingElse() throws Exception {
        cli.login();
        CliHarness.Result token = cli.run("token");
        assertThat(token.exitCode()).isZero();
        assertThat(token.out()).startsWith("ory_at_").endsWith("\n").doesNotContain(" ");
        assertThat(token.err()).isEmpty();
        // it works against the API
        var response = TestBrowser.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.apiBaseUri() + "/users/me"))
                .header("Authorization", "Bearer " + token.out().strip()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("sandbox@example.com");
    }

    @Test
    void projectsCrudWaitsForOperations() throws Exception {
        cli.login();
        CliHarness.Result created = cli.run("-o", "json", "projects", "create", "--name", "cli-e2e",
                "--region", "aws-us-east-2", "--pg-version", "17");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode project = JSON.readTree(created.out());
        String id = project.get("id").asText();
        assertThat(project.get("name").asText()).isEqualTo("cli-e2e");
        assertThat(project.get("pg_version").asInt()).isEqualTo(17);
        assertThat(project.get("operations")).isNotEmpty();
        project.get("operations").forEach(op -> assertThat(op.get("status").asText()).isEqualTo("finished"));
        assertThat(created.err()).contains("Created project " + id).contains("Waiting for")
                .contains("Operations finished in").contains("Connection URIs are not printed");
        assertThat(created.err()).as("a spinner on a terminal").contains("\r").contains("\r\033[K");
        assertThat(created.all()).doesNotContain("postgresql://");

        CliHarness.Result get = cli.run("projects", "get", id);
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).contains("id:").contains(id).contains("cli-e2e").contains("aws-us-east-2");

        CliHarness.Result renamed = cli.run("projects", "update", id, "--name", "cli-e2e-renamed");
        assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
        assertThat(renamed.out()).contains("cli-e2e-renamed");
        assertThat(cli.run("projects", "list").out()).contains(id).contains("cli-e2e-renamed");

        CliHarness.Result deleted = cli.run("projects", "delete", id);
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.err()).contains("projects recover " + id);
        assertThat(cli.run("projects", "list").out()).doesNotContain(id);
        CliHarness.Result gone = cli.run("projects", "get", id);
        assertThat(gone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gone.err()).startsWith("Error: project not found (request id ").doesNotContain("404")
                .doesNotContain("GET ");
        assertThat(gone.err().lines().count()).isEqualTo(1);

        CliHarness.Result recovered = cli.run("projects", "recover", id);
        assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
        assertThat(cli.run("projects", "list").out()).contains(id);
    }

    @Test
    void waitingWithoutATerminalPrintsPlainLinesAndNoWaitReturnsAtOnce() {
        cli.login();
        cli.terminal(false);
        CliHarness.Result created = cli.run("projects", "create", "--name", "plain");
        assertThat(created.exitCode()).isZero();
        assertThat(created.err()).doesNotContain("\r").contains("Waiting for").contains(" ...\n");
        CliHarness.Result noWait = cli.run("projects", "create", "--name", "no-wait", "--no-wait");
        assertThat(noWait.exitCode()).isZero();
        assertThat(noWait.err()).doesNotContain("Waiting for");
    }

    @Test
    void branchesListDrawsTheTree() {
        cli.login();
        String id = projectId(cli.run("-o", "json", "projects", "create", "--name", "tree"));
        String mainId = branchIds(cli.run("-o", "json", "branches", "list", "--project", id)).get(0);
        String dev = branchId(cli.run("-o", "json", "branches", "create", "--project", id, "--name", "dev"));
        branchId(cli.run("-o", "json", "branches", "create", "--project", id, "--name", "feature", "--parent", dev));
        branchId(cli.run("-o", "json", "branches", "create", "--project", id, "--name", "staging", "--parent", mainId));

        CliHarness.Result tree = cli.run("branches", "list", "--project", id);
        assertThat(tree.exitCode()).isZero();
        List<String> lines = tree.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("(" + mainId + ") [default]");
        assertThat(lines.get(1)).startsWith("├── dev (" + dev + ")");
        assertThat(lines.get(2)).startsWith("│   └── feature (");
        assertThat(lines.get(3)).startsWith("└── staging (");
    }

    @Test
    void outputFormatsTableJsonAndYaml() throws Exception {
        cli.login();
        CliHarness.Result table = cli.run("projects", "list");
        assertThat(table.out().lines().findFirst().orElseThrow()).matches("ID +NAME +REGION +PG +CREATED");
        JsonNode json = JSON.readTree(cli.run("-o", "json", "projects", "list").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(table.out().lines().count() - 1);
        String firstId = json.get(0).get("id").asText();
        CliHarness.Result yaml = cli.run("projects", "list", "--output", "yaml");
        assertThat(yaml.out()).startsWith("- id: " + firstId + "\n  name: ").contains("\n  pg_version: ");
        assertThat(cli.run("-o", "yaml", "status").out()).contains("scopes:\n  - openid\n");
        CliHarness.Result bad = cli.run("-o", "xml", "projects", "list");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("xml");
    }

    @Test
    void expiredAccessTokensAreRefreshedOnceAndTheCommandWorks() {
        cli.login();
        sandbox.expireAccessTokens();
        sandbox.metrics().reset();
        CliHarness.Result list = cli.run("projects", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("ID");
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
        assertThat(cli.run("projects", "list").exitCode()).isZero();
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
    }

    @Test
    void aRevokedGrantAsksForLoginWithExitCode3() {
        cli.login();
        sandbox.revokeAll();
        sandbox.expireAccessTokens();
        CliHarness.Result list = cli.run("projects", "list");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(list.err().lines().toList()).hasSize(1);
        assertThat(list.err()).contains("Run: neon-oauth login");
        CliHarness.Result token = cli.run("token");
        assertThat(token.exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(token.out()).isEmpty();
    }

    @Test
    void aRevokedButUnexpiredTokenRejectedWith401AlsoAsksForLogin() {
        cli.login();
        sandbox.revokeAll();
        CliHarness.Result list = cli.run("projects", "list");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(list.err()).contains("neon-oauth login");
    }

    @Test
    void notLoggedInMeansExitCode3() {
        CliHarness.Result status = cli.run("status");
        assertThat(status.exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(status.err()).isEqualTo("Error: not logged in (profile default). Run: neon-oauth login\n");
        assertThat(cli.run("projects", "list").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
    }

    @Test
    void aMissingScopeMeansExitCode4() {
        cli.login("--scopes", "openid offline offline_access projects:read");
        assertThat(cli.run("projects", "list").exitCode()).isZero();
        CliHarness.Result create = cli.run("projects", "create", "--name", "x");
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(ExitCode.MISSING_SCOPE);
        assertThat(create.err()).contains("urn:neoncloud:projects:create").contains("neon-oauth login --scopes");
    }

    @Test
    void profilesKeepSeparateLogins() {
        cli.login("--profile", "work");
        assertThat(cli.run("--profile", "work", "status").out()).contains("work");
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        cli.env("NEON_PROFILE", "work");
        assertThat(cli.run("status").exitCode()).isZero();
        assertThat(cli.run("projects", "list", "--profile", "default").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.out()).contains("profile work");
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        CliHarness.Result badName = cli.run("--profile", "../etc", "status");
        assertThat(badName.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void logoutRevokesThenDeletesAndSaysSo() {
        cli.login();
        String token = cli.run("token").out().strip();
        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).isEqualTo("Logged out (profile default): Neon revoked the grant and the stored tokens "
                + "were deleted.\n");
        assertThat(sandbox.metrics().revocationRequests()).isEqualTo(1);
        assertThat(apiStatus(token)).isEqualTo(401);
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        CliHarness.Result again = cli.run("logout");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Not logged in");
    }

    @Test
    void logoutReportsHonestlyWhenTheRevocationFails() throws Exception {
        cli.login();
        sandbox.faults().on("POST /oauth2/revoke", FaultRule.status(500));
        CliHarness.Result logout = cli.run("-o", "json", "logout");
        assertThat(logout.exitCode()).isEqualTo(ExitCode.ERROR);
        JsonNode report = JSON.readTree(logout.out());
        assertThat(report.get("revocation").asText()).isEqualTo("failed");
        assertThat(report.get("deleted_locally").asBoolean()).isTrue();
        assertThat(cli.run("status").exitCode()).isEqualTo(ExitCode.LOGIN_REQUIRED);
    }

    @Test
    void usageErrorsExitWith2() {
        CliHarness.Result unknown = cli.run("projects", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("Try 'neon-oauth projects --help'");
        assertThat(cli.run("branches", "list").exitCode()).isEqualTo(ExitCode.USAGE); // --project is required
        assertThat(cli.run("login", "--timeout", "soon").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("login", "--port", "70000", "--no-browser").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run().exitCode()).isEqualTo(ExitCode.USAGE);
        CliHarness.Result help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("login").contains("projects").contains("Exit codes");
        CliHarness.Result subHelp = cli.run("-o", "json", "projects", "list", "--help");
        assertThat(subHelp.exitCode()).isZero();
        assertThat(subHelp.out()).contains("Usage: neon-oauth projects list").contains("--org-id");
    }

    @Test
    void withTheSandboxProfileAndNoSandboxRunningItSaysHowToStartIt() {
        cli.env("NEON_OAUTH_HOST", "http://127.0.0.1:" + freePort());
        CliHarness.Result list = cli.run("projects", "list");
        assertThat(list.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(list.err().lines().toList()).hasSize(1);
        assertThat(list.err()).contains("the sandbox is not running").contains("neon-oauth sandbox");
    }

    @Test
    void verbosePrintsTheCauseChain() {
        cli.login();
        CliHarness.Result gone = cli.run("--verbose", "projects", "get", "no-such-project");
        assertThat(gone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gone.err()).contains("dev.neonoauth.neon.api.NeonApiException");
    }

    private static int apiStatus(String token) {
        try {
            return TestBrowser.HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(sandbox.apiBaseUri() + "/users/me"))
                    .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean refused(java.net.URI uri) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String projectId(CliHarness.Result created) {
        assertThat(created.exitCode()).as(created.toString()).isZero();
        try {
            return JSON.readTree(created.out()).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String branchId(CliHarness.Result created) {
        return projectId(created);
    }

    private static List<String> branchIds(CliHarness.Result list) {
        assertThat(list.exitCode()).as(list.toString()).isZero();
        try {
            List<String> ids = new java.util.ArrayList<>();
            JSON.readTree(list.out()).forEach(b -> ids.add(b.get("id").asText()));
            return ids;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
