package dev.neonoauth.core.domain;

import dev.neonoauth.core.testing.TestClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientAndServerTest {

    @Test
    void isIssuerIgnoresOneTrailingSlashOnly() {
        AuthorizationServer server = TestClients.server();
        assertThat(server.isIssuer("https://login.example.com")).isTrue();
        assertThat(server.isIssuer("https://login.example.com/")).isTrue();
        assertThat(server.isIssuer("https://login.example.com.evil.com/")).isFalse();
        assertThat(server.isIssuer("https://LOGIN.example.com/x")).isFalse();
        assertThat(server.isIssuer(null)).isFalse();
    }

    @Test
    void anyStandardsCompliantServerCanBeDescribed() {
        AuthorizationServer other = AuthorizationServer.builder()
                .issuer(URI.create("https://login.example.com"))
                .authorizationEndpoint(URI.create("https://login.example.com/authorize?tenant=a"))
                .tokenEndpoint(URI.create("https://login.example.com/token"))
                .build();
        assertThat(other.revocationEndpoint()).isEmpty();
    }

    @Test
    void plainHttpIsOnlyAllowedOnLoopback() {
        assertThat(TestClients.hydraLike(URI.create("http://127.0.0.1:4444")).tokenEndpoint())
                .hasToString("http://127.0.0.1:4444/oauth2/token");
        assertThatThrownBy(() -> TestClients.hydraLike(URI.create("http://oauth.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void loopbackIpLiteralRedirectMatchesAnyPortButNothingElseDoes() {
        ClientRegistration cli = ClientRegistration.builder().clientId("neonctl")
                .addRedirectUris(URI.create("http://127.0.0.1/callback"), URI.create("http://[::1]/callback")).build();
        assertThat(cli.allowsRedirectUri(URI.create("http://127.0.0.1:53124/callback"))).isTrue();
        assertThat(cli.allowsRedirectUri(URI.create("http://[::1]:8080/callback"))).isTrue();
        assertThat(cli.allowsRedirectUri(URI.create("http://127.0.0.1:53124/other"))).isFalse();
        assertThat(cli.allowsRedirectUri(URI.create("http://localhost:53124/callback"))).isFalse();
        assertThat(cli.allowsRedirectUri(URI.create("https://127.0.0.1:53124/callback"))).isFalse();

        ClientRegistration web = ClientRegistration.builder().clientId("web")
                .clientSecret(new ClientSecret("s")).addRedirectUris(URI.create("http://localhost:3000/api/oauth/callback")).build();
        assertThat(web.allowsRedirectUri(URI.create("http://localhost:3000/api/oauth/callback"))).isTrue();
        assertThat(web.allowsRedirectUri(URI.create("http://localhost:3001/api/oauth/callback"))).isFalse();
    }

    private static AuthorizationServer serverSupporting(String... methods) {
        return AuthorizationServer.builder().from(TestClients.server()).tokenEndpointAuthMethodsSupported(java.util.List.of(methods))
                .build();
    }

    @Test
    void clientAuthenticationDefaultsAndChecks() {
        ClientRegistration confidential = ClientRegistration.builder().clientId("c").clientSecret(new ClientSecret("s"))
                .addRedirectUris(URI.create("https://app.example.com/cb")).build();
        assertThat(confidential.authenticationMethod()).isEmpty();
        assertThat(confidential.authenticationMethodFor(TestClients.server()))
                .as("no metadata: client_secret_basic, which every server must support")
                .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(confidential.authenticationMethodFor(serverSupporting("client_secret_post", "private_key_jwt")))
                .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(confidential.authenticationMethodFor(serverSupporting("client_secret_post", "client_secret_basic")))
                .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThatThrownBy(() -> confidential.authenticationMethodFor(serverSupporting("private_key_jwt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private_key_jwt");
        ClientRegistration chosen = ClientRegistration.builder().from(confidential)
                .authenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST).build();
        assertThat(chosen.authenticationMethodFor(serverSupporting("client_secret_basic")))
                .as("an explicit choice wins over the metadata").isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        ClientRegistration publicClient = ClientRegistration.builder().clientId("p")
                .addRedirectUris(URI.create("http://127.0.0.1/cb")).build();
        assertThat(publicClient.authenticationMethodFor(serverSupporting("client_secret_basic")))
                .isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(confidential.toString()).doesNotContain("=s,").contains("confidential=true");

        assertThatThrownBy(() -> ClientRegistration.builder().clientId("c")
                .authenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .addRedirectUris(URI.create("https://app.example.com/cb")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a client secret");
        assertThatThrownBy(() -> ClientRegistration.builder().clientId("c")
                .addRedirectUris(URI.create("http://app.example.com/cb")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> ClientRegistration.builder().clientId("c")
                .addRedirectUris(URI.create("https://app.example.com/cb#frag")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThat(ClientAuthenticationMethod.parse("CLIENT_SECRET_BASIC")).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThatThrownBy(() -> ClientAuthenticationMethod.parse("private_key_jwt")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnToAcceptsOnlySameOriginRelativePaths() {
        assertThat(ReturnTo.sanitize("/projects/abc?x=1")).contains("/projects/abc?x=1");
        for (String hostile : new String[] {"//evil.com", "/\\evil.com", "https://evil.com", "evil.com", "/a\\b",
            "/ok#frag", "/a b", "/\u0000", "/é", "", "javascript:alert(1)"}) {
            assertThat(ReturnTo.sanitize(hostile)).as(hostile).isEmpty();
        }
        assertThat(ReturnTo.sanitize(null)).isEmpty();
    }

    @Test
    void oauthErrorKeepsUnknownCodesAndCleansDescriptions() {
        OAuthError error = new OAuthError(OAuthErrorCode.of("brand_new_error"),
                java.util.Optional.of("line1\nline2"), java.util.Optional.empty(), java.util.Optional.of("hint"));
        assertThat(error.code().value()).isEqualTo("brand_new_error");
        assertThat(error.description()).contains("line1 line2");
        assertThat(error.summary()).isEqualTo("brand_new_error (line1 line2) hint: hint");
        assertThatThrownBy(() -> OAuthErrorCode.of("bad\"code")).isInstanceOf(IllegalArgumentException.class);
    }
}
