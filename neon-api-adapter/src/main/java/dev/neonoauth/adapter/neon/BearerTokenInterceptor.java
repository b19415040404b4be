package dev.neonoauth.adapter.neon;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Sets {@code Authorization: Bearer <token>} from the request's {@link CallContext}. */
final class BearerTokenInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext context = request.tag(CallContext.class);
        if (context == null) {
            throw new IllegalStateException("a Neon API request without a call context: " + request.method() + " " + request.url().encodedPath());
        }
        return chain.proceed(request.newBuilder().header("Authorization", context.token().bearerHeaderValue()).build());
    }
}
