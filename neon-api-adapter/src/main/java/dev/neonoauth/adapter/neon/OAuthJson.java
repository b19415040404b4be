package dev.neonoauth.adapter.neon;

import com.squareup.moshi.Json;

/**
 * Moshi shapes of the OAuth server's JSON: plain classes with fields (Moshi's reflective adapter cannot reach
 * package-private records). Every field is optional here and unknown fields are skipped; the mappers decide what is
 * required.
 */
final class OAuthJson {
    private OAuthJson() {}

    /** RFC 6749 section 5.1, plus OpenID Connect's id_token. {@code expires_in} may be a number or a string. */
    static final class TokenSuccess {
        @Json(name = "access_token") String accessToken;
        @Json(name = "token_type") String tokenType;
        @Json(name = "expires_in") Object expiresIn;
        @Json(name = "refresh_token") String refreshToken;
        @Json(name = "scope") Object scope;
        @Json(name = "id_token") String idToken;

        @Override
        public String toString() {
            return "TokenSuccess[redacted]";
        }
    }

    /**
     * RFC 6749 section 5.2, plus Hydra's legacy {@code error_hint}, {@code error_debug} and {@code status_code}.
     * Typed loosely so that a number where a string belongs does not hide the error.
     */
    static final class TokenError {
        @Json(name = "error") Object error;
        @Json(name = "error_description") Object errorDescription;
        @Json(name = "error_uri") Object errorUri;
        @Json(name = "error_hint") Object errorHint;
        @Json(name = "error_debug") Object errorDebug;
        @Json(name = "status_code") Object statusCode;
    }

    /** The fields of an OpenID Provider Metadata document this client uses. */
    static final class Discovery {
        @Json(name = "issuer") String issuer;
        @Json(name = "authorization_endpoint") String authorizationEndpoint;
        @Json(name = "token_endpoint") String tokenEndpoint;
        @Json(name = "revocation_endpoint") String revocationEndpoint;
        @Json(name = "userinfo_endpoint") String userinfoEndpoint;
    }

    /** OpenID Connect Core section 5.3.2. */
    static final class UserInfo {
        @Json(name = "sub") String sub;
        @Json(name = "email") Object email;
        @Json(name = "name") Object name;
    }

    /** The id_token payload claims this client reads. */
    static final class IdTokenClaims {
        @Json(name = "sub") Object sub;
    }
}
