package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.TokenEndpoint;
import java.net.URI;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect discovery: issuer check, cache, overrides, failures. The RFC 8414 fallback and the lazy resolution of
 * the configured server are in {@link DiscoveryFallbackTest} and {@link LazyServerTest}.
 */
class DiscoveryTest extends MockAuthorizationServer {

    AuthorizationServerDiscovery discovery() {
        return oauth(MockAuthorizationServer::discoveryOnly).discovery();
    }

    @Test
    void discoversTheEndpointsOnceAndCachesThem() throws Exception {
        server.enqueue(json(200, metadata(issuer())));
        AuthorizationServerDiscovery discovery = discovery();

        AuthorizationServer first = discovery.discover(URI.create(issuer()));
        AuthorizationServer second = discovery.discover(URI.create(issuer().replaceAll("/$", "")));

        assertThat(second).isSameAs(first);
        assertThat(first.issuer()).isEqualTo(URI.create(issuer()));
        assertThat(first.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(first.authorizationEndpoint()).isEqualTo(url("/oauth2/auth"));
        assertThat(first.revocationEndpoint()).contains(url("/oauth2/revoke"));
        assertThat(first.userinfoEndpoint()).contains(url("/userinfo"));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("neon-oauth-java/");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theIssuerMatchesAfterTrailingSlashNormalisation() {
        server.enqueue(json(200, metadata(issuer().replaceAll("/$", ""))));

        assertThat(discovery().discover(URI.create(issuer())).tokenEndpoint()).isEqualTo(url("/oauth2/token"));
    }

    @Test
    void anotherIssuerAbortsDiscoveryForGood() {
        server.enqueue(json(200, metadata("https://evil.example.com/")));

        DiscoveryException e = catchThrowableOfType(DiscoveryException.class, () -> discovery().discover(URI.create(issuer())));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("https://evil.example.com/").contains("not the configured " + issuer());
    }

    @Test
    void overridesReplaceDiscoveredEndpoints() {
        server.enqueue(json(200, metadata(issuer())));
        AuthorizationServer server = oauth(b -> discoveryOnly(b).tokenEndpoint(url("/proxy/token"))
                .revocationEndpoint(url("/proxy/revoke"))).server().current();

        assertThat(server.tokenEndpoint()).isEqualTo(url("/proxy/token"));
        assertThat(server.revocationEndpoint()).contains(url("/proxy/revoke"));
        assertThat(server.authorizationEndpoint()).isEqualTo(url("/oauth2/auth"));
    }

    @Test
    void failuresAreNotCachedAndTellNetworkFromConfiguration() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, "<html>"));
        server.enqueue(json(200, "{\"issuer\":\"" + issuer() + "\"}"));
        server.enqueue(json(200, metadata(issuer())));
        AuthorizationServerDiscovery discovery = discovery();
        URI issuer = URI.create(issuer());

        assertThat(catchThrowableOfType(DiscoveryException.class, () -> discovery.discover(issuer)).isRetryable()).isTrue();
        DiscoveryException transport = catchThrowableOfType(DiscoveryException.class, () -> discovery.discover(issuer));
        assertThat(transport.isRetryable()).isTrue();
        assertThat(transport.getCause()).isNotNull();
        assertThat(catchThrowableOfType(DiscoveryException.class, () -> discovery.discover(issuer)).isRetryable()).isTrue();
        DiscoveryException incomplete = catchThrowableOfType(DiscoveryException.class, () -> discovery.discover(issuer));
        assertThat(incomplete.isRetryable()).isFalse();
        assertThat(incomplete.getMessage()).contains("authorization_endpoint");
        assertThat(discovery.discover(issuer).tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void plainHttpEndpointsOnOtherHostsAreRefused() {
        server.enqueue(json(200, metadata(issuer()).replace("http://127.0.0.1:" + server.getPort() + "/oauth2/token",
                "http://oauth2.example.com/oauth2/token")));

        DiscoveryException e = catchThrowableOfType(DiscoveryException.class, () -> discovery().discover(URI.create(issuer())));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("plain http");
    }

    @Test
    void theTokenEndpointUsesTheDiscoveredUrlAndDiscoversOnlyOnce() throws Exception {
        server.enqueue(json(200, metadata(issuer()).replace("/oauth2/token", "/discovered/token")));
        server.enqueue(json(200, TokenEndpointTest.success("")));
        server.enqueue(json(200, TokenEndpointTest.success("")));
        TokenEndpoint endpoint = oauth(MockAuthorizationServer::discoveryOnly).tokenEndpoint();
        assertThat(server.getRequestCount()).as("no I/O when the adapter is built").isZero();

        endpoint.refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        endpoint.refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));

        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(take().getTarget()).isEqualTo("/discovered/token");
        assertThat(take().getTarget()).isEqualTo("/discovered/token");
    }

    @Test
    void withoutDiscoveryTheConfiguredEndpointsAreUsed() {
        AuthorizationServer server = oauth().server().current();

        assertThat(server.issuer()).isEqualTo(URI.create(issuer()));
        assertThat(server.authorizationEndpoint()).isEqualTo(url("/oauth2/auth"));
        assertThat(server.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(server.revocationEndpoint()).isEqualTo(Optional.of(url("/oauth2/revoke")));
        assertThat(server.userinfoEndpoint()).isEqualTo(Optional.of(url("/userinfo")));
        assertThat(server.tokenEndpointAuthMethodsSupported()).as("unknown without metadata").isEmpty();
        assertThat(this.server.getRequestCount()).isZero();
    }
}
