package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonScopes;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.neon.api.Project;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** app-web over HTTP, in-process, with in-memory adapters and a fake Neon: the flow, sessions and security. */
class AppWebTest {
    private TestApp app;
    private Browser browser;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        app = new TestApp();
        browser = app.browser();
    }

    @AfterEach
    void stop() {
        app.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private List<String> logLines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void landingPageOffersConnectAsACsrfProtectedPostForm() {
        HttpResponse<String> landing = browser.get("/");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("<form method=\"post\" action=\"/api/oauth/start\"").contains("Connect Neon");
        assertThat(Browser.csrf(landing.body())).hasSizeGreaterThan(40);
        String cookie = landing.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("neon_session=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void anAnonymousVisitorIsNotStoredAndItsFormTokenIsBoundToItsCookie() {
        HttpResponse<String> landing = browser.get("/");
        String id = browser.sessionCookie().orElseThrow();
        assertThat(id).startsWith("a.").hasSize(45);
        assertThat(app.sessions.size()).as("a landing page writes no session").isZero();
        String token = Browser.csrf(landing.body());
        assertThat(token).doesNotContain(id.substring(2));
        // the same browser gets the same token again (the id is not replaced while it is valid)
        assertThat(Browser.csrf(browser.get("/").body())).isEqualTo(token);

        // another browser's token is refused with this browser's cookie, and the other way round
        Browser other = app.browser();
        String otherToken = Browser.csrf(other.get("/").body());
        assertThat(otherToken).isNotEqualTo(token);
        assertThat(browser.post("/api/oauth/start", Map.of("csrf", otherToken)).statusCode()).isEqualTo(403);
        assertThat(other.post("/api/oauth/start", Map.of("csrf", token)).statusCode()).isEqualTo(403);
        assertThat(app.pending.size()).isZero();

        // a malformed anonymous id is not a session: a new one is issued and the old token does not work with it
        HttpResponse<String> forged = app.browser().send(java.net.http.HttpRequest.newBuilder(app.base().resolve("/"))
                .header("Cookie", "neon_session=a.short").GET());
        assertThat(forged.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("neon_session=a.")
                .doesNotContain("a.short");

        // its own token starts the flow, still without storing a session
        assertThat(browser.post("/api/oauth/start", Map.of("csrf", token)).statusCode()).isEqualTo(303);
        assertThat(app.pending.size()).isEqualTo(1);
        assertThat(app.sessions.size()).isZero();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/health", "/static/app.css", "/no-such-page", "/projects")) {
            HttpResponse<String> r = browser.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("form-action 'self' http://127.0.0.1:9").contains("base-uri 'none'")
                    .doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("X-Request-ID")).as(path).isPresent();
        }
        assertThat(browser.get("/").headers().firstValue("Cache-Control")).contains("no-store");
        HttpResponse<String> css = browser.get("/static/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(".tree");
        assertThat(browser.get("/no-such-page").statusCode()).isEqualTo(404);
        assertThat(Leaks.withoutAppScript(browser.get("/").body())).doesNotContain("<script");
        assertThat(browser.get("/").body()).contains(Leaks.APP_SCRIPT);
    }

    @Test
    void healthSaysUp() {
        HttpResponse<String> r = browser.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void fullFlowConnectsRotatesTheSessionAndShowsProjects() {
        String preLogin = browser.get("/").headers().firstValue("Set-Cookie").orElseThrow();
        String preLoginId = browser.sessionCookie().orElseThrow();
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = Browser.location(start);
        assertThat(authorize.toString()).startsWith("http://127.0.0.1:9/oauth2/auth?");
        Map<String, String> q = Browser.query(authorize);
        assertThat(q).containsEntry("client_id", "neon-oauth-web").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + app.running.port() + "/api/oauth/callback");
        assertThat(q.get("state")).hasSizeGreaterThan(30);
        assertThat(ScopeSet.parse(q.get("scope"))).isEqualTo(NeonScopes.DEFAULT);
        assertThat(preLogin).isNotNull();

        HttpResponse<String> callback = browser.get("/api/oauth/callback?code=abc123code&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(Browser.location(callback).toString()).isEqualTo("/projects");
        String postLoginId = browser.sessionCookie().orElseThrow();
        assertThat(postLoginId).as("a new session id at login").isNotEqualTo(preLoginId);
        assertThat(app.tokenEndpoint.exchangeCount()).isEqualTo(1);

        app.neon.addProject("analytics");
        HttpResponse<String> projects = browser.get("/projects");
        assertThat(projects.statusCode()).isEqualTo(200);
        assertThat(projects.body()).contains("analytics").contains("aws-eu-central-1").contains("Create project");

        // the pre-login id was an anonymous session's (nothing stored): a browser still holding it is not signed in
        assertThat(preLoginId).startsWith("a.");
        HttpResponse<String> stolen = app.browser().send(java.net.http.HttpRequest.newBuilder(app.base().resolve("/projects"))
                .header("Cookie", "neon_session=" + preLoginId).GET());
        assertThat(stolen.statusCode()).isEqualTo(302);
        assertThat(Browser.location(stolen).toString()).isEqualTo("/");
        assertThat(app.sessions.size()).as("only the connected session is stored").isEqualTo(1);

        // no secret in any log line: not the code, not the session ids, not the state
        assertThat(String.join("\n", logLines())).doesNotContain("abc123code").doesNotContain(preLoginId)
                .doesNotContain(postLoginId).doesNotContain(q.get("state"));
        assertThat(logLines()).anySatisfy(l -> assertThat(l).startsWith("GET /api/oauth/callback 303"));
    }

    /** Reads the progress page until the change is done; returns where it sends the browser then. */
    private String followProgress(String progressPath) {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = browser.get(progressPath);
            if (r.statusCode() == 303) {
                return Browser.location(r).toString();
            }
            assertThat(r.statusCode()).isEqualTo(200);
        }
        throw new AssertionError("the operations never finished: " + progressPath);
    }

    @Test
    void theConnectionStringIsMaskedUntilAskedForWithDatabaseRoleAndPoolingChoices() {
        browser.connect();
        Project p = app.neon.addProject("shop");
        String page = browser.get("/projects/" + p.id()).body();
        assertThat(page).contains("id=\"connection-uri\"").contains("postgresql://neondb_owner:********@ep-br-")
                .contains("/neondb?sslmode=require").doesNotContain(FakeNeonApi.PASSWORD)
                .contains("id=\"connection-db\"").contains("id=\"connection-role\"").contains("id=\"pooled-yes\"")
                .contains("data-copy=\"connection-uri\"").contains("id=\"reveal-password\"");
        String branchId = page.replaceAll("(?s).*data-branch-id=\"(br-\\d+)\".*", "$1");
        String pooled = browser.get("/projects/" + p.id() + "?branch=" + branchId + "&db=analytics&role=analyst&pooled=true")
                .body();
        assertThat(pooled).contains("postgresql://analyst:********@ep-" + branchId + "-pooler.").contains("/analytics?")
                .doesNotContain(FakeNeonApi.PASSWORD);

        HttpResponse<String> shown = browser.postFrom("/projects/" + p.id(), "/projects/" + p.id() + "/connection",
                Map.of("branch", branchId, "db", "analytics", "role", "analyst", "pooled", "true"));
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(shown.body()).contains("postgresql://analyst:" + FakeNeonApi.PASSWORD + "@ep-" + branchId + "-pooler.")
                .contains("id=\"hide-password\"");
        assertThat(browser.post("/projects/" + p.id() + "/connection", Map.of("branch", branchId)).statusCode())
                .as("no CSRF token, no password").isEqualTo(403);
        assertThat(String.join("\n", logLines())).doesNotContain(FakeNeonApi.PASSWORD);
    }

    @Test
    void neonsRawErrorTextIsNeverShownAndAPlantedFlashCookieShowsNothingButTheAppsOwnSentences() {
        browser.connect();
        app.neon.failure = () -> new dev.neonoauth.neon.api.NeonApiException(400, "BAD_REQUEST",
                "DELETE /projects/p-1/branches/br-1 failed with HTTP 400: BAD_REQUEST: branch has children",
                "neon-req-400", false, null);
        HttpResponse<String> refused = browser.get("/projects");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Neon did not accept the request").contains("BAD_REQUEST")
                .contains("neon-req-400").doesNotContain("failed with HTTP").doesNotContain("branch has children");
        app.neon.failure = null;

        java.net.HttpCookie planted = new java.net.HttpCookie("neon_flash", "call-us-at-555");
        planted.setPath("/");
        planted.setVersion(0);
        browser.cookies.getCookieStore().add(app.base(), planted);
        HttpResponse<String> withPlanted = browser.get("/projects");
        assertThat(withPlanted.headers().allValues("Set-Cookie")).as("the cookie was read and cleared")
                .anySatisfy(c -> assertThat(c).startsWith("neon_flash=;").contains("Expires=Thu, 01 Jan 1970"));
        assertThat(withPlanted.body()).doesNotContain("id=\"flash\"").doesNotContain("call-us");
        assertThat(browser.get("/projects").body()).doesNotContain("id=\"flash\"");
    }

    @Test
    void theHeaderNamesTheConnectedUserAndFeedbackShowsOnce() {
        HttpResponse<String> callback = browser.connect();
        assertThat(browser.get(Browser.location(callback).toString()).body()).contains("Your Neon account is connected.")
                .contains("id=\"nav-user\"").contains("sandbox@example.com");
        assertThat(browser.get("/projects").body()).doesNotContain("Your Neon account is connected.");
        assertThat(browser.get("/account").body()).contains("Read projects").contains("data-scope=\"urn:neoncloud:projects:read\"");
        assertThat(browser.get("/about").body()).contains("Create projects").doesNotContain("https://github.com/\"");

        browser.postFrom("/projects", "/account/disconnect", Map.of());
        HttpResponse<String> after = browser.get("/projects");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(browser.get("/").body()).contains("Connect your Neon account to see your projects.");
    }

    @Test
    void createProjectShowsProgressThenTheBranchTreeAndBranchesCanBeAddedAndDeleted() {
        browser.connect();
        app.neon.pollsToFinish = 1;
        HttpResponse<String> created = browser.postFrom("/projects", "/projects",
                Map.of("name", "shop", "region", "aws-us-east-2", "pg_version", "16"));
        assertThat(created.statusCode()).isEqualTo(303);
        String progressPath = Browser.location(created).toString();
        assertThat(progressPath).matches("/projects/proj-\\d+/progress\\?op=op-\\d+&then=project-created");
        HttpResponse<String> progress = browser.get(progressPath);
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("<meta http-equiv=\"refresh\" content=\"1\">").contains("running");
        HttpResponse<String> finished = browser.get(progressPath);
        assertThat(finished.statusCode()).isEqualTo(303);
        String projectPath = Browser.location(finished).toString();

        HttpResponse<String> page = browser.get(projectPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<svg").contains("class=\"branch default").contains("<title>main (default)");
        String projectId = projectPath.substring("/projects/".length());
        String mainId = page.body().replaceAll("(?s).*data-branch-id=\"(br-\\d+)\".*", "$1");

        HttpResponse<String> branch = browser.postFrom(projectPath, projectPath + "/branches",
                Map.of("name", "feature-x", "parent", mainId));
        assertThat(branch.statusCode()).isEqualTo(303);
        String branchProgress = Browser.location(branch).toString();
        assertThat(branchProgress).matches(projectPath + "/progress\\?op=op-\\d+&op=op-\\d+&then=branch-created&branch=br-\\d+");
        assertThat(browser.get(branchProgress).body()).contains("Creating the branch")
                .contains("<meta http-equiv=\"refresh\" content=\"1\">");
        String selected = followProgress(branchProgress);
        assertThat(selected).startsWith(projectPath + "?branch=br-");
        HttpResponse<String> withChild = browser.get(selected);
        assertThat(withChild.body()).contains("feature-x").contains("data-parent-id=\"" + mainId + "\"")
                .contains("id=\"details\"").contains("class=\"edge\"").contains("The branch was created.")
                .contains("postgresql://neondb_owner:********@ep-").doesNotContain(FakeNeonApi.PASSWORD);
        assertThat(browser.get(selected).body()).as("a one-time message").doesNotContain("The branch was created.");
        String childId = selected.replaceAll(".*branch=(br-\\d+).*", "$1");

        // a branch with a child says why it cannot be deleted, offers no Delete, and a forged delete is refused
        String grandchild = followProgress(Browser.location(browser.postFrom(projectPath, projectPath + "/branches",
                Map.of("name", "feature-x-fix", "parent", childId))).toString()).replaceAll(".*branch=(br-\\d+).*", "$1");
        String parentPage = browser.get(projectPath + "?branch=" + childId).body();
        assertThat(parentPage).contains("id=\"cannot-delete\"").contains("1 branch was created from it (feature-x-fix)")
                .doesNotContain("id=\"delete-branch\"");
        assertThat(browser.get(projectPath + "?branch=" + mainId).body()).contains("default branch, so it cannot be deleted")
                .doesNotContain("id=\"delete-branch\"");
        HttpResponse<String> refused = browser.get(projectPath + "/branches/" + childId + "/delete");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("1 branch was created from it").doesNotContain("HTTP 400");
        assertThat(browser.postFrom(projectPath, projectPath + "/branches/" + childId + "/delete", Map.of()).statusCode())
                .isEqualTo(400);

        for (String id : List.of(grandchild, childId)) {
            HttpResponse<String> confirm = browser.get(projectPath + "/branches/" + id + "/delete");
            assertThat(confirm.body()).contains("Delete branch feature-x");
            HttpResponse<String> deleted = browser.postFrom(projectPath + "/branches/" + id + "/delete",
                    projectPath + "/branches/" + id + "/delete", Map.of());
            assertThat(deleted.statusCode()).isEqualTo(303);
            assertThat(Browser.location(deleted).toString()).isEqualTo(projectPath);
        }
        assertThat(browser.get(projectPath).body()).doesNotContain("feature-x").contains("The branch was deleted.");

        // rename on the project page, delete with confirmation, recover
        HttpResponse<String> renamed = browser.postFrom(projectPath, projectPath + "/rename", Map.of("name", "shop-2"));
        assertThat(renamed.statusCode()).isEqualTo(303);
        assertThat(Browser.location(renamed).toString()).isEqualTo(projectPath);
        assertThat(browser.get(projectPath).body()).contains("shop-2").contains("The project was renamed.");
        assertThat(browser.get("/projects").body()).doesNotContain("/rename\"").contains(projectId);
        assertThat(browser.get(projectPath + "/delete").body()).contains("Delete project shop-2?");
        HttpResponse<String> gone = browser.postFrom(projectPath + "/delete", projectPath + "/delete", Map.of());
        assertThat(gone.body()).contains("Project deleted").contains("action=\"" + projectPath + "/recover\"")
                .contains(projectId);
        assertThat(browser.get("/projects").body()).doesNotContain("shop-2");
        HttpResponse<String> recovered = browser.postFrom("/projects", "/projects/recover", Map.of("project_id", projectId));
        assertThat(recovered.statusCode()).isEqualTo(303);
        assertThat(browser.get(Browser.location(recovered).toString()).body()).contains("The project was recovered.");
        assertThat(browser.get("/projects").body()).contains("shop-2");
    }

    @Test
    void accountPageShowsUserScopesAndExpiryButNoTokenAndDisconnectRevokesAndDeletes() {
        browser.connect();
        HttpResponse<String> page = browser.get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("sandbox@example.com").contains("urn:neoncloud:projects:read")
                .contains("UTC").contains("Disconnect");
        TokenSet stored = onlyTokenSet();
        assertThat(page.body()).doesNotContain(stored.accessToken().value());
        stored.refreshToken().ifPresent(r -> assertThat(page.body()).doesNotContain(r.value()));

        HttpResponse<String> bye = browser.postFrom("/account", "/account/disconnect", Map.of());
        assertThat(bye.statusCode()).isEqualTo(200);
        assertThat(bye.body()).contains("Neon revoked this app").doesNotContain("nav-projects");
        assertThat(app.revocation.revoked).hasSize(1);
        assertThat(app.tokens.load(storedAccount()).isEmpty()).isTrue();
        HttpResponse<String> after = browser.get("/projects");
        assertThat(after.statusCode()).isIn(302, 401);
    }

    private AccountKey lastAccount;

    private TokenSet onlyTokenSet() {
        lastAccount = storedAccount();
        return app.tokens.load(lastAccount).orElseThrow();
    }

    private AccountKey storedAccount() {
        if (lastAccount != null) {
            return lastAccount;
        }
        String sessionId = browser.sessionCookie().orElseThrow();
        return AccountKey.of(app.sessions.find(dev.neonoauth.app.web.session.Hashes.sha256(sessionId))
                .orElseThrow().account().orElseThrow());
    }

    @Test
    void consentDeniedShowsAClearPageAndStoresNothing() {
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        String state = Browser.query(Browser.location(start)).get("state");
        HttpResponse<String> denied = browser.get("/api/oauth/callback?error=access_denied&error_description="
                + URLEncoder.encode("<b>The resource owner denied the request</b>", StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("You did not connect your Neon account").contains("access_denied")
                .contains("Connect Neon").doesNotContain("<b>The resource");
        assertThat(app.tokenEndpoint.exchangeCount()).isZero();
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
    }

    @Test
    void tamperedReplayedAndCrossSessionCallbacksAreRejected() {
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        String state = Browser.query(Browser.location(start)).get("state");
        String enc = URLEncoder.encode(state, StandardCharsets.UTF_8);

        HttpResponse<String> tampered = browser.get("/api/oauth/callback?code=c1&state=" + enc + "x");
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("the state is unknown or was already used");

        Browser other = app.browser();
        other.get("/");
        HttpResponse<String> crossSession = other.get("/api/oauth/callback?code=c1&state=" + enc);
        assertThat(crossSession.statusCode()).isEqualTo(400);
        assertThat(crossSession.body()).contains("another browser session");

        HttpResponse<String> start2 = browser.postFrom("/", "/api/oauth/start", Map.of());
        String enc2 = URLEncoder.encode(Browser.query(Browser.location(start2)).get("state"), StandardCharsets.UTF_8);
        assertThat(browser.get("/api/oauth/callback?code=c2&state=" + enc2).statusCode()).isEqualTo(303);
        HttpResponse<String> replay = browser.get("/api/oauth/callback?code=c2&state=" + enc2);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("already used");
        assertThat(app.tokenEndpoint.exchangeCount()).isEqualTo(1);
        assertThat(browser.get("/api/oauth/callback?code=a&code=b&state=" + enc2).statusCode()).isEqualTo(400);
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefused() {
        browser.connect();
        HttpResponse<String> none = browser.post("/projects", Map.of("name", "x", "region", "aws-us-east-2", "pg_version", "17"));
        assertThat(none.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = browser.post("/projects",
                Map.of("csrf", "A".repeat(43), "name", "x", "region", "aws-us-east-2", "pg_version", "17"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("This form has expired");
        assertThat(browser.get("/projects").body()).doesNotContain(">x<");
        // login CSRF: another site cannot start a flow in this browser without the token
        Browser fresh = app.browser();
        assertThat(fresh.post("/api/oauth/start", Map.of()).statusCode()).isEqualTo(403);
        assertThat(app.pending.size()).isZero();
        assertThat(browser.post("/account/disconnect", Map.of()).statusCode()).isEqualTo(403);
        assertThat(app.revocation.revoked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "/\\evil.com", "https://evil.com", "http:evil.com", "evil.com", "/ok#frag", "/%0d%0aX:y\r\n"})
    void returnToAcceptsOnlySameOriginRelativePaths(String target) {
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of("returnTo", target));
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(start.headers().firstValue("Location")).isEmpty();
        assertThat(app.pending.size()).isZero();
    }

    @Test
    void aSameOriginReturnToIsHonouredAfterTheCallback() {
        Project p = app.neon.addProject("target");
        HttpResponse<String> callback = browser.connect(Map.of("returnTo", "/projects/" + p.id()), "");
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(Browser.location(callback).toString()).isEqualTo("/projects/" + p.id());
    }

    @Test
    void hostileProjectNamesAreShownAsText() {
        browser.connect();
        String hostile = "<script>alert(1)</script>";
        Project p = app.neon.addProject(hostile);
        String list = browser.get("/projects").body();
        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(hostile);
        String page = browser.get("/projects/" + p.id()).body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(hostile);
        String attr = "\" onmouseover=\"alert(1)";
        Project q = app.neon.addProject(attr);
        assertThat(browser.get("/projects/" + q.id()).body()).doesNotContain("value=\"\" onmouseover").contains("&#34; onmouseover=");
        assertThat(browser.get("/projects/" + q.id() + "/delete").statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingScopeLeadsToAnIncrementalAuthorizationForGrantedPlusMissingScopes() {
        HttpResponse<String> callback = browser.connect(Map.of(),
                "&scope=" + URLEncoder.encode(FakeNeonApi.readOnly().render(), StandardCharsets.UTF_8));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);

        HttpResponse<String> create = browser.postFrom("/projects", "/projects",
                Map.of("name", "needs-create", "region", "aws-us-east-2", "pg_version", "17"));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("This needs another permission")
                .contains("name=\"scope\" value=\"urn:neoncloud:projects:create\"")
                .contains("name=\"incremental\" value=\"true\"");

        HttpResponse<String> again = browser.post("/api/oauth/start", Map.of("csrf", Browser.csrf(create.body()),
                "scope", "urn:neoncloud:projects:create", "incremental", "true", "returnTo", "/projects"));
        assertThat(again.statusCode()).isEqualTo(303);
        ScopeSet asked = ScopeSet.parse(Browser.query(Browser.location(again)).get("scope"));
        assertThat(asked).isEqualTo(FakeNeonApi.readOnly().union(ScopeSet.of(NeonScopes.PROJECTS_CREATE)));

        // an incremental request cannot smuggle in an unknown scope
        HttpResponse<String> odd = browser.postFrom("/projects", "/api/oauth/start",
                Map.of("scope", "admin:everything", "incremental", "true"));
        assertThat(odd.statusCode()).isEqualTo(400);
    }

    @Test
    void neonApiErrorsShowNeonsRequestId() {
        browser.connect();
        HttpResponse<String> r = browser.get("/projects/fail-123");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains(FakeNeonApi.FAILING_REQUEST_ID).contains("INTERNAL_ERROR").contains("Neon API error");
        HttpResponse<String> missing = browser.get("/projects/proj-404");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("neon-req-404");
        assertThat(browser.get("/projects/not%20an%20id").statusCode()).isEqualTo(404);
    }

    @Test
    void theStateLifetimeComesFromTheConfiguration() {
        try (TestApp shortTtl = new TestApp(Map.of("NEON_OAUTH_STATE_TTL_SECONDS", "60"))) {
            for (int seconds : new int[] {59, 61}) {
                Browser b = shortTtl.browser();
                b.get("/");
                String state = Browser.query(Browser.location(b.postFrom("/", "/api/oauth/start", Map.of()))).get("state");
                shortTtl.clock.advance(Duration.ofSeconds(seconds));
                HttpResponse<String> callback = b.get("/api/oauth/callback?code=abc123code&state="
                        + URLEncoder.encode(state, StandardCharsets.UTF_8));
                if (seconds < 60) {
                    assertThat(callback.statusCode()).as("within the TTL").isEqualTo(303);
                } else {
                    assertThat(callback.statusCode()).as("past the TTL").isEqualTo(400);
                    assertThat(callback.body()).contains("took too long");
                }
            }
        }
    }

    @Test
    void anIdleSessionExpiresAndThePageSaysSo() {
        browser.connect();
        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);
        app.clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = browser.get("/projects");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("Your session expired").contains("Connect Neon");
        assertThat(browser.get("/").body()).contains("Connect Neon");
    }

    @Test
    void aSessionEndsAtItsAbsoluteTimeoutEvenWhenActive() {
        browser.connect();
        for (int i = 0; i < 26; i++) {
            app.clock.advance(Duration.ofMinutes(29));
            if (browser.get("/projects").statusCode() != 200) {
                assertThat(i * 29L).isGreaterThanOrEqualTo(11 * 60L);
                return;
            }
        }
        throw new AssertionError("the session outlived its absolute timeout");
    }

    @Test
    void notConnectedPagesRedirectToTheLandingPage() {
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
        assertThat(Browser.location(browser.get("/account")).toString()).isEqualTo("/");
    }

    @Test
    void theAccessLogHasNoQueryStringsAndARequestId() {
        browser.connect();
        browser.get("/projects?org=&notice=renamed");
        List<String> access = logs.list.stream().filter(e -> e.getLoggerName().endsWith(".access"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(access).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("?").matches(
                "(GET|POST) /\\S* \\d{3} \\d+ms rid=[0-9a-f]{16}"));
        assertThat(access).anySatisfy(l -> assertThat(l).startsWith("GET /projects 200"));
    }

    @Test
    void shutdownLetsRequestsInFlightFinish() throws Exception {
        browser.connect();
        app.neon.listLatency = Duration.ofMillis(800);
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> browser.get("/projects"));
        long deadline = System.currentTimeMillis() + 3000;
        while (app.running.app().inFlight() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(app.running.app().inFlight()).isEqualTo(1);
        app.close();
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(slow.get().body()).contains("Projects");
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", app.running.port()), 500);
            throw new AssertionError("still accepting connections");
        } catch (java.io.IOException expected) {
            // closed
        }
    }
}
