package dev.neonoauth.sandbox;

import java.util.Locale;

/**
 * How the token endpoint answers a refresh token that is no longer active: one already rotated (reuse), revoked, or
 * part of a grant revoked by reuse detection. In every case the whole grant is revoked; only the answer differs
 * between fosite releases (Hydra's OAuth library, {@code handler/oauth2/flow_refresh.go}).
 */
public enum RefreshReuseError {
    /**
     * fosite 0.40 to 0.48, which the Hydra 1.x releases whose discovery document the sandbox serves are built on:
     * HTTP 401 {@code {"error":"token_inactive","error_description":"Token is inactive because it is malformed,
     * expired or otherwise invalid. Token validation failed."}}. The default.
     */
    TOKEN_INACTIVE("token_inactive"),
    /**
     * fosite 0.49 and later (December 2024): HTTP 400 {@code invalid_grant} "... The refresh token was already used."
     */
    INVALID_GRANT("invalid_grant");

    /** The environment variable the standalone sandbox reads: {@code token_inactive} or {@code invalid_grant}. */
    public static final String ENV = "NEON_SANDBOX_REFRESH_REUSE_ERROR";

    private final String wire;

    RefreshReuseError(String wire) {
        this.wire = wire;
    }

    /** The OAuth error code: {@code token_inactive} or {@code invalid_grant}. */
    public String errorCode() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException for anything but {@code token_inactive} or {@code invalid_grant} (any case)
     */
    public static RefreshReuseError parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (RefreshReuseError e : values()) {
            if (e.wire.equals(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("refresh reuse error must be token_inactive or invalid_grant, got '" + value + "'");
    }
}
