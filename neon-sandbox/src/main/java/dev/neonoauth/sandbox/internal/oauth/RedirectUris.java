package dev.neonoauth.sandbox.internal.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * fosite's redirect URI matching ({@code authorize_helper.go}): an exact string match against a registered URI,
 * or, for {@code http} URIs whose host is a loopback IP literal ({@code 127.0.0.1}, {@code [::1]}), a match that
 * ignores the port but requires the same host, path and query (RFC 8252 7.3; NEON.md 1.4). {@code localhost} is
 * not an IP literal, so it gets no port leeway.
 */
public final class RedirectUris {

    private static final Pattern IP_LITERAL = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+])$");

    private RedirectUris() {
    }

    /** The registered URI the requested one matches, if any. */
    public static Optional<String> match(List<String> registered, String requested) {
        if (requested == null || requested.isEmpty()) {
            return Optional.empty();
        }
        for (String r : registered) {
            if (r.equals(requested)) {
                return Optional.of(r);
            }
        }
        for (String r : registered) {
            if (isMatchingAsLoopback(r, requested)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static boolean isMatchingAsLoopback(String registeredUri, String requestedUri) {
        try {
            URI registered = new URI(registeredUri);
            URI requested = new URI(requestedUri);
            return "http".equals(requested.getScheme())
                    && "http".equals(registered.getScheme())
                    && requested.getRawFragment() == null
                    && isLoopbackAddress(requested.getHost())
                    && Objects.equals(registered.getHost(), requested.getHost())
                    && Objects.equals(registered.getRawPath(), requested.getRawPath())
                    && Objects.equals(registered.getRawQuery(), requested.getRawQuery())
                    && requested.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Go's {@code net.ParseIP(host).IsLoopback()}: true only for IP literals in 127/8 or ::1. */
    static boolean isLoopbackAddress(String host) {
        if (host == null || !IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
