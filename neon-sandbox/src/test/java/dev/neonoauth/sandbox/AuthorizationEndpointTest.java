package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /oauth2/auth}, the sign-in and the consent pages: validation as Hydra does it. */
class AuthorizationEndpointTest {

    private static final String WEB = SandboxClient.DEFAULT_WEB_CLIENT_ID;
    private static final String CLI = SandboxClient.DEFAULT_CLI_CLIENT_ID;
    private static final String WEB_REDIRECT = "http://localhost:3000/api/oauth/callback";

    static NeonSandbox sandbox;
    static TestHttp http;

    @BeforeAll
    static void start() {
        sandbox = NeonSandbox.builder().start();
        http = new TestHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void authorizeWhenValidThenRedirectsToSignInNotToTheClient() {
        HttpResponse<String> r = http.get(URI.create(http.authorizeUrl(WEB, WEB_REDIRECT, "openid", TestHttp.randomState(), null)));
        assertThat(r.statusCode()).isEqualTo(302);
        URI login = TestHttp.location(r);
        assertThat(login.toString()).startsWith(sandbox.baseUri() + "/login?login_challenge=");
        assertThat(sandbox.headlessApprovalUser()).as("headless approval is off by default").isEmpty();
    }

    @Test
    void signInPageIsAHardenedFormWithTheChallengeAsCsrfToken() {
        URI login = TestHttp.location(http.get(URI.create(http.authorizeUrl(WEB, WEB_REDIRECT, "openid", TestHttp.randomState(), null))));
        HttpResponse<String> page = http.get(login);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").contains("frame-ancestors 'none'").contains("form-action 'self'")
                .doesNotContain("script-src");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<form method=\"post\" action=\"/login\">")
                .contains("<input id=\"email\" name=\"email\" type=\"email\"")
                .contains("<input id=\"password\" name=\"password\" type=\"password\"")
                .contains("<button id=\"sign-in\"")
                .contains("neon-oauth-java sample web app");
        assertThat(TestHttp.hiddenInput(page.body(), "login_challenge")).isEqualTo(TestHttp.query(login).get("login_challenge"));
    }

