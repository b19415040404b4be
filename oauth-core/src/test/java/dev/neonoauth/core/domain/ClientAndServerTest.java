package dev.neonoauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientAndServerTest {

    @Test
    void neonDefaultsAreHydrasPathsOnOauth2NeonTech() {
        AuthorizationServer neon = AuthorizationServer.neon();
        assertThat(neon.issuer()).hasToString("https://oauth2.neon.tech/");
        assertThat(neon.authorizationEndpoint()).hasToString("https://oauth2.neon.tech/oauth2/auth");
        assertThat(neon.tokenEndpoint()).hasToString("https://oauth2.neon.tech/oauth2/token");
        assertThat(neon.revocationEndpoint()).contains(URI.create("https://oauth2.neon.tech/oauth2/revoke"));
        assertThat(neon.userinfoEndpoint()).contains(URI.create("https://oauth2.neon.tech/userinfo"));
    }

    @Test
    void isIssuerIgnoresOneTrailingSlashOnly() {
        AuthorizationServer neon = AuthorizationServer.neon();
        assertThat(neon.isIssuer("https://oauth2.neon.tech")).isTrue();
        assertThat(neon.isIssuer("https://oauth2.neon.tech/")).isTrue();
        assertThat(neon.isIssuer("https://oauth2.neon.tech.evil.com/")).isFalse();
        assertThat(neon.isIssuer("https://OAUTH2.neon.tech/x")).isFalse();
        assertThat(neon.isIssuer(null)).isFalse();
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
        assertThat(AuthorizationServer.forHydra(URI.create("http://127.0.0.1:4444")).tokenEndpoint())
                .hasToString("http://127.0.0.1:4444/oauth2/token");
        assertThatThrownBy(() -> AuthorizationServer.forHydra(URI.create("http://oauth.example.com")))
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

    @Test
    void clientAuthenticationDefaultsAndChecks() {
        ClientRegistration confidential = ClientRegistration.builder().clientId("c").clientSecret(new ClientSecret("s"))
                .addRedirectUris(URI.create("https://app.example.com/cb")).build();
        assertThat(confidential.authenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
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
