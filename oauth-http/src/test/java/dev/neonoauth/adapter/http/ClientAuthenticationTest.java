package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.port.out.RevocationEndpoint.Revocation;
import dev.neonoauth.core.port.out.RevocationEndpoint.TokenTypeHint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 section 2.3.1): {@code client_secret_basic},
 * {@code client_secret_post} and {@code none} as the registration chooses, or, when it does not choose, from the
 * server's {@code token_endpoint_auth_methods_supported}.
 */
class ClientAuthenticationTest extends MockAuthorizationServer {
    /** Characters that form-urlencoding changes: ':' would otherwise split the Basic pair in the wrong place. */
    static final String CLIENT_ID = "my:client";
    static final String SECRET = "pa ss:w/o+rd&%";
    static final String ENCODED_ID = "my%3Aclient";
    static final String ENCODED_SECRET = "pa+ss%3Aw%2Fo%2Brd%26%25";
    static final String REFRESH = "ory_rt_client-auth-0001";
    static final URI REDIRECT = URI.create("http://127.0.0.1/callback");

    static ClientRegistration confidential(ClientAuthenticationMethod method) {
        ClientRegistration.Builder b = ClientRegistration.builder().clientId(CLIENT_ID).addRedirectUris(REDIRECT)
                .clientSecret(new ClientSecret(SECRET));
        if (method != null) {
            b.authenticationMethod(method);
        }
        return b.build();
    }

    static ClientRegistration publicClient(boolean explicit) {
        ClientRegistration.Builder b = ClientRegistration.builder().clientId(CLIENT_ID).addRedirectUris(REDIRECT);
        if (explicit) {
            b.authenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return b.build();
    }

    TokenResponse refresh(ClientRegistration client) {
        return oauth().tokenEndpoint().refresh(new TokenRefresh(client, new RefreshToken(REFRESH)));
    }

    static void assertBasic(RecordedRequest request) {
        String expected = Base64.getEncoder().encodeToString(
                (ENCODED_ID + ":" + ENCODED_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
        assertThat(body(request)).doesNotContain("client_secret").doesNotContain("client_id");
    }

    static void assertPost(RecordedRequest request) {
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request)).endsWith("&client_id=" + ENCODED_ID + "&client_secret=" + ENCODED_SECRET);
    }

    @Nested
    class AsTheRegistrationChooses {
        @Test
        void basicSendsTheFormEncodedIdAndSecretInTheAuthorizationHeaderOnly() throws Exception {
            server.enqueue(json(200, TokenEndpointTest.success("")));

            refresh(confidential(ClientAuthenticationMethod.CLIENT_SECRET_BASIC));

            RecordedRequest request = take();
            assertBasic(request);
            assertThat(body(request)).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH);
            String decoded = new String(Base64.getDecoder().decode(
                    request.getHeaders().get("Authorization").substring("Basic ".length())), StandardCharsets.UTF_8);
            assertThat(decoded.split(":", -1)).as("exactly one ':' separates id and secret").hasSize(2);
        }

        @Test
        void postSendsIdAndSecretInTheBodyAndNoAuthorizationHeader() throws Exception {
            server.enqueue(json(200, TokenEndpointTest.success("")));

            refresh(confidential(ClientAuthenticationMethod.CLIENT_SECRET_POST));

            RecordedRequest request = take();
            assertPost(request);
            assertThat(body(request)).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH
                    + "&client_id=" + ENCODED_ID + "&client_secret=" + ENCODED_SECRET);
        }

