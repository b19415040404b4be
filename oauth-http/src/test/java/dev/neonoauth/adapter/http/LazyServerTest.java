package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import java.net.URI;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link OAuthHttp#server()}: the configured server is resolved at first use, discovered once and cached, with the
 * configured endpoints replacing discovered ones; without discovery the configured endpoints are used and nothing is
 * requested; a failed discovery is not remembered.
 */
class LazyServerTest extends MockAuthorizationServer {

    @Test
    void nothingIsRequestedUntilFirstUse() throws Exception {
        server.enqueue(json(200, metadata(issuer())));
        OAuthHttp oauth = oauth(MockAuthorizationServer::discoveryOnly);
        oauth.server();
        oauth.discovery();
        oauth.tokenEndpoint();
        oauth.revocationEndpoint();
        oauth.userInfoEndpoint();
        assertThat(server.getRequestCount()).as("creating the adapter and getting its ports does no I/O").isZero();

        AuthorizationServer first = oauth.server().current();
        AuthorizationServer second = oauth.server().current();

        assertThat(second).isSameAs(first);
        assertThat(first.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(first.tokenEndpointAuthMethodsSupported()).contains("client_secret_basic");
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(server.getRequestCount()).as("discovered once").isEqualTo(1);
    }

    @Test
    void everyConfiguredEndpointReplacesTheDiscoveredOne() {
        server.enqueue(json(200, metadata(issuer())));
        OAuthHttp oauth = oauth(b -> b.discovery(true).authorizationEndpoint(url("/proxy/auth"))
                .tokenEndpoint(url("/proxy/token")).revocationEndpoint(url("/proxy/revoke"))
                .userinfoEndpoint(url("/proxy/userinfo")));

        AuthorizationServer server = oauth.server().current();

        assertThat(server.authorizationEndpoint()).isEqualTo(url("/proxy/auth"));
        assertThat(server.tokenEndpoint()).isEqualTo(url("/proxy/token"));
        assertThat(server.revocationEndpoint()).contains(url("/proxy/revoke"));
        assertThat(server.userinfoEndpoint()).contains(url("/proxy/userinfo"));
        assertThat(server.issuer()).as("from the metadata").isEqualTo(URI.create(issuer()));
        assertThat(server.tokenEndpointAuthMethodsSupported()).as("from the metadata")
                .containsExactly("client_secret_post", "client_secret_basic", "private_key_jwt", "none");
    }

    @Test
    void withoutDiscoveryTheConfiguredEndpointsAreUsedAndNothingElseIsAsked() throws Exception {
        server.enqueue(json(200, TokenEndpointTest.success("")));
        OAuthHttp oauth = oauth(b -> b.tokenEndpoint(url("/configured/token")));

        oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));

        assertThat(oauth.server().current().tokenEndpoint()).isEqualTo(url("/configured/token"));
        assertThat(take().getTarget()).isEqualTo("/configured/token");
        assertThat(server.getRequestCount()).as("no discovery request").isEqualTo(1);
    }

    @Test
    void aFailedDiscoveryIsNotRememberedAndTheTokenRequestWaitsForIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(json(200, metadata(issuer()).replace("/oauth2/token", "/discovered/token")));
        server.enqueue(json(200, TokenEndpointTest.success("")));
        OAuthHttp oauth = oauth(MockAuthorizationServer::discoveryOnly);

        DiscoveryException e = catchThrowableOfType(DiscoveryException.class,
                () -> oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE)));
        assertThat(e.isRetryable()).isTrue();
        assertThat(server.getRequestCount()).as("no token request without a server").isEqualTo(1);

        oauth.tokenEndpoint().refresh(TokenEndpointTest.refresh(ClientAuthenticationMethod.NONE));
        oauth.server().current();

        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(take().getTarget()).isEqualTo("/discovered/token");
        assertThat(server.getRequestCount()).as("discovered again after the failure, then cached").isEqualTo(3);
    }
}