    @Test
    void signInWhenWrongPasswordThenStaysOnTheFormAndAForgedChallengeIsRefused() {
        URI login = TestHttp.location(http.get(URI.create(http.authorizeUrl(WEB, WEB_REDIRECT, "openid", TestHttp.randomState(), null))));
        String challenge = TestHttp.query(login).get("login_challenge");
        HttpResponse<String> wrong = http.postForm("/login", Map.of("login_challenge", challenge,
                "email", SandboxUser.DEFAULT_EMAIL, "password", "not-the-password"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Wrong email or password.");
        HttpResponse<String> forged = http.postForm("/login", Map.of("login_challenge", "forged-challenge",
                "email", SandboxUser.DEFAULT_EMAIL, "password", SandboxUser.DEFAULT_PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> right = http.postForm("/login", Map.of("login_challenge", challenge,
                "email", SandboxUser.DEFAULT_EMAIL, "password", SandboxUser.DEFAULT_PASSWORD));
        assertThat(right.statusCode()).isEqualTo(302);
        HttpResponse<String> replay = http.postForm("/login", Map.of("login_challenge", challenge,
                "email", SandboxUser.DEFAULT_EMAIL, "password", SandboxUser.DEFAULT_PASSWORD));
        assertThat(replay.statusCode()).as("a login challenge is single-use").isEqualTo(400);
    }

    @Test
    void consentPageNamesTheAppShowsItsLogoAndListsScopesInWords() {
        URI login = TestHttp.location(http.get(URI.create(http.authorizeUrl(WEB, WEB_REDIRECT, TestHttp.ALL_SCOPES,
                TestHttp.randomState(), null))));
        HttpResponse<String> loggedIn = http.postForm("/login", Map.of("login_challenge",
                TestHttp.query(login).get("login_challenge"), "email", SandboxUser.DEFAULT_EMAIL, "password",
                SandboxUser.DEFAULT_PASSWORD));
        HttpResponse<String> consent = http.get(TestHttp.location(loggedIn));
        assertThat(consent.body()).contains("<span id=\"app-name\">neon-oauth-java sample web app</span> wants to access your Neon account")
                .contains("<img id=\"app-logo\" src=\"/sandbox/assets/neon-oauth-web.svg\"");
        assertThat(TestHttp.listItems(consent.body())).containsExactly("OpenID", "Offline access", "Create Projects",
                "Read Projects", "Modify Projects", "Delete Projects", "Manage Projects", "Create Organizations",
                "Read Organizations", "Update Organizations", "Delete Organizations", "Manage Organization Permissions");
        assertThat(consent.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("form-action 'self' http://localhost:3000");
        HttpResponse<String> logo = http.get("/sandbox/assets/neon-oauth-web.svg");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).get().asString().startsWith("image/svg+xml");
        assertThat(logo.body()).contains("<svg");
    }

    @Test
    void denyRedirectsWithAccessDeniedAndTheState() {
        String state = TestHttp.randomState();
        URI callback = http.signInAndDecide(http.authorizeUrl(WEB, WEB_REDIRECT, "openid", state, null),
                SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, false);
        assertThat(callback.toString()).startsWith(WEB_REDIRECT + "?");
        Map<String, String> q = TestHttp.query(callback);
        assertThat(q).containsOnlyKeys("error", "error_description", "state");
        assertThat(q.get("error")).isEqualTo("access_denied");
        assertThat(q.get("error_description")).startsWith("The resource owner or authorization server denied the request.");
        assertThat(q.get("state")).isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/api/oauth/callback",      // not registered at all
            "http://localhost:3001/api/oauth/callback",     // localhost is not an IP literal: no port leeway
            "http://localhost:3000/api/oauth/callback/x",   // path mismatch
            "http://127.0.0.1:3000/api/oauth/other",        // loopback literal, but path mismatch
            "http://localhost:3000/api/oauth/callback?x=1"  // query mismatch
    })
    void invalidRedirectUriShowsAnErrorPageAndNeverRedirects(String redirect) {
        HttpResponse<String> r = http.get(URI.create(http.authorizeUrl(WEB, redirect, "openid", TestHttp.randomState(), null)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(r.body()).contains("invalid_request")
                .contains("The &#39;redirect_uri&#39; parameter does not match any of the OAuth 2.0 Client&#39;s pre-registered redirect urls.");
    }

    @Test
    void unknownClientShowsAnErrorPage() {
        HttpResponse<String> r = http.get(URI.create(http.authorizeUrl("nobody", WEB_REDIRECT, "openid", TestHttp.randomState(), null)));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("invalid_client").contains("The requested OAuth 2.0 Client does not exist.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:53124/callback", "http://127.0.0.1:8/callback", "http://[::1]:61000/callback"})
    void loopbackIpLiteralsMayUseAnyPort(String redirect) {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        Map<String, String> cb = http.authorizeApproved(CLI, redirect, "openid offline", pkce, TestHttp.randomState());
        TestHttp.Tokens tokens = TestHttp.Tokens.of(http.exchange(CLI, null, cb.get("code"), redirect, pkce.verifier()));
        assertThat(tokens.accessToken()).startsWith("ory_at_");
    }

    @Test
    void callbackGoesToTheRequestedLoopbackPort() {
        String redirect = "http://127.0.0.1:40123/callback";
        URI callback = http.signInAndDecide(http.authorizeUrl(CLI, redirect, "openid", TestHttp.randomState(),
                TestHttp.Pkce.create().challenge()), SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        assertThat(callback.getPort()).isEqualTo(40123);
        assertThat(callback.getPath()).isEqualTo("/callback");
    }

    @Test
    void unknownOrUnallowedScopeRedirectsWithInvalidScope() {
        String state = TestHttp.randomState();
        HttpResponse<String> r = http.get(URI.create(http.authorizeUrl(WEB, WEB_REDIRECT, "openid urn:neoncloud:projects:admin",
                state, null)));
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> q = TestHttp.query(TestHttp.location(r));
        assertThat(q.get("error")).isEqualTo("invalid_scope");
        assertThat(q.get("error_description")).isEqualTo("The requested scope is invalid, unknown, or malformed. "
                + "The OAuth 2.0 Client is not allowed to request scope 'urn:neoncloud:projects:admin'.");
        assertThat(q.get("state")).isEqualTo(state);
    }

    @Test
    void shortStateAndWrongResponseTypeRedirectWithFositeErrors() {
        Map<String, String> shortState = TestHttp.query(TestHttp.location(http.get(URI.create(
                http.authorizeUrl(WEB, WEB_REDIRECT, "openid", "abc", null)))));
        assertThat(shortState.get("error")).isEqualTo("invalid_state");
        String url = http.authorizeUrl(WEB, WEB_REDIRECT, "openid", TestHttp.randomState(), null).replace("response_type=code", "response_type=token");
        Map<String, String> token = TestHttp.query(TestHttp.location(http.get(URI.create(url))));
        assertThat(token.get("error")).isEqualTo("unsupported_response_type");
    }

    @Test
    void plainPkceIsRefusedAfterConsentAsHydraDoes() {
        String url = http.authorizeUrl(CLI, "http://127.0.0.1:5000/callback", "openid", TestHttp.randomState(), "x".repeat(43))
                .replace("code_challenge_method=S256", "code_challenge_method=plain");
        Map<String, String> q = TestHttp.query(http.signInAndDecide(url, SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true));
        assertThat(q).doesNotContainKey("code");
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("error_description")).endsWith("Clients must use code_challenge_method=S256, plain is not allowed.");
        String noMethod = http.authorizeUrl(CLI, "http://127.0.0.1:5000/callback", "openid", TestHttp.randomState(), "y".repeat(43))
                .replace("&code_challenge_method=S256", "");
        assertThat(TestHttp.query(http.signInAndDecide(noMethod, SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true)))
                .as("a missing method means plain").containsEntry("error", "invalid_request");
    }

    @Test
    void headlessApprovalWhenEnabledRedirectsAtOnceWithACodeForThatUser() {
        try (NeonSandbox headless = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            TestHttp h = new TestHttp(headless);
            TestHttp.Pkce pkce = TestHttp.Pkce.create();
            String state = TestHttp.randomState();
            HttpResponse<String> r = h.get(URI.create(h.authorizeUrl(CLI, "http://127.0.0.1:7777/callback",
                    "openid offline_access urn:neoncloud:projects:read", state, pkce.challenge())));
            assertThat(r.statusCode()).isEqualTo(302);
            URI callback = TestHttp.location(r);
            assertThat(callback.toString()).startsWith("http://127.0.0.1:7777/callback?");
            Map<String, String> q = TestHttp.query(callback);
            assertThat(q.get("scope")).isEqualTo("openid offline_access urn:neoncloud:projects:read");
            assertThat(q.get("state")).isEqualTo(state);
            TestHttp.Tokens t = TestHttp.Tokens.of(h.exchange(CLI, null, q.get("code"), "http://127.0.0.1:7777/callback", pkce.verifier()));
            HttpResponse<String> me = h.api("GET", "/users/me", t.accessToken(), null);
            assertThat(TestHttp.parse(me.body()).path("email").asText()).isEqualTo(SandboxUser.DEFAULT_EMAIL);
            // Still validates: a bad redirect URI never redirects, even headless.
            HttpResponse<String> bad = h.get(URI.create(h.authorizeUrl(CLI, "http://localhost:7777/callback", "openid",
                    TestHttp.randomState(), pkce.challenge())));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void headlessApprovalForAnUnknownUserFailsFast() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NeonSandbox.builder().headlessApproval("nobody@example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody@example.com");
    }

    @Test
    void fragmentResponseModePutsTheCodeInTheFragment() {
        String url = http.authorizeUrl(WEB, WEB_REDIRECT, "openid", TestHttp.randomState(), null) + "&response_mode=fragment";
        URI callback = http.signInAndDecide(url, SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        assertThat(callback.getRawQuery()).isNull();
        assertThat(TestHttp.query(callback)).containsKeys("code", "scope", "state");
        assertThat(List.of(callback.getRawFragment().split("&"))).hasSize(3);
    }
}
