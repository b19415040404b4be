package dev.neonoauth.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.Scope;
import java.net.URI;
import org.junit.jupiter.api.Test;

class NeonOAuthTest {

    @Test
    void neonDefaultsAreHydrasPathsOnOauth2NeonTech() {
        AuthorizationServer neon = NeonOAuth.authorizationServer();
        assertThat(neon.issuer()).isEqualTo(NeonOAuth.ISSUER);
        assertThat(neon.authorizationEndpoint()).hasToString("https://oauth2.neon.tech/oauth2/auth");
        assertThat(neon.tokenEndpoint()).hasToString("https://oauth2.neon.tech/oauth2/token");
        assertThat(neon.revocationEndpoint()).contains(URI.create("https://oauth2.neon.tech/oauth2/revoke"));
        assertThat(neon.userinfoEndpoint()).contains(URI.create("https://oauth2.neon.tech/userinfo"));
        assertThat(neon.isIssuer("https://oauth2.neon.tech")).isTrue();
        assertThat(neon.isIssuer("https://oauth2.neon.tech.evil.com/")).isFalse();
    }

    @Test
    void hydraPathsOnLoopbackWorkAndPlainHttpElsewhereIsRefused() {
        assertThat(NeonOAuth.hydraEndpoints(URI.create("http://127.0.0.1:4444")).tokenEndpoint())
                .hasToString("http://127.0.0.1:4444/oauth2/token");
        assertThat(NeonOAuth.hydraEndpoints(URI.create("http://127.0.0.1:4444/")).issuer())
                .hasToString("http://127.0.0.1:4444/");
        assertThatThrownBy(() -> NeonOAuth.hydraEndpoints(URI.create("http://oauth.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void defaultScopesAreTheTwelveOfNeonsCli() {
        assertThat(NeonScopes.DEFAULT.size()).isEqualTo(12);
        assertThat(NeonScopes.DEFAULT.contains(NeonScopes.OFFLINE)).isTrue();
        assertThat(NeonScopes.DEFAULT.contains(Scope.OFFLINE_ACCESS)).isTrue();
        assertThat(NeonScopes.DEFAULT.contains(NeonScopes.PROJECTS_PERMISSION)).isFalse();
        assertThat(NeonScopes.DEFAULT.render()).startsWith("openid offline offline_access urn:neoncloud:projects:create");
    }
}
