package dev.neonoauth.app.web.session;

import io.javalin.http.Context;
import java.util.Locale;

/** Whether a request arrived over https, trusting a reverse proxy's {@code X-Forwarded-Proto} only when told to. */
public final class RequestScheme {
    private RequestScheme() {}

    public static boolean isHttps(Context ctx, boolean trustProxy) {
        return isHttps(ctx.scheme(), ctx.header("X-Forwarded-Proto"), trustProxy);
    }

    /**
     * The same decision from the raw values, for code that has no Javalin context (Jetty's own error pages).
     *
     * @param scheme the scheme the connection used
     * @param forwardedProto the {@code X-Forwarded-Proto} header, or null
     */
    public static boolean isHttps(String scheme, String forwardedProto, boolean trustProxy) {
        if (trustProxy && forwardedProto != null && !forwardedProto.isBlank()) {
            String first = forwardedProto.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
            return first.equals("https");
        }
        return "https".equalsIgnoreCase(scheme);
    }
}
