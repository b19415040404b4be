package dev.neonoauth.app.web;

import dev.neonoauth.core.domain.AuthorizationServer;
import io.javalin.http.Context;
import java.net.URI;

/**
 * The headers every response carries. The Content-Security-Policy allows no inline script and no script at all
 * (the app needs none), styles only from this origin, no framing; {@code form-action} names this origin and the
 * authorization server, because the "Connect Neon" form's POST is answered with a redirect there and browsers
 * apply {@code form-action} to redirects after a form submission. {@code Referrer-Policy: no-referrer} keeps the
 * callback URL, which carries the authorization code, out of any Referer header.
 */
final class SecurityHeaders {
    private final String csp;

    SecurityHeaders(AuthorizationServer server) {
        this.csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
                + "form-action 'self' " + origin(server.authorizationEndpoint()) + "; "
                + "frame-ancestors 'none'; base-uri 'none'";
    }

    String contentSecurityPolicy() {
        return csp;
    }

    void apply(Context ctx, boolean https) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "public, max-age=300");
        } else {
            ctx.header("Cache-Control", "no-store");
        }
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
