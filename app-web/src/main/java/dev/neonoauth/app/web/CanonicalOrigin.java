package dev.neonoauth.app.web;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one origin the app is served on: the redirect URI's ({@code http://127.0.0.1:<port>} in embedded mode). The
 * browser keeps the session cookie for the host it used, and Neon sends it back to the redirect URI's host; a browser
 * that opened the app under another name ({@code http://localhost:3000} for {@code http://127.0.0.1:3000}) would come
 * back without its session and be told that "the authorization was started in another browser session". So every
 * request for another host is redirected here, before a session is created, and both addresses work.
 *
 * <p>The request's host is its {@code Host} header or, with {@code TRUST_PROXY}, a reverse proxy's
 * {@code X-Forwarded-Host} (first value) when it sent one. Only the host name is compared, and the port when the request
 * names one; never the scheme: without {@code TRUST_PROXY} the app cannot see whether the browser used https at a
 * proxy, and redirecting on a scheme it cannot see would loop.
 *
 * <p>GET and HEAD are answered {@code 302 Found}: temporary, so that no browser caches it (an embedded run may be on
 * another port next time, an operator may change {@code NEON_REDIRECT_URI}). Other methods are answered
 * {@code 308 Permanent Redirect}, which keeps the method and the body (a 301 or 302 lets a browser turn a POST into a
 * GET); browsers do not reuse a cached redirect of a POST.
 */
final class CanonicalOrigin {
    static final int FOR_GET = 302;
    static final int FOR_OTHER_METHODS = 308;

    private final String origin;
    private final String host;
    private final int port;

    private CanonicalOrigin(String origin, String host, int port) {
        this.origin = origin;
        this.host = host;
        this.port = port;
    }

    /** The origin of {@code redirectUri} (scheme, host and port; the path is the callback's). */
    static CanonicalOrigin of(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri == null");
        String scheme = redirectUri.getScheme().toLowerCase(Locale.ROOT);
        String host = redirectUri.getHost().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = redirectUri.getPort() != -1 ? redirectUri.getPort() : defaultPort;
        return new CanonicalOrigin(scheme + "://" + host + (port == defaultPort ? "" : ":" + port), host, port);
    }

    /** {@code scheme://host[:port]}, without a trailing slash. */
    String origin() {
        return origin;
    }

    /**
     * Where to send a request that named {@code requestHost} ({@code host[:port]} as in a Host header; null when the
     * request had none) for {@code rawPathAndQuery}; empty when it already came to this origin.
     */
    Optional<String> redirectFor(String requestHost, String rawPathAndQuery) {
        if (requestHost != null && matches(requestHost.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(origin + (rawPathAndQuery.startsWith("/") ? rawPathAndQuery : "/" + rawPathAndQuery));
    }

    private boolean matches(String authority) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']');
        String name = hasPort ? authority.substring(0, colon) : authority;
        if (!name.equals(host)) {
            return false;
        }
        return !hasPort || authority.substring(colon + 1).equals(Integer.toString(port));
    }

    /** The status for a redirect of a request with this method (see the class comment). */
    static int statusFor(String method) {
        return method.equals("GET") || method.equals("HEAD") ? FOR_GET : FOR_OTHER_METHODS;
    }

    @Override
    public String toString() {
        return origin;
    }
}
