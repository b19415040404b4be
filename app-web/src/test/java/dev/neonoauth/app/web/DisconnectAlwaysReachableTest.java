package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.app.web.session.Hashes;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connected user can always disconnect and sign out, from any page, whatever Neon's API or OAuth server does: both
 * are CSRF-protected POST forms in every page's header, the account page renders when Neon cannot say who the user
 * is, a token Neon keeps refusing leads to a "Reconnect" page, and Disconnect deletes the local grant when the
 * revocation cannot reach Neon.
 */
class DisconnectAlwaysReachableTest {
    private static final Pattern HEADER_FORM = Pattern.compile("<form method=\"post\" action=\"(/account/disconnect|"
            + "/account/sign-out)\"[^>]*>\\s*<input type=\"hidden\" name=\"csrf\" value=\"[^\"]{40,}\">");

    private TestApp app;
    private Browser browser;

    @BeforeEach
    void start() {
        app = new TestApp();
        browser = app.browser();
        browser.connect();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private AccountKey account() {
        return AccountKey.of(app.sessions.find(Hashes.sha256(browser.sessionCookie().orElseThrow())).orElseThrow()
                .account().orElseThrow());
    }

    private static void assertHeaderOffersDisconnectAndSignOut(String page, HttpResponse<String> response) {
        String body = response.body();
        String header = body.substring(body.indexOf("<header"), body.indexOf("</header>"));
        assertThat(HEADER_FORM.matcher(header).results().map(m -> m.group(1)).toList())
                .as("the header forms of %s (status %s)", page, response.statusCode())
                .containsExactly("/account/sign-out", "/account/disconnect");
        assertThat(Leaks.withoutAppScript(response.body())).as(page).doesNotContain("<script").doesNotContain(" onclick=")
                .doesNotContain("style=");
    }

    @Test
    void everyPageOfAConnectedSessionOffersDisconnectAndSignOutInItsHeader() {
        app.neon.addProject("shop");
        for (String page : List.of("/", "/projects", "/account", "/projects/fail-1", "/projects/proj-404", "/nope")) {
            assertHeaderOffersDisconnectAndSignOut(page, browser.get(page));
        }
        app.neon.failure = () -> new NeonApiException(503, null, "unavailable", "neon-req-down", true, null);
        HttpResponse<String> failing = browser.get("/projects");
        assertThat(failing.statusCode()).isEqualTo(502);
        assertHeaderOffersDisconnectAndSignOut("/projects while Neon's API fails", failing);
    }

    @Test
    void theAccountPageRendersWithAnHonestNoticeWhenNeonsApiFails() {
        app.neon.failure = () -> new NeonApiException(500, "INTERNAL_ERROR", "internal error", "neon-req-500", true, null);
        HttpResponse<String> page = browser.get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("could not load your Neon profile").contains("neon-req-500")
                .contains("id=\"disconnect\"").contains("urn:neoncloud:projects:read").doesNotContain("id=\"user-email\"");

        app.neon.failure = () -> new NeonApiException(0, null, "GET /users/me failed in transport before it was sent",
                "rid-1", true, null);
        HttpResponse<String> unreachable = browser.get("/account");
        assertThat(unreachable.statusCode()).isEqualTo(200);
        assertThat(unreachable.body()).contains("could not load your Neon profile").contains("id=\"disconnect\"");

        AccountKey account = account();
        HttpResponse<String> bye = browser.postFrom("/account", "/account/disconnect", Map.of());
        assertThat(bye.statusCode()).isEqualTo(200);
        assertThat(bye.body()).contains("Neon revoked this app");
        assertThat(app.tokens.load(account)).isEmpty();
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
    }

    @Test
    void aTokenNeonKeepsRefusingLeadsToAReconnectPageNotA502() {
        app.neon.failure = () -> new NeonApiException(401, null, "GET /projects was rejected with 401 even after one"
                + " forced refresh", "neon-req-401", false, null);
        for (String page : List.of("/projects", "/account")) {
            HttpResponse<String> r = browser.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(401);
            assertThat(r.body()).as(page).contains("Reconnect your Neon account")
                    .contains("<form method=\"post\" action=\"/api/oauth/start\"")
                    .contains("<link rel=\"stylesheet\" href=\"/static/app.css\">");
            assertHeaderOffersDisconnectAndSignOut(page, r);
        }
        app.neon.failure = () -> new ReauthorizationRequiredException("the authorization server refused the refresh");
        HttpResponse<String> revoked = browser.get("/projects");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("Reconnect your Neon account");

        // reconnecting keeps the account: a new grant for the same session
        AccountKey before = account();
        HttpResponse<String> again = browser.postFrom("/projects", "/api/oauth/start", Map.of("returnTo", "/projects"));
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(before).isEqualTo(account());
    }

    @Test
    void disconnectDeletesTheLocalGrantWhenTheRevocationEndpointIsUnreachable() {
        AccountKey account = account();
        app.revocation.unreachable = true;
        HttpResponse<String> bye = browser.postFrom("/projects", "/account/disconnect", Map.of());
        assertThat(bye.statusCode()).isEqualTo(200);
        assertThat(bye.body()).contains("Disconnected").contains("the revocation at Neon could not be confirmed")
                .contains("Revoke the app in the Neon console");
        assertThat(app.tokens.load(account)).isEmpty();
        assertThat(browser.get("/projects").statusCode()).as("the session ended").isEqualTo(302);
    }

    @Test
    void disconnectDeletesTheLocalGrantWhenTheOAuthServerCannotBeResolved() {
        AccountKey account = account();
        app.neon.failure = () -> new NeonApiException(0, null, "unreachable", "rid", true, null);
        app.serverDown = true;
        HttpResponse<String> bye = browser.postFrom("/account", "/account/disconnect", Map.of());
        assertThat(bye.statusCode()).isEqualTo(200);
        assertThat(bye.body()).contains("the revocation at Neon could not be confirmed");
        assertThat(app.tokens.load(account)).isEmpty();
        assertThat(app.revocation.revoked).isEmpty();
    }

    @Test
    void signOutEndsTheSessionAndForgetsTheGrantWithoutContactingNeon() {
        AccountKey account = account();
        app.serverDown = true;
        HttpResponse<String> bye = browser.postFrom("/projects", "/account/sign-out", Map.of());
        assertThat(bye.statusCode()).isEqualTo(200);
        assertThat(bye.body()).contains("Signed out").contains("Neon was not contacted").doesNotContain("nav-disconnect");
        assertThat(app.revocation.revoked).isEmpty();
        assertThat(app.tokens.load(account)).isEmpty();
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
    }

    @Test
    void signOutAndDisconnectRefuseAFormWithoutTheCsrfToken() {
        assertThat(browser.post("/account/sign-out", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.post("/account/disconnect", Map.of("csrf", "x".repeat(43))).statusCode()).isEqualTo(403);
        assertThat(app.tokens.load(account())).isPresent();
    }
}
