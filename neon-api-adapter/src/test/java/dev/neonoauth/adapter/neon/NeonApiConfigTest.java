package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.http.OAuthHttpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeonApiConfigTest {

    @Test
    void defaultsTalkToNeonsProductionServers() {
        NeonApiConfig config = NeonApiConfig.defaults();

        assertThat(config.issuer()).isEqualTo(URI.create("https://oauth2.neon.tech/"));
        assertThat(config.useDiscovery()).isTrue();
        assertThat(config.apiBaseUrl()).isEqualTo(URI.create("https://console.neon.tech/api/v2"));
        assertThat(config.tokenEndpointOverride()).isEmpty();
        assertThat(config.lockedRetries()).isEqualTo(5);
        assertThat(config.lockedRetryDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.throttledRetries()).isEqualTo(4);
        assertThat(config.backoffBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffCap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.transportRetries()).isEqualTo(2);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxOAuthResponseBytes()).isEqualTo(64 * 1024);
        assertThat(config.httpLogLevel()).isEqualTo(HttpLogLevel.NONE);
    }

    @Test
    void theEnvironmentOverridesHostsAndLogging() {
        NeonApiConfig config = NeonApiConfig.fromEnvironment(Map.of(
                "NEON_OAUTH_HOST", "http://127.0.0.1:4444",
                "NEON_API_HOST", " http://localhost:4445/api/v2 ",
                "NEON_HTTP_LOG", "headers",
                "UNRELATED", "x"));

        assertThat(config.issuer()).isEqualTo(URI.create("http://127.0.0.1:4444"));
        assertThat(config.normalizedIssuer()).isEqualTo(URI.create("http://127.0.0.1:4444/"));
        assertThat(config.apiBaseUrl()).isEqualTo(URI.create("http://localhost:4445/api/v2"));
        assertThat(config.apiBaseUrlWithSlash()).isEqualTo("http://localhost:4445/api/v2/");
        assertThat(config.httpLogLevel()).isEqualTo(HttpLogLevel.HEADERS);
    }

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
        assertThat(NeonApiConfig.fromEnvironment(Map.of("NEON_OAUTH_HOST", "  "))).isEqualTo(NeonApiConfig.defaults());
    }

    @Test
    void anUnknownLogLevelIsRejected() {
        assertThatThrownBy(() -> NeonApiConfig.fromEnvironment(Map.of("NEON_HTTP_LOG", "verbose")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none, basic, headers, body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://oauth2.neon.tech", "http://10.0.0.7:8080", "http://example.com/api/v2"})
    void plainHttpIsRefusedForNonLoopbackHosts(String url) {
        assertThatThrownBy(() -> NeonApiConfig.builder().issuer(URI.create(url)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
        assertThatThrownBy(() -> NeonApiConfig.builder().apiBaseUrl(URI.create(url)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
        assertThatThrownBy(() -> NeonApiConfig.builder().tokenEndpointOverride(URI.create(url)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000", "http://127.1.2.3"})
    void plainHttpIsAllowedForLoopbackHosts(String url) {
        assertThat(NeonApiConfig.builder().issuer(URI.create(url)).apiBaseUrl(URI.create(url)).build().issuer())
                .isEqualTo(URI.create(url));
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> NeonApiConfig.builder().issuer(URI.create("ftp://oauth2.neon.tech")).build())
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> NeonApiConfig.builder().apiBaseUrl(URI.create("https://console.neon.tech/api/v2?x=1")).build())
                .hasMessageContaining("query");
        assertThatThrownBy(() -> NeonApiConfig.builder().issuer(URI.create("https://user:pw@oauth2.neon.tech")).build())
                .hasMessageContaining("user info").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> NeonApiConfig.builder().readTimeout(Duration.ZERO).build()).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> NeonApiConfig.builder().lockedRetries(-1).build()).hasMessageContaining("lockedRetries");
        assertThatThrownBy(() -> NeonApiConfig.builder().throttledRetries(21).build()).hasMessageContaining("throttledRetries");
        assertThatThrownBy(() -> NeonApiConfig.builder().backoffBase(Duration.ofSeconds(10)).backoffCap(Duration.ofSeconds(1)).build())
                .hasMessageContaining("backoffCap");
        assertThatThrownBy(() -> NeonApiConfig.builder().maxOAuthResponseBytes(10).build()).hasMessageContaining("at least");
    }

    @Test
    void toBuilderRoundTrips() {
        NeonApiConfig config = NeonApiConfig.builder().useDiscovery(false).lockedRetries(2)
                .userinfoEndpointOverride(URI.create("https://oauth2.neon.tech/userinfo")).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theOAuthPartDiscoversNeonsIssuerByDefault() {
        OAuthHttpConfig oauth = NeonApiConfig.defaults().oauthHttpConfig();

        assertThat(oauth.issuer()).isEqualTo(URI.create("https://oauth2.neon.tech/"));
        assertThat(oauth.discovery()).isTrue();
        assertThat(oauth.authorizationEndpoint()).isEmpty();
        assertThat(oauth.tokenEndpoint()).isEmpty();
        assertThat(oauth.revocationEndpoint()).isEmpty();
        assertThat(oauth.userinfoEndpoint()).isEmpty();
        assertThat(oauth.maxResponseBytes()).isEqualTo(64 * 1024);
        assertThat(oauth.httpLogLevel()).isEqualTo(HttpLogLevel.NONE);
    }

    @Test
    void theOAuthPartCarriesTheIssuerWithASlashTheOverridesTimeoutsLimitAndLogging() {
        NeonApiConfig config = NeonApiConfig.builder()
                .issuer(URI.create("http://127.0.0.1:4444"))
                .tokenEndpointOverride(URI.create("http://127.0.0.1:4444/proxy/token"))
                .revocationEndpointOverride(URI.create("http://127.0.0.1:4444/proxy/revoke"))
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3))
                .maxOAuthResponseBytes(4096).maxApiResponseBytes(8192)
                .httpLogLevel(HttpLogLevel.HEADERS)
                .build();

        OAuthHttpConfig oauth = config.oauthHttpConfig();

        assertThat(oauth.issuer()).isEqualTo(URI.create("http://127.0.0.1:4444/"));
        assertThat(oauth.discovery()).isTrue();
        assertThat(oauth.authorizationEndpoint()).isEmpty();
        assertThat(oauth.tokenEndpoint()).contains(URI.create("http://127.0.0.1:4444/proxy/token"));
        assertThat(oauth.revocationEndpoint()).contains(URI.create("http://127.0.0.1:4444/proxy/revoke"));
        assertThat(oauth.userinfoEndpoint()).isEmpty();
        assertThat(oauth.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(oauth.readTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(oauth.callTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(oauth.maxResponseBytes()).as("the OAuth limit, not the API's").isEqualTo(4096);
        assertThat(oauth.httpLogLevel()).isEqualTo(HttpLogLevel.HEADERS);
    }

    @Test
    void withoutDiscoveryTheOAuthPartUsesHydrasPathsUnderTheIssuerWithOverridesApplied() {
        OAuthHttpConfig oauth = NeonApiConfig.builder().issuer(URI.create("https://oauth2.example.com"))
                .useDiscovery(false)
                .userinfoEndpointOverride(URI.create("https://proxy.example.com/userinfo"))
                .build().oauthHttpConfig();

        assertThat(oauth.discovery()).isFalse();
        assertThat(oauth.issuer()).isEqualTo(URI.create("https://oauth2.example.com/"));
        assertThat(oauth.authorizationEndpoint()).contains(URI.create("https://oauth2.example.com/oauth2/auth"));
        assertThat(oauth.tokenEndpoint()).contains(URI.create("https://oauth2.example.com/oauth2/token"));
        assertThat(oauth.revocationEndpoint()).contains(URI.create("https://oauth2.example.com/oauth2/revoke"));
        assertThat(oauth.userinfoEndpoint()).contains(URI.create("https://proxy.example.com/userinfo"));
    }
}
