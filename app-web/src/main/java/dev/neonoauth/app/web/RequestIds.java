package dev.neonoauth.app.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A random id per request: in the X-Request-ID header, the access log and error pages. */
final class RequestIds {
    static final String ATTRIBUTE = "neon-oauth.request-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String assign(Context ctx) {
        String id = newId();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("X-Request-ID", id);
        return id;
    }

    /** A fresh id, for responses outside a Javalin request (Jetty's own error pages). */
    static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? assign(ctx) : id;
    }
}
