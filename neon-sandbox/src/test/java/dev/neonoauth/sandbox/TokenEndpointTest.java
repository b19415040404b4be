package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /userinfo}, {@code /.well-known/jwks.json}: fosite's semantics. */
class TokenEndpointTest {

    private static final String WEB = SandboxClient.DEFAULT_WEB_CLIENT_ID;
    private static final String SECRET = SandboxClient.DEFAULT_WEB_CLIENT_SECRET;
    private static final String CLI = SandboxClient.DEFAULT_CLI_CLIENT_ID;
    private static final String WEB_REDIRECT = "http://localhost:3000/api/oauth/callback";
    private static final String CLI_REDIRECT = "http://127.0.0.1:49152/callback";
    private static final String INVALID_GRANT = "The provided authorization grant (e.g., authorization code, resource "
            + "owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used "
            + "in the authorization request, or was issued to another client.";
    private static final String TOKEN_INACTIVE = "Token is inactive because it is malformed, expired or otherwise invalid. "
            + "Token validation failed.";

    MutableClock clock;
    NeonSandbox sandbox;
    TestHttp http;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        sandbox = NeonSandbox.builder().clock(clock).refreshRaceWindow(Duration.ofMillis(300)).start();
        http = new TestHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static JsonNode error(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as("body %s", r.body()).isEqualTo(status);
        JsonNode e = TestHttp.parse(r.body());
        assertThat(e.path("error").asText()).isEqualTo(error);
        assertThat(e.size()).as("non-legacy fosite format has exactly error and error_description").isEqualTo(2);
        return e;
    }

    /** fosite before 0.49 (the default): a refresh token that is not active any more is ErrInactiveToken, 401. */
    private static JsonNode inactive(HttpResponse<String> r) {
        JsonNode e = error(r, 401, "token_inactive");
        assertThat(e.path("error_description").asText()).isEqualTo(TOKEN_INACTIVE);
        return e;
    }

    private int apiStatus(String accessToken) {
        return http.api("GET", "/users/me", accessToken, null).statusCode();
    }

