package dev.neonoauth.adapter.neon;

import dev.neonoauth.neon.NeonScopes;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to a MockWebServer on 127.0.0.1 standing in for Neon's API (at {@code /api/v2}) and,
 * where a test wires oauth-http next to the adapter, its OAuth server (at {@code /}). The adapter is built through
 * {@link NeonApiModule} with a fake token provider and a fake clock, so retries do not wait. Every API request taken
 * with {@link #take()} is validated against neon-api-v2.yaml.
 */
abstract class MockNeonServer {
    static final AccountKey ACCOUNT = AccountKey.of("casey");
    static final String TOKEN = "ory_at_first-access-token-0001";
    static final String REFRESHED = "ory_at_refreshed-access-token-0002";

    MockWebServer server;
    FakeAccessTokenProvider tokens;
    FakeTime time;
    Injector injector;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        tokens = new FakeAccessTokenProvider().connect(ACCOUNT, TOKEN, NeonScopes.DEFAULT);
        time = new FakeTime();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** http://127.0.0.1:port + path (never "localhost", which may resolve to ::1). */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    NeonApiConfig.Builder config() {
        return NeonApiConfig.builder()
                .issuer(url("/"))
                .useDiscovery(false)
                .apiBaseUrl(url("/api/v2"))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(10));
    }

    Injector inject(UnaryOperator<NeonApiConfig.Builder> customize, int projectsPageSize) {
        NeonApiConfig config = customize.apply(config()).build();
        injector = Guice.createInjector(new NeonApiModule(config, time, time, projectsPageSize),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));
        return injector;
    }

    <T> T get(Class<T> type) {
        if (injector == null) {
            inject(UnaryOperator.identity(), 2);
        }
        return injector.getInstance(type);
    }

    void enqueue(int status, String fixture) {
        server.enqueue(json(status, Fixtures.read(fixture)));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** The next request, validated against neon-api-v2.yaml when it went to the API. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        if (request.getUrl().encodedPath().startsWith("/api/v2/")) {
            OpenApiContract.assertConforms(request);
        }
        return request;
    }

    String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }
}
