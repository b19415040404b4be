package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.adapter.http.OAuthHttp;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.RefreshReuseError;
import dev.neonoauth.sandbox.SandboxClient;
import dev.neonoauth.sandbox.SandboxUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole stack against neon-sandbox, Neon's stand-in: the core ({@code OAuthClient}) signs in through
 * oauth-http with discovery, PKCE and a loopback redirect (headless approval plays the user), and this adapter calls
 * the API. The sandbox runs on the test's {@link FakeTime}, so a retry's sleep is what lets Neon's operations finish.
 */
class SandboxEndToEndTest {
    static final AccountKey ACCOUNT = AccountKey.of("casey");
    static final URI CALLBACK = URI.create("http://127.0.0.1:53682/callback");

    final FakeTime time = new FakeTime(Instant.now());
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    NeonSandbox sandbox;
    OAuthClient oauth;
    NeonApi api;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    void start(RefreshReuseError reuseError) throws Exception {
        sandbox = NeonSandbox.builder().clock(time).operationDelay(Duration.ofSeconds(2))
                .headlessApproval(SandboxUser.DEFAULT_EMAIL).refreshReuseError(reuseError).start();
        NeonApiConfig config = NeonApiConfig.builder().issuer(sandbox.issuer()).apiBaseUrl(sandbox.apiBaseUri()).build();
        ClientRegistration cli = ClientRegistration.builder().clientId(SandboxClient.DEFAULT_CLI_CLIENT_ID)
                .addRedirectUris(URI.create("http://127.0.0.1/callback")).build();
        oauth = OAuthClient.builder().client(cli).endpoints(OAuthHttp.create(config.oauthHttpConfig())).tokenStore(store)
                .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore()).clock(time).sleeper(time).build();
        api = NeonApis.create(config, oauth.accessTokens(), time, time, RetrofitNeonApi.MAX_PROJECTS_PAGE);
        signIn();
    }

    /** The authorization code flow; with headless approval the authorization endpoint redirects at once. */
    void signIn() throws Exception {
        URI authorize = oauth.authorizationFlow().begin(BeginAuthorization.of(ACCOUNT, NeonScopes.DEFAULT, CALLBACK))
                .authorizationUri();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPort()).isEqualTo(CALLBACK.getPort());
        CallbackResult result = oauth.authorizationFlow().complete(AuthorizationCallback.fromQuery(callback.getRawQuery()));
        assertThat(result).isInstanceOf(CallbackResult.Authorized.class);
    }

    /** Another copy of the credentials (another machine, a restored backup) refreshes first. */
    void anotherCopyRefreshes(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&client_id=" + SandboxClient.DEFAULT_CLI_CLIENT_ID + "&refresh_token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sandbox.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /**
     * Both answers fosite gives to a reused refresh token (401 {@code token_inactive} before 0.49, 400
     * {@code invalid_grant} since) are a dead grant for the core: the tokens are deleted and the user must connect
     * again. The API's 401 makes the adapter ask the core for a forced refresh, which presents the reused token.
     */
    @ParameterizedTest
    @EnumSource(RefreshReuseError.class)
    void aReusedRefreshTokenIsADeadGrantInBothFositeForms(RefreshReuseError reuseError) throws Exception {
        start(reuseError);
        TokenSet stored = store.load(ACCOUNT).orElseThrow();
        assertThat(api.currentUser(ACCOUNT).email()).isEqualTo(SandboxUser.DEFAULT_EMAIL);
        anotherCopyRefreshes(stored.refreshToken().orElseThrow().value());

        ReauthorizationRequiredException e = catchThrowableOfType(ReauthorizationRequiredException.class,
                () -> api.listProjects(ACCOUNT, dev.neonoauth.neon.api.ProjectQuery.ALL));

        assertThat(e.getMessage()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED.message() + " (" + reuseError.errorCode() + ")");
        assertThat(store.load(ACCOUNT)).as("a dead grant's tokens are deleted").isEmpty();
        assertThat(sandbox.metrics().refreshRequests()).as("the other copy's refresh and the core's one").isEqualTo(2);
        assertThat(oauth.accessTokens().currentToken(ACCOUNT)).isInstanceOf(AccessTokenResult.ReauthorizationRequired.class);
    }

    /** The core's own classification, without the adapter: the refused refresh carries the server's error code. */
    @ParameterizedTest
    @EnumSource(RefreshReuseError.class)
    void theCoreClassifiesBothAnswersAsGrantRevoked(RefreshReuseError reuseError) throws Exception {
        start(reuseError);
        TokenSet stored = store.load(ACCOUNT).orElseThrow();
        anotherCopyRefreshes(stored.refreshToken().orElseThrow().value());

        AccessTokenResult result = oauth.accessTokens().refreshAfterRejection(ACCOUNT, stored.accessToken());

        assertThat(result).isInstanceOfSatisfying(AccessTokenResult.ReauthorizationRequired.class, required -> {
            assertThat(required.reason()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED);
            assertThat(required.error()).get().satisfies(error -> assertThat(error.code().value()).isEqualTo(reuseError.errorCode()));
        });
        assertThat(store.load(ACCOUNT)).isEmpty();
    }

    @Test
    void aProjectDeletedRightAfterItsCreationWaitsOutNeons423() throws Exception {
        start(RefreshReuseError.TOKEN_INACTIVE);
        String shortLived = api.createProject(ACCOUNT, ProjectCreation.named("short-lived")).project().id();
        assertThat(api.deleteProject(ACCOUNT, shortLived).project().id()).isEqualTo(shortLived);
        assertThat(time.sleeps()).as("Neon answered 423 while the project's operations ran").containsExactly(Duration.ofSeconds(3));

        ProjectCreated created = api.createProject(ACCOUNT, ProjectCreation.named("script"));
        String project = created.project().id();
        BranchChange branch = api.createBranch(ACCOUNT, project, new BranchCreation(Optional.of("tmp"), Optional.empty()));
        assertThat(time.sleeps()).as("creating the branch waited for the project's operations").hasSizeGreaterThan(1);

        assertThat(api.deleteBranch(ACCOUNT, project, branch.branch().id()).branch().id()).isEqualTo(branch.branch().id());
        assertThat(api.deleteBranchIfExists(ACCOUNT, project, branch.branch().id())).as("already deleted: 204").isEmpty();
        assertThat(api.deleteProject(ACCOUNT, project).project().id()).isEqualTo(project);

        assertThat(time.sleeps()).as("every wait was a 423 retry").containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void theApiSurfaceAgreesWithTheSandbox() throws Exception {
        start(RefreshReuseError.TOKEN_INACTIVE);
        ProjectCreated created = api.createProject(ACCOUNT, ProjectCreation.named("surface"));
        String project = created.project().id();
        String main = created.branch().id();
        String password = created.roles().get(0).password().orElseThrow();

        Endpoint primary = api.listEndpoints(ACCOUNT, project).get(0);
        assertThat(api.listBranchEndpoints(ACCOUNT, project, main)).extracting(Endpoint::id).containsExactly(primary.id());
        assertThat(api.listDatabases(ACCOUNT, project, main)).extracting(Database::name).containsExactly("neondb");
        assertThat(api.listRoles(ACCOUNT, project, main)).extracting(Role::name).containsExactly("neondb_owner");
        assertThat(api.revealRolePassword(ACCOUNT, project, main, "neondb_owner").value()).isEqualTo(password);
        assertThat(api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("neondb", "neondb_owner")).uri())
                .isEqualTo("postgresql://neondb_owner:" + password + "@" + primary.host() + "/neondb?sslmode=require");
        assertThat(api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("neondb", "neondb_owner").withPooling(true)).uri())
                .contains("@" + primary.id() + "-pooler.");

        RoleChange role = api.createRole(ACCOUNT, project, main, RoleCreation.named("app_owner"));
        assertThat(api.createDatabase(ACCOUNT, project, main, new DatabaseCreation("app", "app_owner")).database().ownerName())
                .isEqualTo("app_owner");
        RoleChange reset = api.resetRolePassword(ACCOUNT, project, main, "app_owner");
        assertThat(reset.role().password()).isPresent().isNotEqualTo(role.role().password());
        assertThat(api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("app", "app_owner")).uri())
                .startsWith("postgresql://app_owner:" + reset.role().password().orElseThrow() + "@");
        assertThat(api.deleteDatabase(ACCOUNT, project, main, "app")).isPresent();
        assertThat(api.deleteDatabase(ACCOUNT, project, main, "app")).as("already deleted: 204").isEmpty();

        String dev = api.createBranch(ACCOUNT, project, new BranchCreation(Optional.of("dev"), Optional.empty())).branch().id();
        assertThat(api.createEndpoint(ACCOUNT, project, EndpointCreation.readWrite(dev)).endpoint().branchId()).isEqualTo(dev);
        assertThat(api.renameBranch(ACCOUNT, project, dev, "development").branch().name()).isEqualTo("development");
        assertThat(api.setDefaultBranch(ACCOUNT, project, dev).branch().isDefault()).isTrue();
        assertThat(api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("neondb", "neondb_owner")).uri())
                .as("the new default branch's compute").doesNotContain(primary.id());
        BranchChange restored = api.restoreBranch(ACCOUNT, project, dev, BranchRestore.toHeadOf(main));
        assertThat(restored.branch().parentId()).contains(main);
        assertThat(api.setDefaultBranch(ACCOUNT, project, main).branch().id()).isEqualTo(main);
        assertThat(api.deleteBranchIfExists(ACCOUNT, project, dev)).isPresent();
        assertThat(api.deleteBranchIfExists(ACCOUNT, project, dev)).as("already deleted: 204").isEmpty();
        assertThat(api.listEndpoints(ACCOUNT, project)).extracting(Endpoint::id).containsExactly(primary.id());
    }
}
