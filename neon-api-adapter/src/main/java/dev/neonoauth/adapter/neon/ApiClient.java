package dev.neonoauth.adapter.neon;

import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * What every request of the API shares, built once: the OkHttp client with its interceptors and authenticator (a
 * {@link dev.neonoauth.adapter.http.TlsOnDemand}: TLS is set up by the first {@code https} call, so a plain-http base
 * URL on loopback needs none), the base URL (resolved once), and the constant headers ({@code User-Agent},
 * {@code Accept}).
 *
 * @param headers {@code User-Agent} and {@code Accept: application/json}, the start of every request {@link ApiGet} builds
 */
record ApiClient(Call.Factory http, HttpUrl baseUrl, Headers headers) {
    ApiClient(Call.Factory http, HttpUrl baseUrl, String userAgent) {
        this(http, baseUrl, Headers.of("User-Agent", userAgent, "Accept", "application/json"));
    }

    /**
     * The base URL with {@code path} appended, e.g. {@code /projects/shiny-wind-028834/branches}. Every segment is
     * percent-encoded as a path segment; callers pass paths built from checked ids ({@code [a-z0-9-]}).
     */
    HttpUrl url(String path) {
        return baseUrl.newBuilder().addPathSegments(path.substring(1)).build();
    }
}
