package dev.neonoauth.core.domain;

/**
 * A bearer access token, treated as an opaque string (Ory Hydra's, for one, start {@code ory_at_}).
 *
 * <p>Related specifications: RFC 6749 section 1.4 and section 5.1; RFC 6750 (bearer usage).
 */
public record AccessToken(String value) {

    public AccessToken {
        Secrets.requireVisibleAscii(value, "access token");
    }

    /** The {@code Authorization} header value for this token (RFC 6750 section 2.1). */
    public String bearerHeaderValue() {
        return "Bearer " + value;
    }

    /** Constant-time comparison. */
    public boolean sameAs(AccessToken other) {
        return other != null && Secrets.constantTimeEquals(value, other.value);
    }

    @Override
    public String toString() {
        return "AccessToken[" + Secrets.REDACTED + "]";
    }
}
