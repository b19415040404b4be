package dev.neonoauth.sandbox.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/** Response helpers shared by the OAuth server and the API. */
public final class HttpSupport {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HttpSupport() {
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(toJson(body));
    }

    /** Token responses and anything carrying secrets must not be cached (RFC 6749 5.1). */
    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    /**
     * Sends an HTML page with a strict Content-Security-Policy (no scripts at all, styles and images only from the
     * sandbox and the listed origins, forms only to the sandbox and the listed origins) and clickjacking protection.
     */
    public static void html(Context ctx, int status, String html, Set<String> extraImageOrigins, Set<String> extraFormTargets) {
        String img = String.join(" ", withSelf(extraImageOrigins));
        String form = String.join(" ", withSelf(extraFormTargets));
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src " + img + "; form-action "
                + form + "; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        noStore(ctx);
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    /** {@code scheme://host[:port]} of an absolute URI, or {@code null}. */
    public static String origin(String uri) {
        try {
            URI u = URI.create(uri);
            if (!u.isAbsolute() || u.getHost() == null) {
                return null;
            }
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<String> withSelf(Set<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        all.add("'self'");
        for (String e : extra) {
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }

    public static String escapeHtml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
