package dev.neonoauth.adapter.neon;

import dev.neonoauth.adapter.http.HttpClients;
import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.http.ResponseSizeLimitInterceptor;
import dev.neonoauth.adapter.http.UserAgent;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP client of Neon's API v2, on oauth-http's shared settings ({@link HttpClients}: no redirects, no silent
 * retries, timeouts) plus this module's request-id header, send tracking and capped response bodies.
 */
final class HttpStack {
    /** The logger of the API's traffic. */
    static final String LOGGER_NAME = "dev.neonoauth.adapter.neon.http";
    private final NeonApiConfig config;
    private final OkHttpClient base;

    HttpStack(NeonApiConfig config) {
        this.config = config;
        this.base = HttpClients.builder(config.connectTimeout(), config.readTimeout(), config.callTimeout())
                .eventListenerFactory(SendTracker.FACTORY)
                .addInterceptor(new StandardHeadersInterceptor(UserAgent.value()))
                .build();
    }

    NeonApiConfig config() {
        return config;
    }

    /** The API v2 service, with a bearer interceptor and a 401 authenticator bound to an access-token provider. */
    NeonV2Service api(Interceptor bearer, Authenticator authenticator) {
        OkHttpClient.Builder builder = base.newBuilder()
                .addInterceptor(bearer)
                .addInterceptor(new ResponseSizeLimitInterceptor(config.maxApiResponseBytes()));
        if (config.httpLogLevel() != HttpLogLevel.NONE) {
            builder.addInterceptor(new HttpTrafficLog(config.httpLogLevel(), LOGGER_NAME));
        }
        return new Retrofit.Builder()
                .baseUrl(HttpUrl.get(config.apiBaseUrlWithSlash()))
                .client(builder.authenticator(authenticator).build())
                .addConverterFactory(MoshiConverterFactory.create(Json.MOSHI))
                .build()
                .create(NeonV2Service.class);
    }
}
