package dev.neonoauth.core.domain;

import java.util.Locale;

/**
 * How a client authenticates at the token and revocation endpoints.
 *
 * <p>Related specifications: RFC 6749 section 2.3.1; RFC 7591 section 2 ({@code token_endpoint_auth_method}
 * values).
 */
public enum ClientAuthenticationMethod {
    /** {@code client_id} and {@code client_secret} in the form body (RFC 6749 section 2.3.1). */
    CLIENT_SECRET_POST("client_secret_post"),
    /** HTTP Basic with the form-urlencoded client id and secret; every server must support it (RFC 6749 section 2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A public client: {@code client_id} in the body and no secret (CLIs, native apps). */
    NONE("none");

    private final String parameterValue;

    ClientAuthenticationMethod(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    public String parameterValue() {
        return parameterValue;
    }

    /** Parses the registered name ({@code client_secret_post}, ...), case-insensitively. */
    public static ClientAuthenticationMethod parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ClientAuthenticationMethod method : values()) {
            if (method.parameterValue.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException(
                "unknown client authentication method '" + value + "' (expected client_secret_post, client_secret_basic or none)");
    }
}
