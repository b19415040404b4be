package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AuthorizationCode;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpTokenEndpointTest {

    @Test
    void parseIssuedWhenKeycloakAddsItsOwnMembersThenIgnoresThem() {
        String claims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"user-1\",\"aud\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8));
        IssuedTokens tokens = HttpTokenEndpoint.parseIssued("{\"access_token\":\"at-1\",\"expires_in\":300,"
                + "\"refresh_expires_in\":1800,\"refresh_token\":\"rt-1\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"e30." + claims + ".sig\",\"not-before-policy\":0,\"session_state\":\"x\","
                + "\"scope\":\"openid email\"}");

        assertThat(tokens.accessToken().value()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).map(t -> t.value()).contains("rt-1");
        assertThat(tokens.expiresIn()).contains(Duration.ofSeconds(300));
        assertThat(tokens.scope()).contains(ScopeSet.parse("openid email"));
        assertThat(tokens.subject()).contains("user-1");
    }

    @Test
    void parseIssuedWhenFieldsAreMinimalOrOddlyTypedThenStillParses() {
        IssuedTokens tokens = HttpTokenEndpoint.parseIssued(
                "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":\"3600\"}");

        assertThat(tokens.refreshToken()).isEmpty();
        assertThat(tokens.expiresIn()).contains(Duration.ofHours(1));
        assertThat(tokens.scope()).isEmpty();
        assertThat(tokens.subject()).isEmpty();
        assertThat(HttpTokenEndpoint.expiresIn(new java.math.BigDecimal("1e12"))).contains(HttpTokenEndpoint.MAX_LIFETIME);
        assertThat(HttpTokenEndpoint.expiresIn(new java.math.BigDecimal("-5"))).contains(Duration.ZERO);
    }

    @Test
    void parseIssuedWhenTokenIsNotBearerThenRefusesWithoutEchoingTheToken() {
        assertThatThrownBy(() -> HttpTokenEndpoint.parseIssued(
                "{\"access_token\":\"secret-at\",\"token_type\":\"DPoP\",\"expires_in\":60}"))
                .isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("DPoP")
                .hasMessageNotContaining("secret-at");
    }

    @Test
    void parseIssuedWhenBodyIsNotJsonThenUnavailableAndRetryable() {
        assertThatThrownBy(() -> HttpTokenEndpoint.parseIssued("<html>proxy error</html>"))
                .isInstanceOfSatisfying(TokenEndpointUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void parseErrorWhenBodyIsAnOAuthErrorThenKeepsCodeAndDescription() {
        assertThat(HttpTokenEndpoint.parseError("{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"))
                .map(e -> e.summary()).contains("invalid_grant (Token is not active)");
        assertThat(HttpTokenEndpoint.parseError("{\"message\":\"no\"}")).isEmpty();
        assertThat(HttpTokenEndpoint.parseError("Bad Gateway")).isEqualTo(Optional.empty());
    }

    @Test
    void basicWhenSecretHasReservedCharactersThenFormEncodesBeforeBase64() {
        String header = HttpTokenEndpoint.basic("my client", new ClientSecret("a:b/c+d"));

        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("my+client:a%3Ab%2Fc%2Bd");
    }

    @Test
    void exchangeWhenProviderRefusesTheClientAuthenticationThenRefusedWithItsError() throws Exception {
        try (KeycloakLikeServer provider = KeycloakLikeServer.start()) {
            ClientRegistration postClient = ClientRegistration.builder()
                    .clientId(KeycloakLikeServer.CLIENT_ID)
                    .clientSecret(new ClientSecret(KeycloakLikeServer.CLIENT_SECRET))
                    .authenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .addRedirectUris(URI.create("http://127.0.0.1/callback"))
                    .build();
            HttpTokenEndpoint endpoint = new HttpTokenEndpoint(Http.newClient(),
                    URI.create(provider.issuer() + "/protocol/openid-connect/token"));

            TokenResponse response = endpoint.exchange(new CodeExchange(postClient, new AuthorizationCode("some-code"),
                    URI.create("http://127.0.0.1:5000/callback"), CodeVerifier.fromEntropy(new byte[32])));

            assertThat(response).isInstanceOfSatisfying(TokenResponse.Refused.class, refused -> {
                assertThat(refused.httpStatus()).isEqualTo(401);
                assertThat(refused.error().code().value()).isEqualTo("invalid_client");
            });
            assertThat(provider.tokenRequests().get(0).form()).containsEntry("client_secret", KeycloakLikeServer.CLIENT_SECRET);
        }
    }

    @Test
    void exchangeWhenNothingListensThenUnavailableAndRetryable() {
        HttpTokenEndpoint endpoint = new HttpTokenEndpoint(Http.newClient(), URI.create("http://127.0.0.1:1/token"));
        ClientRegistration publicClient = ClientRegistration.builder()
                .clientId("cli").addRedirectUris(URI.create("http://127.0.0.1/callback")).build();

        assertThatThrownBy(() -> endpoint.exchange(new CodeExchange(publicClient, new AuthorizationCode("c"),
                URI.create("http://127.0.0.1:5000/callback"), CodeVerifier.fromEntropy(new byte[32]))))
                .isInstanceOfSatisfying(TokenEndpointUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
    }
}
