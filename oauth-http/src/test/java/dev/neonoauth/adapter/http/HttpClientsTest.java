package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The shared OkHttp settings, the standard headers, request ids and the User-Agent. */
class HttpClientsTest extends MockAuthorizationServer {

    @Test
    void requestIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = HttpClients.newRequestId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void theBuilderNeverFollowsRedirectsNorRetriesSilentlyAndSetsEveryTimeout() {
        OkHttpClient client = HttpClients.builder(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)).build();

        assertThat(client.followRedirects()).isFalse();
        assertThat(client.followSslRedirects()).isFalse();
        assertThat(client.retryOnConnectionFailure()).isFalse();
        assertThat(client.connectTimeoutMillis()).isEqualTo(1000);
        assertThat(client.readTimeoutMillis()).isEqualTo(2000);
        assertThat(client.writeTimeoutMillis()).isEqualTo(2000);
        assertThat(client.callTimeoutMillis()).as("OkHttp's own watchdog is not used").isZero();
        assertThat(client.interceptors()).first().isInstanceOfSatisfying(CallDeadline.class,
                deadline -> assertThat(deadline.timeout()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void theStandardHeadersAreAddedAndAnExistingRequestIdOrAcceptIsKept() throws Exception {
        OkHttpClient client = HttpClients.builder(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .addInterceptor(HttpClients.standardHeaders("test-agent/1")).build();
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(new MockResponse.Builder().code(204).build());

        try (Response ignored = client.newCall(new Request.Builder().url(url("/a").toString())
                .header("User-Agent", "someone-else").build()).execute()) {
            // the answer does not matter
        }
        try (Response ignored = client.newCall(new Request.Builder().url(url("/b").toString())
                .header(HttpClients.REQUEST_ID, "my-id").header("Accept", "text/plain").build()).execute()) {
            // the answer does not matter
        }

        RecordedRequest first = take();
        assertThat(first.getHeaders().get("User-Agent")).isEqualTo("test-agent/1");
        assertThat(first.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(UUID.fromString(first.getHeaders().get(HttpClients.REQUEST_ID)).version()).isEqualTo(4);
        RecordedRequest second = take();
        assertThat(second.getHeaders().get(HttpClients.REQUEST_ID)).isEqualTo("my-id");
        assertThat(second.getHeaders().get("Accept")).isEqualTo("text/plain");
    }

    @Test
    void theUserAgentNamesTheFilteredVersion() {
        assertThat(UserAgent.value()).isEqualTo("neon-oauth-java/" + UserAgent.version());
        assertThat(UserAgent.version()).isNotEqualTo("dev").doesNotContain("${");
    }
}
