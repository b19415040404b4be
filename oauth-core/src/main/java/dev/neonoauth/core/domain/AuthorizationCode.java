package dev.neonoauth.core.domain;

/**
 * An authorization code from the callback: short-lived, single-use, and a secret until exchanged.
 *
 * <p>Related specifications: RFC 6749 section 4.1.2 and section 10.5.
 */
public record AuthorizationCode(String value) {
    /** Longest code accepted from a callback. */
    public static final int MAX_LENGTH = 2048;

    public AuthorizationCode {
        Secrets.requireVisibleAscii(value, "authorization code");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("authorization code is longer than " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCode[" + Secrets.REDACTED + "]";
    }
}
