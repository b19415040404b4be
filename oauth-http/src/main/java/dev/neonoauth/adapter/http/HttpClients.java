package dev.neonoauth.adapter.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The OkHttp client settings every HTTP adapter of this project starts from, so that they behave alike:
 * <ul>
 *   <li>redirects are never followed (a token or API request must not be re-sent elsewhere);
 *   <li>OkHttp's silent retry on connection failure is off: a refresh token or a {@code POST} must never go out twice
 *       behind the caller's back; adapters decide retries per method;
 *   <li>connect, read, write and whole-call timeouts are set; the whole-call timeout is a {@link CallDeadline}, the
 *       first application interceptor, instead of OkHttp's {@code callTimeout} (same behaviour, without a watchdog
 *       wake-up per call).
 * </ul>
 * {@link #standardHeaders(String)} adds {@code User-Agent}, {@code Accept: application/json} and an
 * {@code X-Request-ID} to every request.
 */
public final class HttpClients {
    /** The request id header sent with every request and read back from answers. */
    public static final String REQUEST_ID = "X-Request-ID";

    private HttpClients() {}

    /**
     * A builder with the settings above and its own connection pool; add interceptors (they run inside the whole-call
     * deadline), then {@link TlsOnDemand#build} (TLS set up by the first {@code https} call; what this project's
     * adapters do) or {@code build()} (TLS set up at once, as OkHttp does by default).
     */
    public static OkHttpClient.Builder builder(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool())
                .dispatcher(new Dispatcher())
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(CallDeadline.of(callTimeout))
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
    }

    /**
     * Sets {@code User-Agent}, and {@code Accept: application/json} and a fresh {@code X-Request-ID} unless the request
     * has them.
     *
     * @param userAgent the {@code User-Agent} value, e.g. {@link UserAgent#value()}
     */
    public static Interceptor standardHeaders(String userAgent) {
        return chain -> {
            Request request = chain.request();
            Request.Builder b = request.newBuilder().header("User-Agent", userAgent);
            if (request.header(REQUEST_ID) == null) {
                b.header(REQUEST_ID, newRequestId());
            }
            if (request.header("Accept") == null) {
                b.header("Accept", "application/json");
            }
            return chain.proceed(b.build());
        };
    }

    /**
     * A random (version 4) UUID for {@code X-Request-ID}. It correlates logs and support requests and guards nothing,
     * so it is drawn from {@link ThreadLocalRandom} rather than {@code SecureRandom} (which cost 3 % of an API call).
     */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(most, least).toString();
    }
}