    @Test
    void wrongVerifierIsRefusedAndTheCodeIsThenUnusable() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        Map<String, String> cb = http.authorizeApproved(CLI, CLI_REDIRECT, "openid", pkce, TestHttp.randomState());
        JsonNode e = error(http.exchange(CLI, null, cb.get("code"), CLI_REDIRECT, TestHttp.Pkce.create().verifier()), 400, "invalid_grant");
        assertThat(e.path("error_description").asText()).isEqualTo(INVALID_GRANT + " The PKCE code challenge did not match the code verifier.");
        JsonNode again = error(http.exchange(CLI, null, cb.get("code"), CLI_REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(again.path("error_description").asText()).endsWith("Unable to find initial PKCE data tied to this request");
    }

    @Test
    void codeReplayIsInvalidGrantAndRevokesTheTokensFirstIssued() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        Map<String, String> cb = http.authorizeApproved(WEB, WEB_REDIRECT, "openid offline", pkce, TestHttp.randomState());
        TestHttp.Tokens first = TestHttp.Tokens.of(http.exchange(WEB, SECRET, cb.get("code"), WEB_REDIRECT, pkce.verifier()));
        assertThat(apiStatus(first.accessToken())).isEqualTo(200);
        JsonNode e = error(http.exchange(WEB, SECRET, cb.get("code"), WEB_REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(e.path("error_description").asText()).isEqualTo(INVALID_GRANT + " The authorization code has already been used.");
        assertThat(apiStatus(first.accessToken())).isEqualTo(401);
        inactive(http.refresh(WEB, SECRET, first.refreshToken()));
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        Map<String, String> cb = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        JsonNode e = error(http.exchange(WEB, SECRET, cb.get("code"), WEB_REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(e.path("error_description").asText()).endsWith("The authorization code has expired.");
    }

    @Test
    void codeIsBoundToItsClientAndRedirectUri() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        Map<String, String> cb = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        JsonNode e = error(http.exchange(WEB, SECRET, cb.get("code"), "http://127.0.0.1:3000/api/oauth/callback", pkce.verifier()),
                400, "invalid_grant");
        assertThat(e.path("error_description").asText()).endsWith("The 'redirect_uri' from this request does not match the one from the authorize request.");
        Map<String, String> cb2 = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        JsonNode other = error(http.exchange(CLI, null, cb2.get("code"), WEB_REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(other.path("error_description").asText()).contains("does not match the one from the authorize request");
        error(http.exchange(WEB, SECRET, "ory_ac_unknown.code", WEB_REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    void clientAuthenticationByPostBasicAndNoneAndWrongSecret() {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        // client_secret_basic
        Map<String, String> cb = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        String basic = "Basic " + Base64.getEncoder().encodeToString((WEB + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", cb.get("code"));
        form.put("redirect_uri", WEB_REDIRECT);
        form.put("code_verifier", pkce.verifier());
        assertThat(TestHttp.Tokens.of(http.postForm("/oauth2/token", form, "Authorization", basic)).accessToken()).startsWith("ory_at_");
        // client_secret_post
        Map<String, String> cb2 = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        assertThat(TestHttp.Tokens.of(http.exchange(WEB, SECRET, cb2.get("code"), WEB_REDIRECT, pkce.verifier())).accessToken()).isNotNull();
        // none (public client)
        Map<String, String> cb3 = http.authorizeApproved(CLI, CLI_REDIRECT, "openid", pkce, TestHttp.randomState());
        assertThat(TestHttp.Tokens.of(http.exchange(CLI, null, cb3.get("code"), CLI_REDIRECT, pkce.verifier())).accessToken()).isNotNull();
        // wrong secret: post and basic
        Map<String, String> cb4 = http.authorizeApproved(WEB, WEB_REDIRECT, "openid", pkce, TestHttp.randomState());
        JsonNode wrong = error(http.exchange(WEB, "wrong-secret", cb4.get("code"), WEB_REDIRECT, pkce.verifier()), 401, "invalid_client");
        assertThat(wrong.path("error_description").asText()).isEqualTo("Client authentication failed (e.g., unknown client, "
                + "no client authentication included, or unsupported authentication method).");
        String badBasic = "Basic " + Base64.getEncoder().encodeToString((WEB + ":nope").getBytes(StandardCharsets.UTF_8));
        error(http.postForm("/oauth2/token", form, "Authorization", badBasic), 401, "invalid_client");
        // confidential client without a secret, public client with one, unknown client
        error(http.exchange(WEB, null, cb4.get("code"), WEB_REDIRECT, pkce.verifier()), 401, "invalid_client");
        error(http.exchange(CLI, "a-secret", cb4.get("code"), CLI_REDIRECT, pkce.verifier()), 401, "invalid_client");
        error(http.exchange("nobody", "x", cb4.get("code"), CLI_REDIRECT, pkce.verifier()), 401, "invalid_client");
        // the refused attempts did not consume the code
        assertThat(TestHttp.Tokens.of(http.exchange(WEB, SECRET, cb4.get("code"), WEB_REDIRECT, pkce.verifier())).accessToken()).isNotNull();
    }

    @Test
    void malformedTokenRequestsGetFositeErrors() {
        error(http.get("/oauth2/token"), 400, "invalid_request");
        error(http.postForm("/oauth2/token", Map.of("client_id", CLI)), 400, "invalid_request");
        error(http.postForm("/oauth2/token", Map.of("grant_type", "password", "client_id", CLI)), 400, "unsupported_grant_type");
    }

    @Test
    void refreshTokenOnlyWithOfflineOrOfflineAccess() {
        assertThat(http.webTokens("openid urn:neoncloud:projects:read").refreshToken()).isNull();
        assertThat(http.webTokens("openid offline").refreshToken()).startsWith("ory_rt_");
        assertThat(http.webTokens("offline_access").refreshToken()).startsWith("ory_rt_");
    }

    @Test
    void everyRefreshRotatesAndRevokesThePreviousAccessToken() {
        TestHttp.Tokens t1 = http.webTokens();
        TestHttp.Tokens t2 = TestHttp.Tokens.of(http.refresh(WEB, SECRET, t1.refreshToken()));
        assertThat(t2.refreshToken()).startsWith("ory_rt_").isNotEqualTo(t1.refreshToken());
        assertThat(t2.accessToken()).isNotEqualTo(t1.accessToken());
        assertThat(t2.scope()).isEqualTo(t1.scope());
        assertThat(t2.idToken()).isNotNull();
        assertThat(apiStatus(t2.accessToken())).isEqualTo(200);
        assertThat(apiStatus(t1.accessToken())).isEqualTo(401);
        TestHttp.Tokens t3 = TestHttp.Tokens.of(http.refresh(WEB, SECRET, t2.refreshToken()));
        assertThat(apiStatus(t3.accessToken())).isEqualTo(200);
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(2);
        assertThat(sandbox.metrics().tokenRequests("authorization_code")).isEqualTo(1);
    }

    @Test
    void reusedRefreshTokenRevokesTheWholeGrantAndIsTokenInactiveByDefault() {
        TestHttp.Tokens t1 = http.webTokens();
        TestHttp.Tokens t2 = TestHttp.Tokens.of(http.refresh(WEB, SECRET, t1.refreshToken()));
        HttpResponse<String> reuse = http.refresh(WEB, SECRET, t1.refreshToken());
        inactive(reuse);
        assertThat(reuse.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(apiStatus(t2.accessToken())).isEqualTo(401);
        inactive(http.refresh(WEB, SECRET, t2.refreshToken()));
        assertThat(sandbox.describe()).containsEntry("refreshReuseError", "token_inactive");
    }

    @Test
    void reusedRefreshTokenIsInvalidGrantAlreadyUsedAsFosite049AnswersWhenAskedFor() {
        try (NeonSandbox s = NeonSandbox.builder().refreshReuseError(RefreshReuseError.INVALID_GRANT).start()) {
            TestHttp h = new TestHttp(s);
            TestHttp.Tokens t1 = h.webTokens();
            TestHttp.Tokens t2 = TestHttp.Tokens.of(h.refresh(WEB, SECRET, t1.refreshToken()));
            JsonNode e = error(h.refresh(WEB, SECRET, t1.refreshToken()), 400, "invalid_grant");
            assertThat(e.path("error_description").asText()).isEqualTo(INVALID_GRANT + " The refresh token was already used.");
            assertThat(h.api("GET", "/users/me", t2.accessToken(), null).statusCode()).isEqualTo(401);
            JsonNode dead = error(h.refresh(WEB, SECRET, t2.refreshToken()), 400, "invalid_grant");
            assertThat(dead.path("error_description").asText()).endsWith("The refresh token was already used.");
        }
    }

    @Test
    void refreshOfUnknownExpiredOrForeignTokens() {
        JsonNode unknown = error(http.refresh(WEB, SECRET, "ory_rt_unknown.token"), 400, "invalid_grant");
        assertThat(unknown.path("error_description").asText()).endsWith("The refresh token is malformed or not valid.");
        TestHttp.Tokens t = http.webTokens();
        JsonNode foreign = error(http.refresh(CLI, null, t.refreshToken()), 400, "invalid_grant");
        assertThat(foreign.path("error_description").asText()).endsWith("does not match the ID during the initial token issuance.");
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        JsonNode expired = error(http.refresh(WEB, SECRET, t.refreshToken()), 400, "invalid_grant");
        assertThat(expired.path("error_description").asText()).endsWith("The refresh token expired.");
    }

    @Test
    void twoConcurrentRefreshesOfOneTokenGiveOneSuccessAndOneConcurrencyError() throws Exception {
        TestHttp.Tokens t = http.webTokens();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<HttpResponse<String>> call = () -> {
                go.await();
                return http.refresh(WEB, SECRET, t.refreshToken());
            };
            List<Future<HttpResponse<String>>> futures = new ArrayList<>(List.of(pool.submit(call), pool.submit(call)));
            go.countDown();
            List<HttpResponse<String>> results = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                results.add(f.get());
            }
            assertThat(results).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 400);
            HttpResponse<String> ok = results.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            HttpResponse<String> failed = results.stream().filter(r -> r.statusCode() == 400).findFirst().orElseThrow();
            JsonNode e = error(failed, 400, "invalid_request");
            assertThat(e.path("error_description").asText()).endsWith("Failed to refresh token because of multiple "
                    + "concurrent requests using the same token. Please retry the request.");
            assertThat(apiStatus(TestHttp.Tokens.of(ok).accessToken())).as("the winner's grant survives").isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokingEitherTokenRevokesBothAndUnknownTokensGet200() {
        TestHttp.Tokens a = http.webTokens();
        HttpResponse<String> r = http.postForm("/oauth2/revoke", Map.of("token", a.accessToken(), "client_id", WEB,
                "client_secret", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(apiStatus(a.accessToken())).isEqualTo(401);
        inactive(http.refresh(WEB, SECRET, a.refreshToken()));

        TestHttp.Tokens b = http.webTokens();
        assertThat(http.postForm("/oauth2/revoke", Map.of("token", b.refreshToken(), "token_type_hint", "refresh_token",
                "client_id", WEB, "client_secret", SECRET)).statusCode()).isEqualTo(200);
        assertThat(apiStatus(b.accessToken())).isEqualTo(401);

        assertThat(http.postForm("/oauth2/revoke", Map.of("token", "ory_at_never.issued", "client_id", WEB,
                "client_secret", SECRET)).statusCode()).isEqualTo(200);
        assertThat(http.postForm("/oauth2/revoke", Map.of("token", b.refreshToken(), "client_id", WEB,
                "client_secret", SECRET)).statusCode()).as("already revoked").isEqualTo(200);

        TestHttp.Tokens c = http.webTokens();
        error(http.postForm("/oauth2/revoke", Map.of("token", c.accessToken(), "client_id", CLI)), 400, "unauthorized_client");
        assertThat(apiStatus(c.accessToken())).isEqualTo(200);
        error(http.postForm("/oauth2/revoke", Map.of("token", c.accessToken(), "client_id", WEB, "client_secret", "bad")),
                401, "invalid_client");
    }

    @Test
    void userinfoReturnsTheSubjectForAValidToken() {
        TestHttp.Tokens t = http.webTokens();
        HttpResponse<String> ok = http.get("/userinfo", "Authorization", "Bearer " + t.accessToken());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(TestHttp.parse(ok.body()).path("sub").asText()).isEqualTo(SandboxUser.DEFAULT_ID);
        HttpResponse<String> bad = http.get("/userinfo", "Authorization", "Bearer ory_at_bad.token");
        error(bad, 401, "request_unauthorized");
        assertThat(bad.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer error=\"request_unauthorized\"");
    }

    @Test
    void idTokenIsAnRs256JwtThatVerifiesWithTheJwk() throws Exception {
        TestHttp.Pkce pkce = TestHttp.Pkce.create();
        String url = http.authorizeUrl(WEB, WEB_REDIRECT, "openid offline", TestHttp.randomState(), pkce.challenge()) + "&nonce=n-0S6_WzA2Mj";
        Map<String, String> cb = TestHttp.query(http.signInAndDecide(url, SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true));
        TestHttp.Tokens t = TestHttp.Tokens.of(http.exchange(WEB, SECRET, cb.get("code"), WEB_REDIRECT, pkce.verifier()));
        String[] parts = t.idToken().split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder dec = Base64.getUrlDecoder();
        JsonNode header = TestHttp.parse(new String(dec.decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = TestHttp.parse(new String(dec.decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");

        JsonNode jwks = TestHttp.parse(http.get("/.well-known/jwks.json").body());
        JsonNode jwk = jwks.path("keys").get(0);
        assertThat(jwk.path("kid").asText()).isEqualTo(header.path("kid").asText());
        assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, dec.decode(jwk.path("n").asText())), new BigInteger(1, dec.decode(jwk.path("e").asText()))));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(dec.decode(parts[2]))).isTrue();

        assertThat(claims.path("iss").asText()).isEqualTo(sandbox.issuer().toString()).endsWith("/");
        assertThat(claims.path("sub").asText()).isEqualTo(SandboxUser.DEFAULT_ID);
        assertThat(claims.path("aud").get(0).asText()).isEqualTo(WEB);
        assertThat(claims.path("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
        long iat = claims.path("iat").asLong();
        assertThat(iat).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(iat + 3600);
    }

    @Test
    void lifetimesAreConfigurableAndExpiredAccessTokensGet401() {
        MutableClock c = MutableClock.startingNow();
        try (NeonSandbox s = NeonSandbox.builder().clock(c).accessTokenLifetime(Duration.ofMinutes(5))
                .refreshTokenLifetime(Duration.ofHours(2)).start()) {
            TestHttp h = new TestHttp(s);
            TestHttp.Tokens t = h.webTokens();
            assertThat(t.expiresIn()).isEqualTo(300);
            assertThat(h.api("GET", "/projects", t.accessToken(), null).statusCode()).isEqualTo(200);
            c.advance(Duration.ofMinutes(5));
            HttpResponse<String> expired = h.api("GET", "/projects", t.accessToken(), null);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(TestHttp.parse(expired.body()).path("message").asText()).contains("expired");
            TestHttp.Tokens refreshed = TestHttp.Tokens.of(h.refresh(WEB, SECRET, t.refreshToken()));
            assertThat(h.api("GET", "/projects", refreshed.accessToken(), null).statusCode()).isEqualTo(200);
            c.advance(Duration.ofHours(2));
            error(h.refresh(WEB, SECRET, refreshed.refreshToken()), 400, "invalid_grant");
        }
    }

    @Test
    void expireAccessTokensAndRevokeAllHooks() {
        TestHttp.Tokens t = http.webTokens();
        sandbox.expireAccessTokens();
        assertThat(apiStatus(t.accessToken())).isEqualTo(401);
        TestHttp.Tokens refreshed = TestHttp.Tokens.of(http.refresh(WEB, SECRET, t.refreshToken()));
        assertThat(apiStatus(refreshed.accessToken())).isEqualTo(200);
        sandbox.revokeAll();
        assertThat(apiStatus(refreshed.accessToken())).isEqualTo(401);
        inactive(http.refresh(WEB, SECRET, refreshed.refreshToken()));
        assertThat(clock.instant()).isBefore(Instant.now().plusSeconds(60));
    }
}
