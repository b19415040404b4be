package dev.neonoauth.adapter.http;

import com.squareup.moshi.Json;
import com.squareup.moshi.Moshi;
import java.util.List;

/**
 * Moshi shapes of the authorization server's JSON: plain classes with fields (Moshi's reflective adapter cannot reach
 * package-private records). Typed loosely ({@code Object}) where a wrong type must not hide the rest; the parsers
 * decide what is required. Token responses are read field by field instead ({@link TokenResponseParser}).
 */
final class OAuthJson {
    static final Moshi MOSHI = new Moshi.Builder().build();

    private OAuthJson() {}

    /**
     * RFC 6749 section 5.2, plus Hydra's legacy {@code error_hint}, {@code error_debug} and {@code status_code}.
     */
    static final class TokenError {
        @Json(name = "error") Object error;
        @Json(name = "error_description") Object errorDescription;
        @Json(name = "error_uri") Object errorUri;
        @Json(name = "error_hint") Object errorHint;
        @Json(name = "error_debug") Object errorDebug;
        @Json(name = "status_code") Object statusCode;
    }

    /** The fields of an RFC 8414 / OpenID Provider Metadata document this client uses. */
    static final class Metadata {
        @Json(name = "issuer") Object issuer;
        @Json(name = "authorization_endpoint") Object authorizationEndpoint;
        @Json(name = "token_endpoint") Object tokenEndpoint;
        @Json(name = "revocation_endpoint") Object revocationEndpoint;
        @Json(name = "userinfo_endpoint") Object userinfoEndpoint;
        @Json(name = "token_endpoint_auth_methods_supported") Object tokenEndpointAuthMethodsSupported;
        @Json(name = "code_challenge_methods_supported") Object codeChallengeMethodsSupported;
    }

    /** OpenID Connect Core section 5.3.2. */
    static final class UserInfo {
        @Json(name = "sub") Object sub;
        @Json(name = "email") Object email;
        @Json(name = "name") Object name;
    }

    /** The id_token payload claims this client reads. */
    static final class IdTokenClaims {
        @Json(name = "sub") Object sub;
    }

    /** The strings of a JSON array, or null when {@code value} is not an array of strings. */
    static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        for (Object item : list) {
            if (!(item instanceof String)) {
                return null;
            }
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        return List.copyOf(strings);
    }
}
