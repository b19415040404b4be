package dev.neonoauth.core.domain;

import java.util.Objects;

/**
 * An OAuth error code: an open value type whose constants name the registered codes, and which keeps any code a
 * server sends, known or not.
 *
 * <p>Related specifications: RFC 6749 section 4.1.2.1 (authorization errors) and section 5.2 (token errors);
 * RFC 6750 section 3.1 ({@code invalid_token}); RFC 7009 section 2.2.1; Ory Hydra's {@code token_inactive}.
 */
public record OAuthErrorCode(String value) {
    public static final OAuthErrorCode INVALID_REQUEST = new OAuthErrorCode("invalid_request");
    public static final OAuthErrorCode INVALID_CLIENT = new OAuthErrorCode("invalid_client");
    public static final OAuthErrorCode INVALID_GRANT = new OAuthErrorCode("invalid_grant");
    public static final OAuthErrorCode UNAUTHORIZED_CLIENT = new OAuthErrorCode("unauthorized_client");
    public static final OAuthErrorCode UNSUPPORTED_GRANT_TYPE = new OAuthErrorCode("unsupported_grant_type");
    public static final OAuthErrorCode UNSUPPORTED_RESPONSE_TYPE = new OAuthErrorCode("unsupported_response_type");
    public static final OAuthErrorCode INVALID_SCOPE = new OAuthErrorCode("invalid_scope");
    public static final OAuthErrorCode ACCESS_DENIED = new OAuthErrorCode("access_denied");
    public static final OAuthErrorCode SERVER_ERROR = new OAuthErrorCode("server_error");
    public static final OAuthErrorCode TEMPORARILY_UNAVAILABLE = new OAuthErrorCode("temporarily_unavailable");
    public static final OAuthErrorCode INVALID_TOKEN = new OAuthErrorCode("invalid_token");
    public static final OAuthErrorCode TOKEN_INACTIVE = new OAuthErrorCode("token_inactive");
    public static final OAuthErrorCode UNSUPPORTED_TOKEN_TYPE = new OAuthErrorCode("unsupported_token_type");

    public OAuthErrorCode {
        Objects.requireNonNull(value, "error code == null");
        if (value.isEmpty() || value.length() > 100) {
            throw new IllegalArgumentException("an error code has 1 to 100 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // RFC 6749 section 5.2: error = 1*NQSCHAR, NQSCHAR = %x20-21 / %x23-5B / %x5D-7E
            if (!(c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e))) {
                throw new IllegalArgumentException("invalid character at index " + i + " of an error code");
            }
        }
    }

    public static OAuthErrorCode of(String value) {
        return new OAuthErrorCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