        @Test
        void noneSendsTheClientIdOnly() throws Exception {
            server.enqueue(json(200, TokenEndpointTest.success("")));

            refresh(publicClient(true));

            RecordedRequest request = take();
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(body(request)).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH
                    + "&client_id=" + ENCODED_ID);
        }

        @Test
        void theChoiceWinsOverTheServersList() throws Exception {
            serverSupporting("[\"client_secret_basic\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(confidential(ClientAuthenticationMethod.CLIENT_SECRET_POST));

            take();
            assertPost(take());
        }
    }

    /** The registration leaves the method open: the server's metadata decides. */
    @Nested
    class FromTheServersMetadata {
        @Test
        void basicWhenTheServerListsIt() throws Exception {
            serverSupporting("[\"client_secret_post\",\"client_secret_basic\",\"private_key_jwt\",\"none\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(confidential(null));

            assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
            assertBasic(take());
        }

        @Test
        void basicWhenTheServerListsNothing() throws Exception {
            serverSupporting(null);
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(confidential(null));

            take();
            assertBasic(take());
        }

        @Test
        void basicWhenTheListIsEmpty() throws Exception {
            serverSupporting("[]");
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(confidential(null));

            take();
            assertBasic(take());
        }

        @Test
        void basicWithoutDiscoveryWhereNothingIsKnown() throws Exception {
            server.enqueue(json(200, TokenEndpointTest.success("")));

            refresh(confidential(null));

            assertBasic(take());
        }

        @Test
        void postWhenTheServerListsOnlyPost() throws Exception {
            serverSupporting("[\"client_secret_post\",\"none\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(confidential(null));

            take();
            assertPost(take());
        }

        @Test
        void theRevocationEndpointAuthenticatesTheSameWay() throws Exception {
            serverSupporting("[\"client_secret_post\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            oauth().revocationEndpoint().revoke(new Revocation(confidential(null), REFRESH, TokenTypeHint.REFRESH_TOKEN));

            take();
            RecordedRequest revocation = take();
            assertThat(revocation.getTarget()).isEqualTo("/oauth2/revoke");
            assertPost(revocation);
        }

        @Test
        void aClientWithoutASecretIsPublicWhateverTheServerLists() throws Exception {
            serverSupporting("[\"client_secret_basic\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            refresh(publicClient(false));

            take();
            RecordedRequest request = take();
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(body(request)).endsWith("&client_id=" + ENCODED_ID).doesNotContain("client_secret");
        }

        @Test
        void aServerSupportingNeitherSecretMethodIsATypedPermanentFailureAndNothingIsSent() {
            serverSupporting("[\"private_key_jwt\",\"tls_client_auth\"]");
            oauth(MockAuthorizationServer::discoveryOnly);

            Throwable token = catchThrowable(() -> refresh(confidential(null)));
            Throwable revocation = catchThrowable(() -> oauth().revocationEndpoint().revoke(
                    new Revocation(confidential(null), REFRESH, TokenTypeHint.REFRESH_TOKEN)));

            for (Throwable failure : new Throwable[] {token, revocation}) {
                assertThat(failure).isInstanceOf(TokenEndpointUnavailableException.class)
                        .isNotInstanceOf(IllegalArgumentException.class);
                assertThat(((TokenEndpointUnavailableException) failure).isRetryable()).isFalse();
                assertThat(failure.getMessage()).contains("client_secret_basic").contains("private_key_jwt")
                        .doesNotContain(SECRET).doesNotContain(ENCODED_SECRET).doesNotContain(REFRESH);
            }
            assertThat(server.getRequestCount()).as("discovery only; no token or revocation request").isEqualTo(1);
        }
    }

    /**
     * Serves discovery metadata whose {@code token_endpoint_auth_methods_supported} is {@code methods} (a JSON array,
     * or null to leave the field out), and 200 at the token and revocation endpoints.
     */
    void serverSupporting(String methods) {
        String metadata = metadata(issuer()).replace(
                "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"client_secret_basic\",\"private_key_jwt\",\"none\"],",
                methods == null ? "" : "\"token_endpoint_auth_methods_supported\":" + methods + ",");
        route().on("/.well-known/openid-configuration", json(200, metadata))
                .on("/oauth2/token", json(200, TokenEndpointTest.success("")))
                .on("/oauth2/revoke", new MockResponse.Builder().code(200).build());
    }
}
