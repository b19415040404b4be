package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Neon's own CLI signs in to the sandbox out of the box: the bundled {@code neonctl} client, as neonctl 5 uses it
 * ({@code auth.js}): public, PKCE S256, its twelve scopes, and {@code http://127.0.0.1:<port>/callback} on whatever
 * port its callback server got.
 */
class NeonctlClientTest {
    /** neonctl's NEONCTL_SCOPES, in its order. */
    static final String NEONCTL_SCOPES = "openid offline offline_access urn:neoncloud:projects:create "
            + "urn:neoncloud:projects:read urn:neoncloud:projects:update urn:neoncloud:projects:delete "
            + "urn:neoncloud:orgs:create urn:neoncloud:orgs:read urn:neoncloud:orgs:update urn:neoncloud:orgs:delete "
            + "urn:neoncloud:orgs:permission";

    NeonSandbox sandbox;
    TestHttp http;
    HttpServer callbackServer;
    final BlockingQueue<String> callbacks = new ArrayBlockingQueue<>(1);

    @BeforeEach
    void start() throws Exception {
        sandbox = NeonSandbox.builder().start();
        http = new TestHttp(sandbox);
        // neonctl's callback server: an ephemeral port on 127.0.0.1, path /callback
        callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbackServer.createContext("/callback", exchange -> {
            callbacks.add(exchange.getRequestURI().getRawQuery());
            byte[] page = "signed in".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        callbackServer.start();
    }

    @AfterEach
    void stop() {
        callbackServer.stop(0);
        sandbox.close();
    }

    String redirectUri() {
        return "http://127.0.0.1:" + callbackServer.getAddress().getPort() + "/callback";
    }

    @Test
    void neonctlSignsInThroughTheAuthorizationEndpointOnAnyLoopbackPortAndGetsTokens() throws Exception {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        String state = TestHttp.randomState();

        URI callback = http.signInAndDecide(http.authorizeUrl(SandboxClient.NEONCTL_CLIENT_ID, redirectUri(), NEONCTL_SCOPES,
                state, pkce.challenge()), SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        assertThat(callback.getPort()).isEqualTo(callbackServer.getAddress().getPort());
        assertThat(http.get(callback).statusCode()).isEqualTo(200);
        String query = callbacks.poll(5, TimeUnit.SECONDS);
        assertThat(query).as("the callback reached neonctl's loopback server").isNotNull();
        Map<String, String> params = TestHttp.query(URI.create("http://x/?" + query));
        assertThat(params.get("state")).isEqualTo(state);
        assertThat(params.get("scope")).isEqualTo(NEONCTL_SCOPES);

        TestHttp.Tokens tokens = TestHttp.Tokens.of(http.exchange(SandboxClient.NEONCTL_CLIENT_ID, null, params.get("code"),
                redirectUri(), pkce.verifier()));

        assertThat(tokens.accessToken()).startsWith("ory_at_");
        assertThat(tokens.refreshToken()).startsWith("ory_rt_");
        assertThat(tokens.idToken()).isNotBlank();
        assertThat(List.of(tokens.scope().split(" "))).containsExactlyElementsOf(List.of(NEONCTL_SCOPES.split(" ")));
        JsonNode me = TestHttp.parse(http.api("GET", "/users/me", tokens.accessToken(), null).body());
        assertThat(me.path("email").asText()).isEqualTo(SandboxUser.DEFAULT_EMAIL);
        assertThat(http.api("GET", "/projects", tokens.accessToken(), null).statusCode()).isEqualTo(200);
        TestHttp.Tokens refreshed = TestHttp.Tokens.of(http.refresh(SandboxClient.NEONCTL_CLIENT_ID, null, tokens.refreshToken()));
        assertThat(refreshed.refreshToken()).isNotEqualTo(tokens.refreshToken());
    }

    @Test
    void headlessApprovalCompletesNeonctlsBrowserStepWithOneRequest() throws Exception {
        try (NeonSandbox headless = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start()) {
            TestHttp h = new TestHttp(headless);
            TestHttp.Pkce pkce = TestHttp.Pkce.create();

            HttpResponse<String> authorize = h.get(h.authorizeUrl(SandboxClient.NEONCTL_CLIENT_ID, redirectUri(),
                    NEONCTL_SCOPES, TestHttp.randomState(), pkce.challenge()));

            assertThat(authorize.statusCode()).isEqualTo(302);
            URI callback = TestHttp.location(authorize);
            assertThat(callback.toString()).startsWith(redirectUri() + "?");
            String code = TestHttp.query(callback).get("code");
            TestHttp.Tokens tokens = TestHttp.Tokens.of(h.exchange(SandboxClient.NEONCTL_CLIENT_ID, null, code, redirectUri(),
                    pkce.verifier()));
            assertThat(tokens.refreshToken()).isNotBlank();
        }
    }

    @Test
    void onlyTheLoopbackCallbackPathIsAccepted() {
        for (String redirect : List.of("http://localhost:8080/callback", "http://127.0.0.1:8080/other",
                "https://127.0.0.1:8080/callback", "http://127.0.0.1:8080/callback?x=1")) {
            HttpResponse<String> r = http.get(http.authorizeUrl(SandboxClient.NEONCTL_CLIENT_ID, redirect, NEONCTL_SCOPES,
                    TestHttp.randomState(), TestHttp.Pkce.create().challenge()));
            assertThat(r.statusCode()).as(redirect).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).as(redirect).isEmpty();
            assertThat(r.body()).contains("invalid_request");
        }
    }

    @Test
    void neonctlIsAPublicClientWithoutASecret() {
        HttpResponse<String> r = http.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", SandboxClient.NEONCTL_CLIENT_ID, "client_secret", "guess", "refresh_token", "ory_rt_x"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(TestHttp.parse(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }
}
