package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default end to end, with the real adapters: app-web, the in-process Neon sandbox (headless approval
 * of the sandbox user), the Retrofit Neon adapter and the JDBC storage on embedded H2 in a temporary directory.
 */
class EmbeddedStackTest {
    @TempDir
    Path dataDir;
    private RunningApp app;

    @BeforeEach
    void start() {
        app = Main.start(config());
    }

    private WebConfig config() {
        return WebConfig.fromEnvironment(Map.of(
                "PORT", "0",
                "NEON_OAUTH_DATA_DIR", dataDir.toString(),
                "NEON_SANDBOX_HEADLESS_APPROVAL", "sandbox@example.com"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Follows redirects until one points back at app-web, as a browser would through the consent screen. */
    private static HttpResponse<String> throughTheSandbox(Browser browser, URI authorize, int appPort) {
        URI next = authorize;
        for (int hop = 0; hop < 10; hop++) {
            if (next.getPort() == appPort) {
                return browser.get(next.getRawPath() + "?" + next.getRawQuery());
            }
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(next).GET());
            assertThat(r.statusCode()).as("sandbox hop %s: %s", hop, r.body()).isBetween(300, 399);
            next = next.resolve(Browser.location(r));
        }
        throw new AssertionError("too many redirects");
    }

    @Test
    void connectCreateAProjectSeeItsTreeAndDisconnect() throws Exception {
        Browser browser = new Browser(URI.create("http://127.0.0.1:" + app.port()));
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = Browser.location(start);
        assertThat(authorize.getPort()).isNotEqualTo(app.port());
        assertThat(Browser.query(authorize)).containsEntry("client_id", "neon-oauth-web");

        HttpResponse<String> callback = throughTheSandbox(browser, authorize, app.port());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(Browser.location(callback).toString()).isEqualTo("/projects");
        assertThat(Files.list(dataDir).count()).isPositive();

        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);
        HttpResponse<String> created = browser.postFrom("/projects", "/projects",
                Map.of("name", "<script>alert(1)</script>", "region", "aws-us-east-2", "pg_version", "17"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String next = Browser.location(created).toString();
        HttpResponse<String> page = browser.get(next);
        for (int i = 0; i < 30 && page.statusCode() != 303 && next.contains("/progress"); i++) {
            sleep(200);
            page = browser.get(next);
        }
        String projectPath = page.statusCode() == 303 ? Browser.location(page).toString() : next;
        HttpResponse<String> project = browser.get(projectPath);
        assertThat(project.statusCode()).as(project.body()).isEqualTo(200);
        assertThat(project.body()).contains("<svg").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>").contains("branch default");
        assertThat(browser.get("/projects").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(account.body()).contains("sandbox@example.com").contains("urn:neoncloud:projects:create");

        HttpResponse<String> bye = browser.postFrom("/account", "/account/disconnect", Map.of());
        assertThat(bye.body()).contains("Neon revoked this app");
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
    }

    @Test
    void aFlowStartedAtLocalhostIsMovedTo127001BeforeItsSessionAndCompletes() {
        Browser atLocalhost = new Browser(URI.create("http://localhost:" + app.port()));
        HttpResponse<String> landing = atLocalhost.get("/");
        assertThat(landing.statusCode()).as("what a browser gets at http://localhost:PORT/").isEqualTo(302);
        URI canonical = Browser.location(landing);
        assertThat(canonical).isEqualTo(URI.create("http://127.0.0.1:" + app.port() + "/"));
        assertThat(atLocalhost.sessionCookie()).as("no session cookie on localhost").isEmpty();

        Browser browser = atLocalhost.at(canonical); // the same browser (cookie jar), following the redirect
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        assertThat(start.statusCode()).isEqualTo(303);
        HttpResponse<String> callback = throughTheSandbox(browser, Browser.location(start), app.port());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(Browser.location(callback).toString()).isEqualTo("/projects");
        HttpResponse<String> projects = browser.get("/projects");
        assertThat(projects.statusCode()).isEqualTo(200);
        assertThat(projects.body()).contains("<h1>Projects</h1>");
    }

    @Test
    void everyFileInTheDataDirectoryIsOwnerOnlyAfterRealUse() throws Exception {
        Browser browser = new Browser(URI.create("http://127.0.0.1:" + app.port()));
        HttpResponse<String> start = browser.postFrom("/", "/api/oauth/start", Map.of());
        assertThat(throughTheSandbox(browser, Browser.location(start), app.port()).statusCode()).isEqualTo(303);
        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        assertThat(browser.postFrom("/account", "/account/disconnect", Map.of()).body()).contains("Neon revoked this app");
        assertThat(dataDir.resolve("tokens.mv.db")).exists();

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!ownerOnly(dataDir).isEmpty() && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(ownerOnly(dataDir)).as("while the app runs").isEmpty();
        app.close();
        assertThat(ownerOnly(dataDir)).as("after it stopped").isEmpty();
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("tokens.mv.db", "keyset.json");
        }
    }

    /** The entries of {@code dir} (and {@code dir} itself) that are not 0700 directories or 0600 files. */
    private static java.util.List<String> ownerOnly(java.nio.file.Path dir) throws java.io.IOException {
        java.util.List<String> wrong = new java.util.ArrayList<>();
        try (var entries = Files.walk(dir)) {
            for (java.nio.file.Path p : entries.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String wanted = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!mode.equals(wanted)) {
                    wrong.add(dir.relativize(p) + " " + mode);
                }
            }
        }
        return wrong;
    }

    @Test
    void sessionsLiveInTheEmbeddedDatabaseAndSurviveARestart() {
        // an anonymous visitor (nothing stored: its form token is derived from its cookie) and a connected session
        Browser before = new Browser(URI.create("http://127.0.0.1:" + app.port()));
        String csrf = Browser.csrf(before.get("/").body());
        Browser connected = new Browser(URI.create("http://127.0.0.1:" + app.port()));
        HttpResponse<String> begin = connected.postFrom("/", "/api/oauth/start", Map.of());
        assertThat(throughTheSandbox(connected, Browser.location(begin), app.port()).statusCode()).isEqualTo(303);
        String accountForm = Browser.csrf(connected.get("/account").body());
        app.close();

        app = Main.start(config());
        Browser after = new Browser(URI.create("http://127.0.0.1:" + app.port()));
        before.shareCookiesWith(after);
        HttpResponse<String> start = after.post("/api/oauth/start", Map.of("csrf", csrf));
        assertThat(start.statusCode()).as("a form rendered before the restart is accepted after it: %s", start.body())
                .isEqualTo(303);

        Browser connectedAfter = new Browser(after.base);
        connected.shareCookiesWith(connectedAfter);
        // the embedded sandbox restarted too and forgot its grants, so the page asks to reconnect: the session is
        // still the connected one, with the same form token
        HttpResponse<String> account = connectedAfter.get("/account");
        assertThat(account.body()).as("the connected session, read from the database").contains("id=\"nav-sign-out\"");
        assertThat(Browser.csrf(account.body())).isEqualTo(accountForm);
        HttpResponse<String> signOut = connectedAfter.post("/account/sign-out", Map.of("csrf", accountForm));
        assertThat(signOut.statusCode()).as("its form token, kept encrypted in the database").isEqualTo(200);
        assertThat(signOut.body()).contains("You are signed out");

        Browser stranger = new Browser(after.base);
        assertThat(stranger.get("/").statusCode()).isEqualTo(200);
        assertThat(stranger.post("/api/oauth/start", Map.of("csrf", csrf)).statusCode())
                .as("another session's CSRF token").isEqualTo(403);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
