package dev.neonoauth.core.domain;

import java.net.URI;
import java.util.Locale;

/** Rules for redirect URIs (RFC 6749 section 3.1.2; RFC 8252 section 7.3 and 8.3). */
final class RedirectUris {
    private RedirectUris() {}

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1")
                || h.startsWith("127.");
    }

    /**
     * A redirect URI is absolute, has no fragment, and is https unless it points at the loopback interface.
     */
    static URI requireValid(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("a redirect URI must be absolute with a host (RFC 6749 section 3.1.2): " + uri);
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("a redirect URI must not have a fragment (RFC 6749 section 3.1.2)");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopbackHost(uri.getHost());
        if (!https && !loopbackHttp) {
            throw new IllegalArgumentException(
                    "a redirect URI must use https, or http on a loopback host (RFC 8252 section 7.3): " + uri);
        }
        return uri;
    }
}
