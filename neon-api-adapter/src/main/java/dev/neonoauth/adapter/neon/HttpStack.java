package dev.neonoauth.adapter.neon;

import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP clients of the module, sharing one connection pool and dispatcher:
 * <ul>
 *   <li>redirects are never followed (a token or API request must not be re-sent elsewhere);
 *   <li>OkHttp's silent retry on connection failure is off: a refresh token or a {@code POST /projects} must never
 *       go out twice behind the caller's back. Retries are decided by this adapter, per method;
 *   <li>every request gets {@code User-Agent}, {@code X-Request-ID} and a capped response body.
 * </ul>
 */
final class HttpStack {
    private final NeonApiConfig config;
    private final OkHttpClient base;
    private final OkHttpClient oauthClient;
    private final Retrofit oauthRetrofit;

    HttpStack(NeonApiConfig config) {
        this.config = config;
        this.base = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool())
                .dispatcher(new Dispatcher())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .eventListenerFactory(SendTracker.FACTORY)
                .addInterceptor(new StandardHeadersInterceptor(UserAgent.value()))
                .build();
        this.oauthClient = withLogger(base.newBuilder()
                .addInterceptor(new ResponseSizeLimitInterceptor(config.maxOAuthResponseBytes())))
                .build();
        this.oauthRetrofit = new Retrofit.Builder()
                .baseUrl(HttpUrl.get(config.normalizedIssuer().toString()))
                .client(oauthClient)
                .addConverterFactory(MoshiConverterFactory.create(Json.MOSHI))
                .build();
    }

    /** The redacting logger goes into the chain only when HTTP logging is on (level {@code NONE} is the default). */
    private OkHttpClient.Builder withLogger(OkHttpClient.Builder builder) {
        return config.httpLogLevel() == NeonApiConfig.HttpLogLevel.NONE
                ? builder
                : builder.addInterceptor(new RedactingHttpLogger(config.httpLogLevel()));
    }

    NeonApiConfig config() {
        return config;
    }

    /** The OAuth endpoints; every method takes an absolute {@code @Url}. */
    NeonOAuthService oauth() {
        return oauthRetrofit.create(NeonOAuthService.class);
    }

    /** The API v2 service, with a bearer interceptor and a 401 authenticator bound to an access-token provider. */
    NeonV2Service api(Interceptor bearer, Authenticator authenticator) {
        OkHttpClient client = withLogger(base.newBuilder()
                .addInterceptor(bearer)
                .addInterceptor(new ResponseSizeLimitInterceptor(config.maxApiResponseBytes())))
                .authenticator(authenticator)
                .build();
        return new Retrofit.Builder()
                .baseUrl(HttpUrl.get(config.apiBaseUrlWithSlash()))
                .client(client)
                .addConverterFactory(MoshiConverterFactory.create(Json.MOSHI))
                .build()
                .create(NeonV2Service.class);
    }
}
