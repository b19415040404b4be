package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AuthorizationCode;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.MalformedTokenResponseException;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.testing.TestScopes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenEndpoint}: grants, client authentication, success parsing, error bodies, failures. The strict checks of a
 * success body are in {@link StrictTokenResponseTest}, the choice of client authentication in
 * {@link ClientAuthenticationTest}.
 */
class TokenEndpointTest extends MockAuthorizationServer {
    static final Scope PROJECTS_READ = Scope.of("urn:neoncloud:projects:read");
    static final URI REDIRECT = URI.create("http://127.0.0.1:53682/callback");
    static final String CODE = "ory_ac_authorization-code-value-1234";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String SECRET = "s3cr3t/with+special&chars";
    static final String REFRESH = "ory_rt_refresh-token-value-5678";
    /** Header {"alg":"RS256"}, payload {"sub":"neon-user-42","aud":"neonctl"}, a dummy signature. */
    static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"sub\":\"neon-user-42\",\"aud\":\"neonctl\"}".getBytes(StandardCharsets.UTF_8))
            + ".c2lnbmF0dXJl";

    static ClientRegistration client(ClientAuthenticationMethod method) {
        ClientRegistration.Builder builder = ClientRegistration.builder()
                .clientId(method == ClientAuthenticationMethod.NONE ? "neonctl" : "neon-experimental")
                .redirectUris(java.util.List.of(REDIRECT))
                .authenticationMethod(method);
        if (method != ClientAuthenticationMethod.NONE) {
            builder.clientSecret(new ClientSecret(SECRET));
        }
        return builder.build();
    }

    static CodeExchange exchange(ClientAuthenticationMethod method) {
        return new CodeExchange(client(method), new AuthorizationCode(CODE), REDIRECT, new CodeVerifier(VERIFIER));
    }

    static TokenRefresh refresh(ClientAuthenticationMethod method) {
        return new TokenRefresh(client(method), new RefreshToken(REFRESH));
    }

    TokenEndpoint endpoint() {
        return oauth().tokenEndpoint();
    }

    static String success(String extra) {
        return "{\"access_token\":\"ory_at_new-access\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                + "\"refresh_token\":\"ory_rt_new-refresh\",\"scope\":\"openid offline offline_access urn:neoncloud:projects:read\""
                + extra + "}";
    }

    static IssuedTokens issued(TokenResponse response) {
        assertThat(response).isInstanceOf(TokenResponse.Issued.class);
        return ((TokenResponse.Issued) response).tokens();
    }

    static TokenResponse.Refused refused(TokenResponse response) {
        assertThat(response).isInstanceOf(TokenResponse.Refused.class);
        return (TokenResponse.Refused) response;
    }

    @Nested
    class Grants {
        @Test
        void authorizationCodeWithClientSecretPost() throws Exception {
            server.enqueue(json(200, success(",\"id_token\":\"" + ID_TOKEN + "\"")));

            IssuedTokens tokens = issued(endpoint().exchange(exchange(ClientAuthenticationMethod.CLIENT_SECRET_POST)));

            RecordedRequest request = take();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getTarget()).isEqualTo("/oauth2/token");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
            assertThat(body(request)).isEqualTo("grant_type=authorization_code&code=" + CODE
                    + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&code_verifier=" + VERIFIER
                    + "&client_id=neon-experimental&client_secret=s3cr3t%2Fwith%2Bspecial%26chars");
            assertThat(tokens.accessToken().value()).isEqualTo("ory_at_new-access");
            assertThat(tokens.refreshToken()).map(RefreshToken::value).contains("ory_rt_new-refresh");
            assertThat(tokens.expiresIn()).contains(Duration.ofSeconds(3599));
            assertThat(tokens.scope()).contains(ScopeSet.of(Scope.OPENID, TestScopes.OFFLINE, Scope.OFFLINE_ACCESS, PROJECTS_READ));
            assertThat(tokens.subject()).contains("neon-user-42");
        }

        @Test
        void authorizationCodeWithClientSecretBasic() throws Exception {
            server.enqueue(json(200, success("")));

            issued(endpoint().exchange(exchange(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)));

            RecordedRequest request = take();
            String expected = Base64.getEncoder().encodeToString(
                    "neon-experimental:s3cr3t%2Fwith%2Bspecial%26chars".getBytes(StandardCharsets.UTF_8));
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
            assertThat(body(request)).isEqualTo("grant_type=authorization_code&code=" + CODE
                    + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&code_verifier=" + VERIFIER);
        }

        @Test
        void refreshAsAPublicClient() throws Exception {
            server.enqueue(json(200, success("")));

            IssuedTokens tokens = issued(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            RecordedRequest request = take();
            assertThat(body(request)).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH + "&client_id=neonctl");
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(tokens.subject()).isEmpty();
        }

        @Test
        void refreshWithClientSecretBasicSendsNoSecretInTheBody() throws Exception {
            server.enqueue(json(200, success("")));

            endpoint().refresh(refresh(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));

            RecordedRequest request = take();
            assertThat(body(request)).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH);
            assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
        }

        @Test
        void aTokenEndpointOverrideIsUsed() throws Exception {
            oauth(b -> b.tokenEndpoint(url("/custom/token")));
            server.enqueue(json(200, success("")));

            endpoint().refresh(refresh(ClientAuthenticationMethod.NONE));

            assertThat(take().getTarget()).isEqualTo("/custom/token");
        }
    }

    @Nested
    class Success {
        @Test
        void unknownFieldsAreIgnoredAndTheTokenTypeIsCaseInsensitive() {
            server.enqueue(json(200, "{\"access_token\":\"ory_at_x\",\"token_type\":\"BeArEr\",\"novel\":{\"a\":[1]},"
                    + "\"expires_in\":60}"));

            IssuedTokens tokens = issued(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(tokens.accessToken().value()).isEqualTo("ory_at_x");
            assertThat(tokens.expiresIn()).contains(Duration.ofSeconds(60));
            assertThat(tokens.refreshToken()).isEmpty();
            assertThat(tokens.scope()).as("absent scope means as requested").isEmpty();
        }

        @Test
        void anAbsentExpiresInIsEmpty() {
            server.enqueue(json(200, "{\"access_token\":\"ory_at_x\",\"token_type\":\"Bearer\"}"));

            assertThat(issued(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE))).expiresIn()).isEmpty();
        }

        @Test
        void anUnreadableIdTokenOrScopeIsIgnored() {
            server.enqueue(json(200, "{\"access_token\":\"ory_at_x\",\"token_type\":\"Bearer\",\"id_token\":\"not.a-jwt\","
                    + "\"scope\":\"bad\\\"scope\"}"));

            IssuedTokens tokens = issued(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(tokens.subject()).isEmpty();
            assertThat(tokens.scope()).isEmpty();
        }

        @Test
        void onlyBearerTokensAreAccepted() {
            server.enqueue(json(200, "{\"access_token\":\"ory_at_secret-mac-token\",\"token_type\":\"mac\"}"));

            MalformedTokenResponseException e = catchThrowableOfType(MalformedTokenResponseException.class,
                    () -> endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("'mac'").contains("only Bearer").doesNotContain("ory_at_secret-mac-token");
        }

        @Test
        void aMissingAccessTokenIsNotASuccess() {
            server.enqueue(json(200, "{\"token_type\":\"Bearer\",\"refresh_token\":\"ory_rt_lonely\"}"));

            MalformedTokenResponseException e = catchThrowableOfType(MalformedTokenResponseException.class,
                    () -> endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("no access_token").doesNotContain("ory_rt_lonely");
        }
    }

    @Nested
    class Errors {
        @Test
        void invalidGrantIsARefusalWithHydrasMergedDescription() {
            server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant "
                    + "(e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, "
                    + "does not match the redirection URI used in the authorization request, or was issued to another client. "
                    + "The refresh token was already used.\"}"));

            TokenResponse.Refused refused = refused(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(refused.httpStatus()).isEqualTo(400);
            assertThat(refused.error().code()).isEqualTo(OAuthErrorCode.INVALID_GRANT);
            assertThat(refused.error().description()).get().asString().endsWith("The refresh token was already used.");
        }

        @Test
        void theLegacyFormatKeepsTheHint() {
            server.enqueue(json(400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a "
                    + "required parameter.\",\"error_hint\":\"Failed to refresh token because of multiple concurrent requests "
                    + "using the same token. Please retry the request.\",\"error_debug\":\"serialization failure\","
                    + "\"status_code\":400}"));

            TokenResponse.Refused refused = refused(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(refused.error().code()).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
            assertThat(refused.error().hint()).get().asString().contains("multiple concurrent requests");
        }

        @Test
        void unknownErrorCodesAreKept() {
            server.enqueue(json(409, "{\"error\":\"request_conflict\",\"error_description\":\"concurrent update\"}"));

            TokenResponse.Refused refused = refused(endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(refused.error().code().value()).isEqualTo("request_conflict");
            assertThat(refused.httpStatus()).isEqualTo(409);
        }

        @Test
        void invalidClientIsARefusalToo() {
            server.enqueue(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

            TokenResponse.Refused refused = refused(endpoint().exchange(exchange(ClientAuthenticationMethod.CLIENT_SECRET_POST)));

            assertThat(refused.error().code()).isEqualTo(OAuthErrorCode.INVALID_CLIENT);
            assertThat(refused.httpStatus()).isEqualTo(401);
        }

        @Test
        void a4xxWithoutAnOAuthErrorBodyIsAPermanentFailure() {
            server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html").body("<h1>404</h1>").build());

            TokenEndpointUnavailableException e = catchThrowableOfType(TokenEndpointUnavailableException.class,
                    () -> endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 404");
        }
    }

    @Nested
    class Unavailable {
        TokenEndpointUnavailableException failure() {
            return catchThrowableOfType(TokenEndpointUnavailableException.class,
                    () -> endpoint().refresh(refresh(ClientAuthenticationMethod.NONE)));
        }

        @Test
        void a5xxIsRetryableEvenWithAnErrorBody() {
            server.enqueue(json(500, "{\"error\":\"server_error\",\"error_description\":\"database down\"}"));

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("HTTP 500").contains("server_error");
        }

        @Test
        void a503WithHtmlIsRetryable() {
            server.enqueue(new MockResponse.Builder().code(503).body("<html>maintenance</html>").build());

            assertThat(failure().isRetryable()).isTrue();
        }

        @Test
        void aNonJsonSuccessIsAMalformedResponseThatIsNotRetried() {
            // a captive portal answering 200 may have swallowed the refresh token: sending it again could replay it
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html>captive portal</html>").build());

            TokenEndpointUnavailableException e = failure();

            assertThat(e).isInstanceOf(MalformedTokenResponseException.class);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("text/html").contains("application/json");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void aTruncatedBodyIsRetryableWithTheCauseKept() {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(new Buffer().writeUtf8(success("")))
                    .throttleBody(16, 0, TimeUnit.MILLISECONDS)
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getCause()).isInstanceOf(IOException.class);
        }

        @Test
        void anOversizedBodyIsCutOff() {
            server.enqueue(json(200, "{\"access_token\":\"" + "a".repeat(70 * 1024) + "\",\"token_type\":\"Bearer\"}"));

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("size limit");
            assertThat(e.getCause()).isInstanceOf(ResponseTooLargeException.class);
        }

        @Test
        void anOversizedChunkedBodyWithoutALengthIsCutOffWhileReading() {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .chunkedBody("{\"access_token\":\"" + "a".repeat(70 * 1024) + "\",\"token_type\":\"Bearer\"}", 4096).build());

            assertThat(failure().getCause()).isInstanceOf(ResponseTooLargeException.class);
        }

        @Test
        void redirectsAreNotFollowed() {
            server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", url("/elsewhere/token")).build());
            server.enqueue(json(200, success("")));

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("307").contains("redirects are not followed");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }

        @Test
        void aBodyDrippedPastTheWholeCallTimeoutIsCutOffAsATimeout() {
            // every byte comes well within the read timeout; only the whole-call timeout can end this answer
            oauth(b -> b.readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(700)));
            server.enqueue(json(200, success("")).newBuilder().throttleBody(1, 50, TimeUnit.MILLISECONDS).build());

            long start = System.nanoTime();
            TokenEndpointUnavailableException e = failure();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
            assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
            assertThat(took).isLessThan(Duration.ofSeconds(4));
        }

        @Test
        void aTimeoutIsRetryableWithTheCauseKept() {
            oauth(b -> b.readTimeout(Duration.ofMillis(300)));
            server.enqueue(json(200, success("")).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
            assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
        }

        @Test
        void aRefreshIsNeverSentTwiceBehindTheCallersBack() {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
            server.enqueue(json(200, success("")));

            TokenEndpointUnavailableException e = failure();

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getCause()).isInstanceOf(IOException.class);
            assertThat(server.getRequestCount()).as("a replayed refresh token revokes the grant").isEqualTo(1);
        }
    }
}
