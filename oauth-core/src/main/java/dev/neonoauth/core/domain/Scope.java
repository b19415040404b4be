package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * One OAuth scope token. Every scope a server defines is a valid value; the constants name the two OpenID Connect defines.
 *
 * <p>Related specifications: RFC 6749 section 3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, so no
 * space, no double quote, no backslash and no control or non-ASCII character.
 */
public record Scope(String value) {
    /** OpenID Connect: ask for an id_token. */
    public static final Scope OPENID = new Scope("openid");
    /** The OpenID Connect scope for a refresh token (OpenID Connect Core section 11). */
    public static final Scope OFFLINE_ACCESS = new Scope("offline_access");

    public Scope {
        Objects.requireNonNull(value, "scope == null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a scope token is at least one character (RFC 6749 section 3.3)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isScopeTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "invalid character at index " + i + " of a scope token (RFC 6749 section 3.3)");
            }
        }
    }

    public static Scope of(String value) {
        return new Scope(value);
    }

    static boolean isScopeTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
    }

    @Override
    public String toString() {
        return value;
    }
}
