package dev.neonoauth.core.domain;

/**
 * A refresh token. Servers that rotate refresh tokens (RFC 9700 section 4.14.2; Ory Hydra does) treat a second use
 * as theft and revoke the whole grant, so a refresh token is used at most once.
 *
 * <p>Related specifications: RFC 6749 section 1.5 and section 6; RFC 9700 section 4.14.2 (rotation).
 */
public record RefreshToken(String value) {

    public RefreshToken {
        Secrets.requireVisibleAscii(value, "refresh token");
    }

    /** Constant-time comparison. */
    public boolean sameAs(RefreshToken other) {
        return other != null && Secrets.constantTimeEquals(value, other.value);
    }

    @Override
    public String toString() {
        return "RefreshToken[" + Secrets.REDACTED + "]";
    }
}
