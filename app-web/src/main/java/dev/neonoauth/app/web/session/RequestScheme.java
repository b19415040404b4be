package dev.neonoauth.app.web.session;

import io.javalin.http.Context;
import java.util.Locale;

/** Whether a request arrived over https, trusting a reverse proxy's {@code X-Forwarded-Proto} only when told to. */
public final class RequestScheme {
    private RequestScheme() {}

    public static boolean isHttps(Context ctx, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-Proto");
            if (forwarded != null && !forwarded.isBlank()) {
                String first = forwarded.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
                return first.equals("https");
            }
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
