package dev.neonoauth.core.domain;

import java.security.MessageDigest;
import java.util.Objects;

/** Helpers shared by the secret-carrying value types. Not part of the public API. */
final class Secrets {
    static final String REDACTED = "[redacted]";

    private Secrets() {}

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, () -> name + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Compares two strings in time independent of where they first differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** RFC 6749 Appendix A: VSCHAR = %x20-7E. Tokens and codes are restricted to it. */
    static String requireVisibleAscii(String value, String name) {
        requireText(value, name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(name + " contains a character outside %x20-7E at index " + i);
            }
        }
        return value;
    }
}
