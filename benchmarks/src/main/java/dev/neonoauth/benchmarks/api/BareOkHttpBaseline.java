package dev.neonoauth.benchmarks.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * MEASUREMENT BASELINE, not framework code: the cheapest reasonable way to make the same authorized call, one shared
 * {@link OkHttpClient} sending {@code GET <api>/projects?limit=400} with a hard-coded {@code Authorization: Bearer}
 * header and reading the body to a string. No token lookup, no decryption, no Retrofit, no JSON mapping, no
 * request id, no retry policy. The project rule "OkHttp only in neon-api-adapter" is about the framework's production
 * modules; the benchmarks module is not part of the framework, and this class exists only to be compared against.
 */
public final class BareOkHttpBaseline implements AutoCloseable {
    private final OkHttpClient client;
    private final Request request;

    public BareOkHttpBaseline(URI apiBaseUri, String bearerToken) {
        this.client = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .followRedirects(false)
                .build();
        this.request = new Request.Builder()
                .url(apiBaseUri + "/projects?limit=400")
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json")
                .get()
                .build();
    }

    /** One call: the body as a string (the status is checked, so an error cannot pass for a fast success). */
    public String listProjectsJson() {
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("GET /projects answered " + response.code());
            }
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
