package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.testing.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDiscoveryTest {
    private KeycloakLikeServer provider;
    private final HttpDiscovery discovery = new HttpDiscovery(Http.newClient());

    @BeforeEach
    void start() throws Exception {
        provider = KeycloakLikeServer.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void wellKnownUrisWhenIssuerHasAPathThenOidcAppendsAndRfc8414Inserts() {
        assertThat(HttpDiscovery.wellKnownUris(URI.create("https://id.example.org/realms/demo"))).containsExactly(
                URI.create("https://id.example.org/realms/demo/.well-known/openid-configuration"),
                URI.create("https://id.example.org/.well-known/oauth-authorization-server/realms/demo"));
        assertThat(HttpDiscovery.wellKnownUris(URI.create("https://as.example.org/"))).containsExactly(
                URI.create("https://as.example.org/.well-known/openid-configuration"),
                URI.create("https://as.example.org/.well-known/oauth-authorization-server"));
    }

    @Test
    void discoverWhenOpenIdConfigurationIsServedThenUsesTheProvidersOwnEndpoints() {
        AuthorizationServer server = discovery.discover(provider.issuer());

        assertThat(server.issuer()).isEqualTo(provider.issuer());
        assertThat(server.tokenEndpoint().getPath()).isEqualTo("/realms/demo/protocol/openid-connect/token");
        assertThat(server.revocationEndpoint()).map(URI::getPath).contains("/realms/demo/protocol/openid-connect/revoke");
        assertThat(discovery.metadata(provider.issuer()).tokenEndpointAuthMethods()).containsExactly("client_secret_basic");
    }

    @Test
    void discoverWhenOnlyRfc8414MetadataExistsThenFallsBackToIt() {
        provider.withoutOpenIdDiscovery();

        assertThat(discovery.discover(provider.issuer()).authorizationEndpoint().getPath())
                .isEqualTo("/realms/demo/protocol/openid-connect/auth");
    }

    @Test
    void discoverWhenConfiguredIssuerHasATrailingSlashThenStillMatches() {
        URI withSlash = URI.create(provider.issuer() + "/");

        assertThat(discovery.discover(withSlash).issuer()).isEqualTo(provider.issuer());
    }

    @Test
    void discoverWhenMetadataNamesAnotherIssuerThenFailsForGoodNamingBoth() {
        String impostor = "http://127.0.0.1:1/realms/other";
        provider.advertisingIssuer(impostor);

        assertThatThrownBy(() -> discovery.discover(provider.issuer()))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains(impostor).contains(provider.issuer().toString())
                            .contains("RFC 8414 section 3.3");
                });
    }

    @Test
    void discoverWhenNoMetadataExistsThenFailsNamingBothUrls() {
        provider.withoutOpenIdDiscovery().withoutRfc8414Discovery();

        assertThatThrownBy(() -> discovery.discover(provider.issuer()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("/realms/demo/.well-known/openid-configuration")
                .hasMessageContaining("/.well-known/oauth-authorization-server/realms/demo");
    }

    @Test
    void discoverWhenNothingListensThenFailsRetryably() {
        URI nowhere = URI.create("http://127.0.0.1:1/realms/demo");

        assertThatThrownBy(() -> discovery.discover(nowhere))
                .isInstanceOfSatisfying(DiscoveryException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void connectWhenClientAuthenticationIsNotOneTheProviderAcceptsThenFailsNamingTheAcceptedOnes() {
        ProviderConfig postClient = ProviderConfig.fromEnvironment(Map.of(
                ProviderConfig.ENV_ISSUER, provider.issuer().toString(),
                ProviderConfig.ENV_CLIENT_ID, KeycloakLikeServer.CLIENT_ID,
                ProviderConfig.ENV_CLIENT_SECRET, KeycloakLikeServer.CLIENT_SECRET,
                ProviderConfig.ENV_CLIENT_AUTH, "client_secret_post"));

        assertThatThrownBy(() -> OAuthClient.connect(postClient, Http.newClient(), new MutableClock(Instant.EPOCH),
                new InMemoryTokenStore(), new InMemoryPendingAuthorizationStore()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(List.of("client_secret_basic").toString())
                .hasMessageContaining("OAUTH_CLIENT_AUTH");
    }
}
