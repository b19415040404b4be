package dev.neonoauth.adapter.neon;

import dev.neonoauth.adapter.http.HttpClients;
import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.http.ResponseSizeLimitInterceptor;
import dev.neonoauth.adapter.http.TlsOnDemand;
import dev.neonoauth.adapter.http.UserAgent;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP client of Neon's API v2, on oauth-http's shared settings ({@link HttpClients}: no redirects, no silent
 * retries, timeouts, the whole-call deadline) plus this module's headers (request id, bearer token), send tracking and
 * capped response bodies. One client serves the Retrofit service and the direct {@link ApiGet}s. It sets up TLS (the
 * JDK's trust store, an {@code SSLContext}) at its first {@code https} call ({@link TlsOnDemand}), so the sandbox's
 * plain-http API on loopback costs none.
 */
final class HttpStack {
    /** The logger of the API's traffic. */
    static final String LOGGER_NAME = "dev.neonoauth.adapter.neon.http";
    private final NeonApiConfig config;
    private final String userAgent = UserAgent.value();

    HttpStack(NeonApiConfig config) {
        this.config = config;
    }

    NeonApiConfig config() {
        return config;
    }

    /**
     * The client, with the API's headers and a 401 authenticator bound to an access-token provider; TLS is set up by
     * its first https call.
     */
    ApiClient client(Authenticator authenticator) {
        OkHttpClient.Builder builder = HttpClients.builder(config.connectTimeout(), config.readTimeout(), config.callTimeout())
                .eventListenerFactory(SendTracker.FACTORY)
                .addInterceptor(new ApiHeadersInterceptor(userAgent))
                .addInterceptor(new ResponseSizeLimitInterceptor(config.maxApiResponseBytes()));
        if (config.httpLogLevel() != HttpLogLevel.NONE) {
            builder.addInterceptor(new HttpTrafficLog(config.httpLogLevel(), LOGGER_NAME));
        }
        return new ApiClient(TlsOnDemand.build(builder.authenticator(authenticator)),
                HttpUrl.get(config.apiBaseUrlWithSlash()), userAgent);
    }

    /** The API v2 service over {@code client}. */
    static NeonV2Service service(ApiClient client) {
        return new Retrofit.Builder()
                .baseUrl(client.baseUrl())
                .callFactory(client.http())
                .addConverterFactory(MoshiConverterFactory.create(Json.MOSHI))
                .build()
                .create(NeonV2Service.class);
    }
}
