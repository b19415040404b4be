package dev.neonoauth.core.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an authorization request URI (RFC 6749 section 4.1.1): the endpoint's own query is kept and the parameters
 * are appended, percent-encoded as RFC 3986 section 2 says (spaces as {@code %20}).
 */
final class AuthorizationRequestUri {
    private final URI endpoint;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    AuthorizationRequestUri(URI endpoint) {
        this.endpoint = endpoint;
    }

    AuthorizationRequestUri param(String name, String value) {
        if (parameters.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("parameter " + name + " set twice");
        }
        return this;
    }

    URI build() {
        StringBuilder uri = new StringBuilder(endpoint.toString());
        String existingQuery = endpoint.getRawQuery();
        uri.append(existingQuery == null ? '?' : '&');
        boolean first = true;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!first) {
                uri.append('&');
            }
            first = false;
            uri.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return URI.create(uri.toString());
    }

    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
