package dev.neonoauth.adapter.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.MalformedTokenResponseException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import okio.Buffer;

/**
 * Parses a 200 token response strictly (RFC 6749 section 5.1): the body must be served as {@code application/json}
 * and be one JSON object; {@code access_token} and {@code token_type} are required strings, {@code refresh_token},
 * {@code scope} and {@code id_token} strings when present, and {@code expires_in} a non-negative integer when present.
 * {@code token_type} is compared case-insensitively and only {@code Bearer} is accepted. Unknown fields are ignored.
 * Anything else is a {@link MalformedTokenResponseException} that names the field and never its value; nothing is
 * stored. An {@code expires_in} beyond {@link #MAX_LIFETIME} is clamped to it.
 *
 * <p>The {@code sub} claim is read from the id_token without checking its signature: the token came straight from the
 * token endpoint over TLS, which OpenID Connect Core section 3.1.3.7 (item 6) allows in place of signature
 * validation, and the subject is used to group grants, not to authenticate anyone.
 */
final class TokenResponseParser {
    /** Longest lifetime believed; anything longer is clamped (a misconfigured server must not mint "eternal" tokens). */
    static final Duration MAX_LIFETIME = Duration.ofDays(365);
    private static final JsonAdapter<OAuthJson.IdTokenClaims> CLAIMS = OAuthJson.MOSHI.adapter(OAuthJson.IdTokenClaims.class);
    private static final String WHAT = "the token endpoint answered 200 with ";

    private TokenResponseParser() {}

    /** @throws MalformedTokenResponseException when the answer is not a usable Bearer token response */
    static IssuedTokens parse(String contentType, String body) {
        if (!isJson(contentType)) {
            throw new MalformedTokenResponseException(WHAT + "a body of type '" + Exchange.printable(contentType)
                    + "', not application/json (RFC 6749 section 5.1)", null);
        }
        String accessToken = null;
        String tokenType = null;
        String refreshToken = null;
        String scope = null;
        String idToken = null;
        Duration expiresIn = null;
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
            if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
                throw new MalformedTokenResponseException(WHAT + "a body that is not a JSON object", null);
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                switch (name) {
                    case "access_token" -> accessToken = string(reader, name);
                    case "token_type" -> tokenType = string(reader, name);
                    case "refresh_token" -> refreshToken = string(reader, name);
                    case "scope" -> scope = string(reader, name);
                    case "id_token" -> idToken = string(reader, name);
                    case "expires_in" -> expiresIn = lifetime(reader);
                    default -> reader.skipValue();
                }
            }
            reader.endObject();
            if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
                throw new MalformedTokenResponseException(WHAT + "text after the JSON object", null);
            }
        } catch (JsonEncodingException | JsonDataException e) {
            throw new MalformedTokenResponseException(WHAT + "a body that is not valid JSON", e);
        } catch (IOException e) {
            throw new MalformedTokenResponseException(WHAT + "a body that could not be read as JSON", e);
        }
        if (accessToken == null) {
            throw new MalformedTokenResponseException(WHAT + "no access_token", null);
        }
        if (tokenType == null) {
            throw new MalformedTokenResponseException(WHAT + "no token_type", null);
        }
        if (!tokenType.strip().toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new MalformedTokenResponseException("the token endpoint issued a token of type '"
                    + Exchange.printable(tokenType.length() > 20 ? tokenType.substring(0, 20) : tokenType)
                    + "'; only Bearer tokens are supported (RFC 6750)", null);
        }
        AccessToken access;
        Optional<RefreshToken> refresh;
        try {
            access = new AccessToken(accessToken);
        } catch (IllegalArgumentException e) {
            // the message names the position of the bad character, never the token itself
            throw new MalformedTokenResponseException(WHAT + "a malformed access_token: " + e.getMessage(), e);
        }
        try {
            refresh = Optional.ofNullable(refreshToken).map(RefreshToken::new);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenResponseException(WHAT + "a malformed refresh_token: " + e.getMessage(), e);
        }
        Optional<ScopeSet> granted = scope == null || scope.isBlank() ? Optional.empty() : ScopeSet.tryParse(scope);
        return new IssuedTokens(access, refresh, Optional.ofNullable(expiresIn), granted, subject(idToken));
    }

    private static String string(JsonReader reader, String name) throws IOException {
        if (reader.peek() != JsonReader.Token.STRING) {
            throw new MalformedTokenResponseException(WHAT + "a " + name + " that is not a string (it is "
                    + describe(reader.peek()) + ")", null);
        }
        return reader.nextString();
    }

    /** {@code expires_in}: a JSON number that is a non-negative integer; huge values are clamped. */
    private static Duration lifetime(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.NUMBER) {
            throw new MalformedTokenResponseException(WHAT + "an expires_in that is not a number (it is "
                    + describe(reader.peek()) + ")", null);
        }
        String raw = reader.nextString();
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new MalformedTokenResponseException(WHAT + "an expires_in that is not a number", e);
        }
        if (seconds.signum() < 0) {
            throw new MalformedTokenResponseException(WHAT + "a negative expires_in", null);
        }
        if (seconds.stripTrailingZeros().scale() > 0) {
            throw new MalformedTokenResponseException(WHAT + "an expires_in that is not a whole number of seconds", null);
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_LIFETIME.getSeconds())) >= 0) {
            return MAX_LIFETIME;
        }
        return Duration.ofSeconds(seconds.longValueExact());
    }

    private static String describe(JsonReader.Token token) {
        return switch (token) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            case STRING -> "a string";
            default -> "not a value";
        };
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    /** The {@code sub} claim of a compact JWS, or empty if it cannot be read. */
    static Optional<String> subject(String idToken) {
        if (idToken == null) {
            return Optional.empty();
        }
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            OAuthJson.IdTokenClaims claims = CLAIMS.fromJson(payload);
            return claims != null && claims.sub instanceof String sub && !sub.isBlank() ? Optional.of(sub) : Optional.empty();
        } catch (IllegalArgumentException | IOException | JsonDataException e) {
            return Optional.empty();
        }
    }
}
