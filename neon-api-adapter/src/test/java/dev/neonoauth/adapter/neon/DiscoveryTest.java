package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.TokenEndpoint;
import java.net.URI;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** OpenID Connect discovery: issuer check, cache, overrides, failures. */
class DiscoveryTest extends MockNeonServer {

    /** Hydra's discovery document as Neon's docs show it, pointed at the mock server. */
    String metadata(String issuer) {
        String base = "http://127.0.0.1:" + server.getPort();
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/oauth2/auth\","
                + "\"token_endpoint\":\"" + base + "/oauth2/token\",\"jwks_uri\":\"" + base + "/.well-known/jwks.json\","
                + "\"revocation_endpoint\":\"" + base + "/oauth2/revoke\",\"userinfo_endpoint\":\"" + base + "/userinfo\","
                + "\"end_session_endpoint\":\"" + base + "/oauth2/sessions/logout\","
                + "\"scopes_supported\":[\"offline_access\",\"offline\",\"openid\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"client_secret_basic\",\"private_key_jwt\",\"none\"],"
                + "\"code_challenge_methods_supported\":[\"plain\",\"S256\"],"
                + "\"request_object_signing_alg_values_supported\":[\"RS256\",\"none\"]}";
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    AuthorizationServerDiscovery discovery() {
        inject(b -> b.useDiscovery(true), 2);
        return get(AuthorizationServerDiscovery.class);
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
        inject(b -> b.useDiscovery(true).tokenEndpointOverride(url("/proxy/token"))
                .revocationEndpointOverride(url("/proxy/revoke")), 2);

        AuthorizationServer server = get(AuthorizationServer.class);

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
        inject(b -> b.useDiscovery(true), 2);
        TokenEndpoint endpoint = get(TokenEndpoint.class);
        assertThat(server.getRequestCount()).as("no I/O when the injector is built").isZero();

        endpoint.refresh(TokenEndpointTest.refresh(dev.neonoauth.core.domain.ClientAuthenticationMethod.NONE));
        endpoint.refresh(TokenEndpointTest.refresh(dev.neonoauth.core.domain.ClientAuthenticationMethod.NONE));

        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(take().getTarget()).isEqualTo("/discovered/token");
        assertThat(take().getTarget()).isEqualTo("/discovered/token");
    }

    @Test
    void withoutDiscoveryHydrasPathsUnderTheIssuerAreUsed() {
        AuthorizationServer server = get(AuthorizationServer.class);

        assertThat(server.issuer()).isEqualTo(URI.create(issuer()));
        assertThat(server.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(server.revocationEndpoint()).isEqualTo(Optional.of(url("/oauth2/revoke")));
        assertThat(this.server.getRequestCount()).isZero();
    }
}
