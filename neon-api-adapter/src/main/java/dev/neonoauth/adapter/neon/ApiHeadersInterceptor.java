package dev.neonoauth.adapter.neon;

import dev.neonoauth.adapter.http.HttpClients;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sets the headers of every API request from its {@link CallContext}: {@code User-Agent}, {@code Accept:
 * application/json} (unless the request has one), the call's {@code X-Request-ID} and {@code Authorization: Bearer
 * <token>}, in one rebuild of the request. A request that {@link ApiGet} built already carries them all (it starts from
 * {@link ApiClient#headers}) and passes unchanged.
 */
final class ApiHeadersInterceptor implements Interceptor {
    static final String REQUEST_ID = HttpClients.REQUEST_ID;
    private final String userAgent;

    ApiHeadersInterceptor(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext context = request.tag(CallContext.class);
        if (context == null) {
            throw new IllegalStateException("a Neon API request without a call context: " + request.method() + " "
                    + request.url().encodedPath());
        }
        if (context.requestId().equals(request.header(REQUEST_ID))) {
            return chain.proceed(request);
        }
        Request.Builder builder = request.newBuilder()
                .header("User-Agent", userAgent)
                .header(REQUEST_ID, context.requestId())
                .header("Authorization", context.token().bearerHeaderValue());
        if (request.header("Accept") == null) {
            builder.header("Accept", "application/json");
        }
        return chain.proceed(builder.build());
    }
}
