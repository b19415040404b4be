package dev.neonoauth.app.web;

import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.InfrastructureException;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers every response carries, the app's pages and Jetty's own error pages alike (see {@link JettyErrorPages}).
 * The Content-Security-Policy allows no inline script, only the app's own script file ({@code /static/app.js}: the Copy
 * buttons, which every page works without), styles only from
 * this origin, no framing; {@code form-action} names this origin and the authorization server, because the "Connect
 * Neon" form's POST is answered with a redirect there and browsers apply {@code form-action} to redirects after a form
 * submission. {@code Referrer-Policy: no-referrer} keeps the callback URL, which carries the authorization code, out
 * of any Referer header.
 */
final class SecurityHeaders {
    private final AuthorizationServerSource server;
    private volatile String csp;

    SecurityHeaders(AuthorizationServerSource server) {
        this.server = server;
    }

    /**
     * The policy, built on first use (the authorization server is resolved then, not while the app is assembled). If
     * the server cannot be resolved yet, {@code form-action} names this origin alone, and the next response tries
     * again.
     */
    String contentSecurityPolicy() {
        String policy = csp;
        if (policy != null) {
            return policy;
        }
        String authorizationOrigin;
        try {
            authorizationOrigin = " " + origin(server.current().authorizationEndpoint());
        } catch (InfrastructureException e) {
            return policy(""); // not cached: the connect route reports the failure itself
        }
        policy = policy(authorizationOrigin);
        csp = policy;
        return policy;
    }

    private static String policy(String authorizationOrigin) {
        return "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
                + "form-action 'self'" + authorizationOrigin + "; frame-ancestors 'none'; base-uri 'none'";
    }

    void apply(Context ctx, boolean https) {
        headers(https, ctx.path().startsWith("/static/")).forEach(ctx::header);
    }

    /** The headers, in order, for a response over https or not, for a static asset (cacheable) or not. */
    Map<String, String> headers(boolean https, boolean staticAsset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (https) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
        headers.put("Cache-Control", staticAsset ? "public, max-age=300" : "no-store");
        return headers;
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
