package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebConfigTest {

    @Test
    void noConfigurationMeansEmbeddedOnLoopbackPort3000() {
        WebConfig c = WebConfig.fromEnvironment(Map.of());
        assertThat(c.embedded()).isTrue();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.scopes()).isEqualTo(NeonScopes.DEFAULT);
        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionAbsolute()).isEqualTo(Duration.ofHours(12));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.callbackUri(4321)).isEqualTo(URI.create("http://127.0.0.1:4321/api/oauth/callback"));
        assertThat(WebModule.clientRegistration(c).clientId()).isEqualTo("neon-oauth-web");
        assertThat(WebModule.clientRegistration(c).allowsRedirectUri(c.callbackUri(4321))).isTrue();
    }

    @Test
    void aClientIdSwitchesToRealNeon() {
        WebConfig c = WebConfig.fromEnvironment(Map.of(
                "NEON_CLIENT_ID", "my-app", "NEON_CLIENT_SECRET", "s3cret-value",
                "NEON_REDIRECT_URI", "https://app.example.com/api/oauth/callback", "PORT", "8080",
                "NEON_OAUTH_SCOPES", "openid,urn:neoncloud:projects:read", "TRUST_PROXY", "true"));
        assertThat(c.embedded()).isFalse();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.trustProxy()).isTrue();
        assertThat(c.scopes().render()).isEqualTo("openid urn:neoncloud:projects:read");
        assertThat(c.callbackUri(1)).isEqualTo(URI.create("https://app.example.com/api/oauth/callback"));
        assertThat(WebModule.clientRegistration(c).isConfidential()).isTrue();
        assertThat(c.toString()).contains("my-app").doesNotContain("s3cret-value");
    }

    @Test
    void badValuesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> WebConfig.fromEnvironment(Map.of("PORT", "x"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> WebConfig.fromEnvironment(Map.of("NEON_CLIENT_ID", "a")))
                .hasMessageContaining("NEON_REDIRECT_URI");
        assertThatThrownBy(() -> WebConfig.fromEnvironment(Map.of("NEON_CLIENT_ID", "a",
                "NEON_REDIRECT_URI", "https://x.example/other"))).hasMessageContaining("/api/oauth/callback");
        assertThatThrownBy(() -> WebConfig.fromEnvironment(Map.of("TRUST_PROXY", "maybe"))).hasMessageContaining("TRUST_PROXY");
        for (String ttl : new String[] {"0", "3601", "-5", "ten"}) {
            assertThatThrownBy(() -> WebConfig.fromEnvironment(Map.of("NEON_OAUTH_STATE_TTL_SECONDS", ttl)))
                    .hasMessageContaining("NEON_OAUTH_STATE_TTL_SECONDS");
        }
        assertThat(WebConfig.fromEnvironment(Map.of("NEON_OAUTH_STATE_TTL_SECONDS", "120")).stateTtl())
                .isEqualTo(Duration.ofMinutes(2));
    }
}
