package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.port.out.RevocationEndpoint.Outcome;
import dev.neonoauth.core.port.out.RevocationEndpoint.Revocation;
import dev.neonoauth.core.port.out.RevocationEndpoint.TokenTypeHint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.UserInfoEndpoint.UserInfo;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** RFC 7009 revocation and the OpenID Connect userinfo endpoint ({@code HttpRevocationEndpoint}, {@code HttpUserInfoEndpoint}). */
class RevocationAndUserInfoTest extends MockAuthorizationServer {
    static final String REFRESH = "ory_rt_to-be-revoked-0001";

    @Test
    void revokesARefreshTokenAsAPublicClient() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());

        Outcome outcome = oauth().revocationEndpoint().revoke(new Revocation(
                TokenEndpointTest.client(ClientAuthenticationMethod.NONE), REFRESH, TokenTypeHint.REFRESH_TOKEN));

        assertThat(outcome).isEqualTo(new Outcome.Revoked());
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/oauth2/revoke");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(body(request)).isEqualTo("token=" + REFRESH + "&token_type_hint=refresh_token&client_id=neonctl");
    }

    @Test
    void revokesWithClientSecretBasic() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());

        oauth().revocationEndpoint().revoke(new Revocation(
                TokenEndpointTest.client(ClientAuthenticationMethod.CLIENT_SECRET_BASIC), "ory_at_abc", TokenTypeHint.ACCESS_TOKEN));

        RecordedRequest request = take();
        assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(body(request)).isEqualTo("token=ory_at_abc&token_type_hint=access_token");
    }

    @Test
    void aRefusalKeepsTheErrorAndStatus() {
        server.enqueue(json(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"The client is not authorized\"}"));

        Outcome outcome = oauth().revocationEndpoint().revoke(new Revocation(
                TokenEndpointTest.client(ClientAuthenticationMethod.NONE), REFRESH, TokenTypeHint.REFRESH_TOKEN));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.error().code()).isEqualTo(OAuthErrorCode.UNAUTHORIZED_CLIENT);
            assertThat(refused.httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void aStorageErrorIsRetryable() {
        server.enqueue(json(503, "{\"error\":\"temporarily_unavailable\"}"));

        TokenEndpointUnavailableException e = catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth().revocationEndpoint().revoke(new Revocation(
                        TokenEndpointTest.client(ClientAuthenticationMethod.NONE), REFRESH, TokenTypeHint.REFRESH_TOKEN)));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("temporarily_unavailable").doesNotContain(REFRESH);
    }

    @Test
    void userinfoSendsTheBearerTokenAndReadsTheClaims() throws Exception {
        server.enqueue(json(200, "{\"sub\":\"neon-user-42\",\"email\":\"casey@example.com\",\"unknown\":1}"));

        UserInfo info = oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_userinfo-token"));

        assertThat(info).isEqualTo(new UserInfo("neon-user-42", Optional.of("casey@example.com"), Optional.empty()));
        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/userinfo");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer ory_at_userinfo-token");
    }

    @Test
    void userinfoRefusingTheTokenIsAPermanentFailure() {
        server.enqueue(json(401, "{\"error\":\"token_inactive\",\"error_description\":\"Token is inactive\"}"));

        TokenEndpointUnavailableException e = catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_dead")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("401").contains("token_inactive").doesNotContain("ory_at_dead");
    }

    @Test
    void userinfoWithoutSubIsInvalid() {
        server.enqueue(json(200, "{\"email\":\"casey@example.com\"}"));

        assertThat(catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_x"))).getMessage()).contains("sub");
    }

    @Test
    void withoutARevocationOrUserinfoEndpointNothingIsSent() {
        oauth(b -> b.revocationEndpoint(null).userinfoEndpoint(null));

        TokenEndpointUnavailableException revocation = catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth().revocationEndpoint().revoke(new Revocation(
                        TokenEndpointTest.client(ClientAuthenticationMethod.NONE), REFRESH, TokenTypeHint.REFRESH_TOKEN)));
        TokenEndpointUnavailableException userinfo = catchThrowableOfType(TokenEndpointUnavailableException.class,
                () -> oauth().userInfoEndpoint().fetch(new AccessToken("ory_at_x")));

        assertThat(revocation.isRetryable()).isFalse();
        assertThat(revocation.getMessage()).contains("no revocation endpoint").doesNotContain(REFRESH);
        assertThat(userinfo.isRetryable()).isFalse();
        assertThat(userinfo.getMessage()).contains("no userinfo endpoint");
        assertThat(server.getRequestCount()).isZero();
    }
}
