package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Follows Neon's OAuth integration page (https://neon.tech/docs/guides/oauth-integration) step by step
 * with plain HTTP, changing only the OAuth host and the API host.
 */
class SeedDocFlowTest {

    private static final String REDIRECT = "http://localhost:3000/api/oauth/callback";
    private static final String DOC_SCOPES = "urn:neoncloud:projects:create urn:neoncloud:projects:read "
            + "urn:neoncloud:projects:update urn:neoncloud:projects:delete";

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

    /** Step 1: the authorization URL with the doc's parameters, in the doc's order (grant_type included, as in its example). */
    private static String docAuthorizationUrl(String scope, String state, String codeChallenge) {
        StringBuilder url = new StringBuilder(sandbox.issuer() + "oauth2/auth");
        url.append("?client_id=").append(enc(SandboxClient.DEFAULT_WEB_CLIENT_ID));
        url.append("&scope=").append(enc(scope));
        url.append("&response_type=code");
        url.append("&redirect_uri=").append(enc(REDIRECT));
        url.append("&grant_type=authorization_code");
        url.append("&state=").append(enc(state));
        if (codeChallenge != null) {
            url.append("&code_challenge=").append(enc(codeChallenge)).append("&code_challenge_method=S256");
        }
        return url.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void docFlowWithClientSecretInTheFormThenBearerCallToProjects() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        String state = TestHttp.randomState();

        // Steps 1 and 2: consent screen, then the callback with code, scope and state.
        URI callback = http.signInAndDecide(docAuthorizationUrl(DOC_SCOPES, state, pkce.challenge()),
                SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        assertThat(callback.toString()).startsWith(REDIRECT + "?");
        Map<String, String> params = TestHttp.query(callback);
        assertThat(params).containsOnlyKeys("code", "scope", "state");
        assertThat(params.get("state")).isEqualTo(state);
        assertThat(params.get("scope")).isEqualTo(DOC_SCOPES);
        assertThat(params.get("code")).startsWith("ory_ac_");

        // Step 3: POST to /oauth2/token with client_id, redirect_uri, client_secret, grant_type, code
        // (plus code_verifier: Hydra insists on it once a code_challenge was sent, see the next test).
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", SandboxClient.DEFAULT_WEB_CLIENT_ID);
        form.put("redirect_uri", REDIRECT);
        form.put("client_secret", SandboxClient.DEFAULT_WEB_CLIENT_SECRET);
        form.put("grant_type", "authorization_code");
        form.put("code", params.get("code"));
        form.put("code_verifier", pkce.verifier());
        HttpResponse<String> token = http.postForm(sandbox.issuer() + "oauth2/token", form);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode t = TestHttp.parse(token.body());
        assertThat(t.path("access_token").asText()).startsWith("ory_at_");
        assertThat(t.path("token_type").asText()).isEqualTo("bearer");
        assertThat(t.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(t.path("scope").asText()).isEqualTo(DOC_SCOPES);
        assertThat(t.has("refresh_token")).as("no offline scope, so no refresh token").isFalse();
        assertThat(t.has("id_token")).as("no openid scope, so no id_token").isFalse();

        // Then: call the API with the access token in the Authorization header.
        HttpResponse<String> projects = http.get(URI.create(sandbox.apiBaseUri() + "/projects"),
                "Authorization", "Bearer " + t.path("access_token").asText());
        assertThat(projects.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.parse(projects.body());
        assertThat(body.path("projects")).hasSize(3);
        assertThat(body.path("projects").findValuesAsText("name")).contains("sandbox-app", "analytics", "playground");
    }

    @Test
    void docTokenStepWithoutCodeVerifierIsRefusedLikeHydraWhenAChallengeWasSent() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        URI callback = http.signInAndDecide(docAuthorizationUrl(DOC_SCOPES, TestHttp.randomState(), pkce.challenge()),
                SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        HttpResponse<String> token = http.exchange(SandboxClient.DEFAULT_WEB_CLIENT_ID,
                SandboxClient.DEFAULT_WEB_CLIENT_SECRET, TestHttp.query(callback).get("code"), REDIRECT, null);
        assertThat(token.statusCode()).isEqualTo(400);
        JsonNode e = TestHttp.parse(token.body());
        assertThat(e.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(e.path("error_description").asText()).endsWith("The PKCE code verifier must be at least 43 characters.");
    }

    @Test
    void docFlowWithoutPkceWorksForAConfidentialClientAsNeonDoesNotEnforcePkce() {
        URI callback = http.signInAndDecide(docAuthorizationUrl(DOC_SCOPES + " offline", TestHttp.randomState(), null),
                SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        TestHttp.Tokens tokens = TestHttp.Tokens.of(http.exchange(SandboxClient.DEFAULT_WEB_CLIENT_ID,
                SandboxClient.DEFAULT_WEB_CLIENT_SECRET, TestHttp.query(callback).get("code"), REDIRECT, null));
        assertThat(tokens.refreshToken()).startsWith("ory_rt_");
        assertThat(http.api("GET", "/users/me", tokens.accessToken(), null).statusCode()).isEqualTo(200);
    }
}
