package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to a MockWebServer on 127.0.0.1 standing in for an authorization server with Ory Hydra's
 * paths ({@code /oauth2/auth}, {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /userinfo}) under the issuer
 * {@code http://127.0.0.1:<port>/}. The adapter is built with {@link OAuthHttp#create(OAuthHttpConfig)} from
 * {@link #config()}: no discovery, those endpoints, short timeouts.
 */
abstract class MockAuthorizationServer {
    MockWebServer server;
    OAuthHttp oauth;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** http://127.0.0.1:port + path (never "localhost", which may resolve to ::1). */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /** The issuer, with a trailing slash as Hydra spells it. */
    String issuer() {
        return url("/").toString();
    }

    /** No discovery; Hydra's endpoints under the issuer; short timeouts. */
    OAuthHttpConfig.Builder config() {
        return OAuthHttpConfig.builder()
                .issuer(url("/"))
                .discovery(false)
                .authorizationEndpoint(url("/oauth2/auth"))
                .tokenEndpoint(url("/oauth2/token"))
                .revocationEndpoint(url("/oauth2/revoke"))
                .userinfoEndpoint(url("/userinfo"))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(10));
    }

    /** A new adapter from {@link #config()} as changed by {@code customize}; also kept as {@link #oauth}. */
    OAuthHttp oauth(UnaryOperator<OAuthHttpConfig.Builder> customize) {
        oauth = OAuthHttp.create(customize.apply(config()).build());
        return oauth;
    }

    /** Discovery through the issuer, no configured endpoints. */
    static OAuthHttpConfig.Builder discoveryOnly(OAuthHttpConfig.Builder b) {
        return b.discovery(true).authorizationEndpoint(null).tokenEndpoint(null).revocationEndpoint(null)
                .userinfoEndpoint(null);
    }

    /** The adapter built so far, or one from the plain {@link #config()}. */
    OAuthHttp oauth() {
        return oauth == null ? oauth(UnaryOperator.identity()) : oauth;
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** Hydra's discovery document (as Neon's docs show it) for {@code issuer}, its endpoints on the mock server. */
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

    /**
     * Answers by request target (path and query) instead of from a queue: unknown targets get a 404. For tests that
     * check which URLs are asked, in any order, without a request blocking on an empty queue.
     */
    Routes route() {
        Routes routes = new Routes();
        server.setDispatcher(routes);
        return routes;
    }

    static final class Routes extends Dispatcher {
        private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();

        Routes on(String target, MockResponse answer) {
            answers.put(target, answer);
            return this;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            return answers.getOrDefault(request.getTarget(), new MockResponse.Builder().code(404).build());
        }
    }

    /** The next request that reached the server (within 5 s). */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }
}
