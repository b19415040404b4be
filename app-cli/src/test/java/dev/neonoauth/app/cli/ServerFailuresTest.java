package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth server unreachable, misconfigured (another issuer, unusable metadata) or failing: a command that needs it
 * fails with one clear line saying what is wrong and which setting to check; the commands that need no server still
 * work; and {@code logout} deletes the stored tokens whatever the server says, then reports honestly that the
 * revocation was not confirmed.
 */
class ServerFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NeonSandbox sandbox;

    @TempDir
    Path dataDir;

    private CliHarness cli;
    private StubOAuthServer stub;
    private URI nothingListens;

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        cli = new CliHarness(sandbox, dataDir);
        stub = new StubOAuthServer();
        nothingListens = URI.create("http://127.0.0.1:" + CliEndToEndTest.freePort());
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    /** A configured client (not the sandbox profile): the CLI discovers the server at {@code oauthHost}. */
    private CliHarness configuredClient(URI oauthHost, NeonSandbox api) {
        return cli.env("NEON_CLIENT_ID", "neon-oauth-cli").env("NEON_API_HOST", api.apiBaseUri().toString())
                .env("NEON_OAUTH_HOST", oauthHost.toString());
    }

    private void loginWithAConfiguredClient() {
        configuredClient(sandbox.baseUri(), sandbox).login();
    }

    // --- a command that needs the server: one clear line

    @Test
    void anUnreachableServerIsOneLineNamingItAndTheSettingToCheck() {
        configuredClient(nothingListens, sandbox);
        CliHarness.Result login = cli.run("login", "--no-browser");
        assertThat(login.exitCode()).as(login.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).startsWith("Error: Cannot reach the OAuth server at " + nothingListens + ": ")
                .contains("Check --oauth-host / NEON_OAUTH_HOST");
        assertThat(login.err().lines()).hasSize(1);
        UserFacing.assertClean(login);
    }

    @Test
    void aServerNamingAnotherIssuerIsOneLineNamingBoth() {
        stub.issuer("https://evil.example");
        configuredClient(stub.baseUri(), sandbox);
        CliHarness.Result login = cli.run("login", "--no-browser");
        assertThat(login.exitCode()).as(login.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(login.err()).startsWith("Error: The OAuth server at " + stub.baseUri()
                        + " says its issuer is https://evil.example, not " + stub.baseUri())
                .contains("Check --oauth-host / NEON_OAUTH_HOST");
        assertThat(login.err().lines()).hasSize(1);
        UserFacing.assertClean(login);
    }

    @Test
    void unusableMetadataIsOneLineNamingTheServer() {
        for (String metadata : new String[] {"{\"issuer\":\"" + stub.baseUri() + "\"}", "<html>not json</html>"}) {
            stub.metadata(metadata);
            configuredClient(stub.baseUri(), sandbox);
            CliHarness.Result login = cli.run("login", "--no-browser");
            assertThat(login.exitCode()).as(login.toString()).isEqualTo(ExitCode.ERROR);
            assertThat(login.err()).startsWith("Error: The OAuth server at " + stub.baseUri() + " cannot be used: ")
                    .contains("Check --oauth-host / NEON_OAUTH_HOST");
            assertThat(login.err().lines()).hasSize(1);
            UserFacing.assertClean(login);
        }
    }

    // --- commands that need no server work without one

    @Test
    void statusTokenAndHelpWorkWhenTheServerIsUnreachableOrMisconfigured() {
        loginWithAConfiguredClient();
        stub.issuer("https://evil.example");
        for (URI oauthHost : new URI[] {nothingListens, stub.baseUri()}) {
            configuredClient(oauthHost, sandbox);
            CliHarness.Result status = cli.run("status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).contains("logged_in:").contains("sandbox@example.com");
            UserFacing.assertClean(status);
            CliHarness.Result token = cli.run("token");
            assertThat(token.exitCode()).as(token.toString()).isZero();
            assertThat(token.out()).startsWith("ory_at_");
            CliHarness.Result help = cli.run("--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Exit codes");
        }
    }

    @Test
    void statusShowsTheStoredLoginWhenAnExpiredTokenCannotBeRefreshed() {
        try (NeonSandbox shortLived = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL)
                .accessTokenLifetime(Duration.ofSeconds(3)).start()) {
            CliHarness harness = new CliHarness(shortLived, dataDir);
            cli = harness;
            configuredClient(shortLived.baseUri(), shortLived).login();
            configuredClient(nothingListens, shortLived);
            CliHarness.Result status = cli.run("status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).contains("logged_in:").contains("token_expires_in:").contains("expired");
            assertThat(status.err()).startsWith("Warning: the access token has expired and could not be refreshed: "
                    + "Cannot reach the OAuth server at " + nothingListens);
            UserFacing.assertClean(status);
        }
    }

    // --- logout deletes the stored tokens whatever the server says

    @Test
    void logoutWithTheSandboxDownDeletesTheGrantAndSaysTheRevocationIsUnconfirmed() {
        cli.login(); // the sandbox profile
        cli.env("NEON_OAUTH_HOST", nothingListens.toString());
        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).as(logout.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(logout.out()).startsWith("Stored tokens deleted (profile default), but Neon did not confirm the "
                + "revocation (").contains("revoke it in the Neon console");
        UserFacing.assertClean(logout);
        assertNotLoggedIn();
    }

    @Test
    void logoutWithTheServerUnreachableDeletesTheGrant() {
        loginWithAConfiguredClient();
        configuredClient(nothingListens, sandbox);
        CliHarness.Result logout = cli.run("-o", "json", "logout");
        assertThat(logout.exitCode()).as(logout.toString()).isEqualTo(ExitCode.ERROR);
        assertFailedButDeleted(logout);
        assertNotLoggedIn();
    }

    @Test
    void logoutWhenTheServerAnswers5xxDeletesTheGrant() {
        loginWithAConfiguredClient();
        stub.revocation(503, "");
        configuredClient(stub.baseUri(), sandbox);
        CliHarness.Result logout = cli.run("-o", "json", "logout");
        assertThat(logout.exitCode()).as(logout.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(assertFailedButDeleted(logout).get("detail").asText()).contains("503");
        assertThat(stub.requests()).contains("POST /oauth2/revoke");
        assertNotLoggedIn();
    }

    @Test
    void logoutWhenTheServerRefusesDeletesTheGrant() {
        loginWithAConfiguredClient();
        stub.revocation(401, "{\"error\":\"invalid_client\",\"error_description\":\"who are you\"}");
        configuredClient(stub.baseUri(), sandbox);
        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).as(logout.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(logout.out()).startsWith("Stored tokens deleted (profile default), but Neon did not confirm")
                .contains("invalid_client");
        UserFacing.assertClean(logout);
        assertThat(stub.requests()).contains("POST /oauth2/revoke");
        assertNotLoggedIn();
    }

    @Test
    void logoutsHelpDocumentsItsExitCodes() {
        CliHarness.Result help = cli.run("logout", "--help");
        assertThat(help.exitCode()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("Exit codes:").contains("deleted whatever the server says")
                .contains(" 0 Logged out: Neon revoked the grant")
                .contains(" 1 Neon did not confirm the revocation (server unreachable, an error answer, or refused), "
                        + "but the stored tokens are deleted");
    }

    private JsonNode assertFailedButDeleted(CliHarness.Result logout) {
        UserFacing.assertClean(logout);
        try {
            JsonNode report = JSON.readTree(logout.out());
            assertThat(report.get("revocation").asText()).isEqualTo("failed");
            assertThat(report.get("deleted_locally").asBoolean()).isTrue();
            return report;
        } catch (java.io.IOException e) {
            throw new AssertionError(logout.toString(), e);
        }
    }

    private void assertNotLoggedIn() {
        CliHarness.Result status = cli.run("status");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.LOGIN_REQUIRED);
        assertThat(status.err()).contains("not logged in");
    }
}
