package dev.neonoauth.adapter.neon;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code User-Agent}, {@code Accept: application/json} and {@code X-Request-ID} to every request. The request
 * id is the API call's own (from its {@link CallContext}) or a fresh UUID for OAuth requests.
 */
final class StandardHeadersInterceptor implements Interceptor {
    static final String REQUEST_ID = dev.neonoauth.adapter.http.HttpClients.REQUEST_ID;
    private final String userAgent;

    StandardHeadersInterceptor(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext context = request.tag(CallContext.class);
        String requestId = context != null ? context.requestId()
                : request.header(REQUEST_ID) != null ? request.header(REQUEST_ID) : dev.neonoauth.adapter.http.HttpClients.newRequestId();
        Request.Builder builder = request.newBuilder()
                .header("User-Agent", userAgent)
                .header(REQUEST_ID, requestId);
        if (request.header("Accept") == null) {
            builder.header("Accept", "application/json");
        }
        return chain.proceed(builder.build());
    }
}
