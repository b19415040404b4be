package dev.neonoauth.core.port.in;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a redirect to the client's callback, as they arrived, with every value of every name kept so
 * that duplicates can be refused (RFC 6749 section 3.1: parameters must not be included more than once).
 *
 * @param parameters the decoded query parameters, in arrival order
 * @param sessionBinding the binding of the browser session the callback arrived in, if the client has sessions
 * @param malformed true when the raw query could not be decoded (broken percent-encoding, invalid UTF-8)
 */
public record AuthorizationCallback(Map<String, List<String>> parameters, Optional<String> sessionBinding, boolean malformed) {
    /** Longest query string accepted; longer ones are treated as malformed without being decoded. */
    public static final int MAX_QUERY_LENGTH = 8192;

    public AuthorizationCallback {
        Objects.requireNonNull(parameters, "parameters == null");
        Objects.requireNonNull(sessionBinding, "sessionBinding == null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(Objects.requireNonNull(k), List.copyOf(v)));
        parameters = Collections.unmodifiableMap(copy);
    }

    /** A callback from already-decoded parameters. */
    public static AuthorizationCallback of(Map<String, List<String>> parameters) {
        return new AuthorizationCallback(parameters, Optional.empty(), false);
    }

    /**
     * Parses a raw query string ({@code code=...&state=...}), strictly: {@code %} must start a valid escape, the
     * bytes must be valid UTF-8, and {@code +} means a space (application/x-www-form-urlencoded).
     */
    public static AuthorizationCallback fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return of(Map.of());
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            return new AuthorizationCallback(Map.of(), Optional.empty(), true);
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            Optional<String> name = decode(rawName);
            Optional<String> value = decode(rawValue);
            if (name.isEmpty() || value.isEmpty()) {
                return new AuthorizationCallback(Map.of(), Optional.empty(), true);
            }
            parameters.computeIfAbsent(name.get(), k -> new ArrayList<>()).add(value.get());
        }
        return of(parameters);
    }

    public AuthorizationCallback withSessionBinding(String binding) {
        return new AuthorizationCallback(parameters, Optional.of(binding), malformed);
    }

    /** All values of a parameter (empty list when absent). */
    public List<String> values(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    private static Optional<String> decode(String raw) {
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) ((hi << 4) + lo);
                i += 2;
            } else if (c == '+') {
                out[n++] = ' ';
            } else if (c > 0x7f) {
                return Optional.empty();
            } else {
                out[n++] = (byte) c;
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(java.nio.ByteBuffer.wrap(out, 0, n)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCallback{parameters=" + parameters.keySet() + ", malformed=" + malformed + "}";
    }
}
