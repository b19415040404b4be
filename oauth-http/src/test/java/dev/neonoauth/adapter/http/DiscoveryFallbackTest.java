package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which metadata document is used: OpenID Connect Discovery first, RFC 8414 when that does not exist (404 or 410,
 * never on a server error), the issuer check on either, and what is read from it (PKCE S256 support, client
 * authentication methods).
 */
class DiscoveryFallbackTest extends MockAuthorizationServer {
    static final String OIDC = "/.well-known/openid-configuration";
    static final String RFC8414 = "/.well-known/oauth-authorization-server";

    /** A minimal RFC 8414 document for {@code issuer} whose token endpoint is {@code tokenPath}. */
    String document(String issuer, String tokenPath) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + url("/authorize") + "\","
                + "\"token_endpoint\":\"" + url(tokenPath) + "\",\"code_challenge_methods_supported\":[\"S256\"]}";
    }

    AuthorizationServer discover(String issuer) {
        return oauth(b -> discoveryOnly(b).issuer(URI.create(issuer))).discovery().discover(URI.create(issuer));
    }

    DiscoveryException failure(String issuer) {
        DiscoveryException e = catchThrowableOfType(DiscoveryException.class, () -> discover(issuer));
        assertThat(e).as("a DiscoveryException").isNotNull();
        return e;
    }

    List<String> targets() throws InterruptedException {
        List<String> targets = new java.util.ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            targets.add(take().getTarget());
        }
        return targets;
    }

    @Nested
    class WithoutAnIssuerPath {
        @Test
        void theOpenIdDocumentIsUsedWhenItExists() throws Exception {
            route().on(OIDC, json(200, document(issuer(), "/oidc/token")))
                    .on(RFC8414, json(200, document(issuer(), "/rfc8414/token")));

            assertThat(discover(issuer()).tokenEndpoint()).isEqualTo(url("/oidc/token"));
            assertThat(targets()).containsExactly(OIDC);
        }

        @ParameterizedTest(name = "after {0}")
        @ValueSource(ints = {404, 410})
        void rfc8414IsAskedWhenThereIsNoOpenIdDocument(int status) throws Exception {
            route().on(OIDC, new MockResponse.Builder().code(status).build())
                    .on(RFC8414, json(200, document(issuer(), "/rfc8414/token")));

            AuthorizationServer server = discover(issuer());

            assertThat(server.tokenEndpoint()).isEqualTo(url("/rfc8414/token"));
            assertThat(server.issuer()).isEqualTo(URI.create(issuer()));
            assertThat(targets()).containsExactly(OIDC, RFC8414);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {500, 502, 503})
        void aServerErrorIsRetryableAndDoesNotFallBack(int status) throws Exception {
            route().on(OIDC, new MockResponse.Builder().code(status).build())
                    .on(RFC8414, json(200, document(issuer(), "/rfc8414/token")));

            DiscoveryException e = failure(issuer());

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("HTTP " + status).contains(OIDC);
            assertThat(targets()).containsExactly(OIDC);
        }

        @Test
        void neitherDocumentIsAPermanentFailureNamingTheLastUrl() throws Exception {
            route();

            DiscoveryException e = failure(issuer());

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains(RFC8414).contains("HTTP 404");
            assertThat(targets()).containsExactly(OIDC, RFC8414);
        }

        @Test
        void theFallbackDocumentMustNameTheIssuerToo() {
            route().on(RFC8414, json(200, document("https://evil.example.com", "/rfc8414/token")));

            DiscoveryException e = failure(issuer());

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("https://evil.example.com").contains("not the configured");
        }
    }

    @Nested
    class WithAnIssuerPath {
        @ParameterizedTest(name = "issuer path {0}")
        @ValueSource(strings = {"/tenant1", "/tenant1/"})
        void theWellKnownSuffixGoesBetweenTheHostAndThePath(String path) throws Exception {
            String issuer = url(path).toString();
            route().on(RFC8414 + "/tenant1", json(200, document(url("/tenant1").toString(), "/tenant1/token")));

            AuthorizationServer server = discover(issuer);

            assertThat(server.tokenEndpoint()).isEqualTo(url("/tenant1/token"));
            assertThat(targets()).containsExactly("/tenant1" + OIDC, RFC8414 + "/tenant1");
        }

        @Test
        void theOpenIdDocumentIsAppendedToThePath() throws Exception {
            String issuer = url("/tenant1").toString();
            route().on("/tenant1" + OIDC, json(200, document(issuer, "/tenant1/oidc-token")))
                    .on(RFC8414 + "/tenant1", json(200, document(issuer, "/tenant1/rfc8414-token")));

            assertThat(discover(issuer).tokenEndpoint()).isEqualTo(url("/tenant1/oidc-token"));
            assertThat(targets()).containsExactly("/tenant1" + OIDC);
        }

        @Test
        void anotherTenantsDocumentIsRefused() {
            route().on(RFC8414 + "/tenant1", json(200, document(url("/tenant2").toString(), "/tenant2/token")));

            DiscoveryException e = failure(url("/tenant1").toString());

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains(url("/tenant2").toString());
        }

        @Test
        void theRfc8414UrlIsBuiltFromTheRawIssuer() {
            assertThat(MetadataDiscovery.rfc8414Url(URI.create("https://login.example.com")))
                    .isEqualTo("https://login.example.com/.well-known/oauth-authorization-server");
            assertThat(MetadataDiscovery.rfc8414Url(URI.create("https://login.example.com/")))
                    .isEqualTo("https://login.example.com/.well-known/oauth-authorization-server");
            assertThat(MetadataDiscovery.rfc8414Url(URI.create("https://login.example.com:8443/a/b%20c/")))
                    .isEqualTo("https://login.example.com:8443/.well-known/oauth-authorization-server/a/b%20c");
        }
    }

    @Nested
    class WhatIsRead {
        String withField(String json) {
            return "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + url("/authorize") + "\","
                    + "\"token_endpoint\":\"" + url("/token") + "\"" + json + "}";
        }

        @Test
        void metadataWithoutS256IsRefused() {
            route().on(OIDC, json(200, withField(",\"code_challenge_methods_supported\":[\"plain\"]")));

            DiscoveryException e = failure(issuer());

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("S256");
        }

        @ParameterizedTest(name = "code_challenge_methods_supported {0}")
        @ValueSource(strings = {"[\"S256\"]", "[\"plain\",\"S256\"]", "[]"})
        void metadataListingS256OrNothingIsAccepted(String methods) {
            route().on(OIDC, json(200, withField(",\"code_challenge_methods_supported\":" + methods)));

            assertThat(discover(issuer()).tokenEndpoint()).isEqualTo(url("/token"));
        }

        @Test
        void metadataWithoutTheFieldIsAccepted() {
            route().on(OIDC, json(200, withField("")));

            AuthorizationServer server = discover(issuer());

            assertThat(server.tokenEndpointAuthMethodsSupported()).as("unknown").isEmpty();
            assertThat(server.revocationEndpoint()).isEmpty();
            assertThat(server.userinfoEndpoint()).isEmpty();
        }

        @Test
        void theTokenEndpointAuthMethodsAreRead() {
            route().on(OIDC, json(200, withField(
                    ",\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"private_key_jwt\"]")));

            assertThat(discover(issuer()).tokenEndpointAuthMethodsSupported())
                    .containsExactly("client_secret_post", "private_key_jwt");
        }

        @ParameterizedTest(name = "token_endpoint_auth_methods_supported {0}")
        @ValueSource(strings = {"\"client_secret_basic\"", "[1]", "{}"})
        void authMethodsThatAreNotAListOfStringsAreRefused(String value) {
            route().on(OIDC, json(200, withField(",\"token_endpoint_auth_methods_supported\":" + value)));

            DiscoveryException e = failure(issuer());

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("token_endpoint_auth_methods_supported");
        }
    }
}
