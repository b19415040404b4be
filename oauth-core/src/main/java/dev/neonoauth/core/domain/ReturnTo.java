package dev.neonoauth.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Validation of post-login return targets: only same-origin relative paths, so the flow cannot be turned into an
 * open redirector (RFC 6749 section 10.15; RFC 9700 section 4.11).
 */
public final class ReturnTo {
    public static final int MAX_LENGTH = 512;

    private ReturnTo() {}

    /**
     * Returns the path if it is a safe same-origin relative path: starts with a single {@code /}, no scheme, no
     * {@code //} or {@code /\} authority trick, no backslash, no control or whitespace character, no fragment.
     */
    public static Optional<String> sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (candidate.charAt(0) != '/' || candidate.startsWith("//") || candidate.startsWith("/\\")) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c == '\\' || c == '#' || c <= 0x20 || c >= 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of(candidate);
    }

    static String requireSafe(String candidate) {
        Objects.requireNonNull(candidate, "returnTo == null");
        return sanitize(candidate).orElseThrow(
                () -> new IllegalArgumentException("returnTo must be a same-origin relative path"));
    }
}
