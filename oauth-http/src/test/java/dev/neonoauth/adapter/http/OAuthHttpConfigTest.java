package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthHttpConfigTest {
    static final URI ISSUER = URI.create("https://login.example.com");

    @Test
    void forIssuerDiscoversWithTheDefaults() {
        OAuthHttpConfig config = OAuthHttpConfig.forIssuer(ISSUER);

        assertThat(config.issuer()).isEqualTo(ISSUER);
        assertThat(config.discovery()).isTrue();
        assertThat(config.authorizationEndpoint()).isEmpty();
        assertThat(config.tokenEndpoint()).isEmpty();
        assertThat(config.revocationEndpoint()).isEmpty();
        assertThat(config.userinfoEndpoint()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxResponseBytes()).isEqualTo(64 * 1024);
        assertThat(config.httpLogLevel()).isEqualTo(HttpLogLevel.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.example.com", "http://10.0.0.7:8080", "http://example.com/token",
        "http://127.0.0.1.example.com"})
    void plainHttpIsRefusedForNonLoopbackHosts(String url) {
        URI uri = URI.create(url);
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(uri).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http").hasMessageContaining("issuer");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).authorizationEndpoint(uri).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http")
                .hasMessageContaining("authorization endpoint");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).tokenEndpoint(uri).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http").hasMessageContaining("token endpoint");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).revocationEndpoint(uri).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http")
                .hasMessageContaining("revocation endpoint");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).userinfoEndpoint(uri).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http")
                .hasMessageContaining("userinfo endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost", "http://LOCALHOST:1", "http://[::1]:9000",
        "http://127.1.2.3/tenant"})
    void plainHttpIsAllowedForLoopbackHosts(String url) {
        URI uri = URI.create(url);
        OAuthHttpConfig config = OAuthHttpConfig.builder().issuer(uri).discovery(false).authorizationEndpoint(uri)
                .tokenEndpoint(uri).revocationEndpoint(uri).userinfoEndpoint(uri).build();

        assertThat(config.issuer()).isEqualTo(uri);
        assertThat(config.tokenEndpoint()).contains(uri);
    }

    @Test
    void withoutDiscoveryTheAuthorizationAndTokenEndpointsAreRequired() {
        URI auth = URI.create("https://login.example.com/authorize");
        URI token = URI.create("https://login.example.com/token");

        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).discovery(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without discovery");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).discovery(false).tokenEndpoint(token).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorization endpoint");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).discovery(false).authorizationEndpoint(auth).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token endpoint");

        OAuthHttpConfig config = OAuthHttpConfig.builder().issuer(ISSUER).discovery(false).authorizationEndpoint(auth)
                .tokenEndpoint(token).build();
        assertThat(config.revocationEndpoint()).as("optional").isEmpty();
        assertThat(LazyServer.configured(config).tokenEndpoint()).isEqualTo(token);
    }

    @Test
    void invalidValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> OAuthHttpConfig.builder().build()).hasMessageContaining("issuer");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(URI.create("ftp://login.example.com")).build())
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(URI.create("/relative")).build())
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(URI.create("https://login.example.com#frag")).build())
                .hasMessageContaining("fragment");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(URI.create("https://user:pw@login.example.com")).build())
                .hasMessageContaining("user info").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).connectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).readTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).callTimeout(null).build())
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).maxResponseBytes(1023).build())
                .hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> OAuthHttpConfig.builder().issuer(ISSUER).httpLogLevel(null).build())
                .hasMessageContaining("httpLogLevel");
    }

    @Test
    void toBuilderRoundTrips() {
        OAuthHttpConfig config = OAuthHttpConfig.builder().issuer(ISSUER).discovery(false)
                .authorizationEndpoint(URI.create("https://login.example.com/a"))
                .tokenEndpoint(URI.create("https://login.example.com/t"))
                .revocationEndpoint(URI.create("https://login.example.com/r"))
                .userinfoEndpoint(URI.create("https://login.example.com/u"))
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3))
                .maxResponseBytes(4096).httpLogLevel(HttpLogLevel.HEADERS).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void fromEnvironmentReadsEveryVariableWithThePrefix() {
        OAuthHttpConfig config = OAuthHttpConfig.fromEnvironment(Map.of(
                "MYAPP_OAUTH_ISSUER", " https://login.example.com/tenant ",
                "MYAPP_OAUTH_DISCOVERY", "false",
                "MYAPP_OAUTH_AUTHORIZATION_ENDPOINT", "https://login.example.com/tenant/authorize",
                "MYAPP_OAUTH_TOKEN_ENDPOINT", "https://login.example.com/tenant/token",
                "MYAPP_OAUTH_REVOCATION_ENDPOINT", "https://login.example.com/tenant/revoke",
                "MYAPP_OAUTH_USERINFO_ENDPOINT", "https://login.example.com/tenant/userinfo",
                "MYAPP_OAUTH_HTTP_LOG", "Body",
                "OAUTH_ISSUER", "https://not-this-one.example.com",
                "UNRELATED", "x"), "MYAPP_OAUTH_");

        assertThat(config.issuer()).isEqualTo(URI.create("https://login.example.com/tenant"));
        assertThat(config.discovery()).isFalse();
        assertThat(config.authorizationEndpoint()).contains(URI.create("https://login.example.com/tenant/authorize"));
        assertThat(config.tokenEndpoint()).contains(URI.create("https://login.example.com/tenant/token"));
        assertThat(config.revocationEndpoint()).contains(URI.create("https://login.example.com/tenant/revoke"));
        assertThat(config.userinfoEndpoint()).contains(URI.create("https://login.example.com/tenant/userinfo"));
        assertThat(config.httpLogLevel()).isEqualTo(HttpLogLevel.BODY);
    }

    @Test
    void fromEnvironmentDefaultsEverythingButTheIssuerAndIgnoresBlankValues() {
        OAuthHttpConfig config = OAuthHttpConfig.fromEnvironment(Map.of(
                "OAUTH_ISSUER", "https://login.example.com",
                "OAUTH_TOKEN_ENDPOINT", "  ",
                "OAUTH_HTTP_LOG", ""), "OAUTH_");

        assertThat(config).isEqualTo(OAuthHttpConfig.forIssuer(ISSUER));
    }

    @Test
    void fromEnvironmentWithoutDiscoveryNamesTheEndpointVariablesItNeeds() {
        assertThatThrownBy(() -> OAuthHttpConfig.fromEnvironment(Map.of("OAUTH_ISSUER", "https://login.example.com",
                "OAUTH_DISCOVERY", "false", "OAUTH_TOKEN_ENDPOINT", "https://login.example.com/token"), "OAUTH_"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OAUTH_DISCOVERY=false needs OAUTH_AUTHORIZATION_ENDPOINT and OAUTH_TOKEN_ENDPOINT");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "OAUTH_DISCOVERY              | maybe",
        "OAUTH_AUTHORIZATION_ENDPOINT | https://login.example.com/a b",
        "OAUTH_AUTHORIZATION_ENDPOINT | http://login.example.com/authorize",
        "OAUTH_TOKEN_ENDPOINT         | https://login.example.com/t^x",
        "OAUTH_TOKEN_ENDPOINT         | ftp://login.example.com/token",
        "OAUTH_REVOCATION_ENDPOINT    | http://login.example.com/revoke",
        "OAUTH_USERINFO_ENDPOINT      | not a url",
        "OAUTH_USERINFO_ENDPOINT      | /userinfo",
        "OAUTH_HTTP_LOG               | verbose",
        "OAUTH_ISSUER                 | http://login.example.com",
        "OAUTH_ISSUER                 | https://login example.com"})
    void fromEnvironmentNamesTheBadVariable(String name, String value) {
        Map<String, String> env = new HashMap<>(Map.of("OAUTH_ISSUER", "https://login.example.com"));
        env.put(name, value);

        assertThatThrownBy(() -> OAuthHttpConfig.fromEnvironment(env, "OAUTH_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void fromEnvironmentNamesAMissingIssuer() {
        assertThatThrownBy(() -> OAuthHttpConfig.fromEnvironment(Map.of("OAUTH_ISSUER", " "), "OAUTH_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OAUTH_ISSUER");
        assertThatThrownBy(() -> OAuthHttpConfig.fromEnvironment(Map.of("OAUTH_ISSUER", "https://login.example.com"), "X_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X_ISSUER");
    }

    @Test
    void logLevelsParseCaseInsensitively() {
        assertThat(HttpLogLevel.parse(" headers ")).isEqualTo(HttpLogLevel.HEADERS);
        assertThat(HttpLogLevel.parse("NONE")).isEqualTo(HttpLogLevel.NONE);
        assertThatThrownBy(() -> HttpLogLevel.parse("verbose")).hasMessageContaining("none, basic, headers, body");
    }

    @Test
    void theLoopbackCheckDoesNotTrustLookalikes() {
        assertThat(OAuthHttpConfig.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(OAuthHttpConfig.isLoopbackHost("[::1]")).isTrue();
        assertThat(OAuthHttpConfig.isLoopbackHost("localhost.example.com")).isFalse();
        assertThat(OAuthHttpConfig.isLoopbackHost("128.0.0.1")).isFalse();
        assertThat(OAuthHttpConfig.isLoopbackHost(null)).isFalse();
    }
}
