package dev.neonoauth.benchmarks.api;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * MEASUREMENT BASELINE, not framework code: the cheapest reasonable way to make the same authorized call, one shared
 * {@link OkHttpClient} sending {@code GET <api>/projects?limit=400} with a hard-coded {@code Authorization: Bearer}
 * header and reading the body to a string ({@link #listProjectsJson()}). No token lookup, no decryption, no Retrofit,
 * no JSON mapping, no request id, no retry policy. {@link #listProjectsParsed()} is the same call followed by what any
 * client that uses the answer must add: Moshi parsing the body into plain objects with the fields the framework reads
 * (timestamps left as strings). The project rule "OkHttp and Moshi only in neon-api-adapter" is about the framework's
 * production modules; the benchmarks module is not part of the framework, and this class exists only to be compared
 * against.
 */
public final class BareOkHttpBaseline implements AutoCloseable {
    private static final JsonAdapter<ProjectsPage> PAGE = new Moshi.Builder().build().adapter(ProjectsPage.class);

    private final OkHttpClient client;
    private final Request request;

    /** The fields of a project the framework's {@code Project} record holds, as a hand-written client would parse them. */
    public static final class ProjectJson {
        public String id;
        public String name;
        @Json(name = "region_id") public String regionId;
        @Json(name = "pg_version") public Integer pgVersion;
        @Json(name = "created_at") public String createdAt;
        @Json(name = "updated_at") public String updatedAt;
        @Json(name = "org_id") public String orgId;
        @Json(name = "history_retention_seconds") public Integer historyRetentionSeconds;
    }

    /** The page: the projects and the pagination cursor. */
    public static final class ProjectsPage {
        public List<ProjectJson> projects;
        public Map<String, Object> pagination;
    }

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

    /** The same call, the body parsed with Moshi. */
    public List<ProjectJson> listProjectsParsed() {
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("GET /projects answered " + response.code());
            }
            ProjectsPage page = PAGE.fromJson(response.body().source());
            if (page == null || page.projects == null) {
                throw new IllegalStateException("GET /projects answered without projects");
            }
            return page.projects;
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
