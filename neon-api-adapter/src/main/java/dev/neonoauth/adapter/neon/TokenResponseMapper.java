package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a 200 token response leniently (RFC 6749 section 5.1): unknown fields are ignored, {@code token_type} is
 * compared case-insensitively and only {@code Bearer} is accepted, {@code expires_in} may be absent, a number or a
 * numeric string, and is clamped to {@code [0, MAX_LIFETIME]} (zero or negative means "already expired").
 *
 * <p>The {@code sub} claim is read from the id_token without checking its signature: the token came straight from the
 * token endpoint over TLS, which OpenID Connect Core section 3.1.3.7 (item 6) allows in place of signature
 * validation, and the subject is used to group grants, not to authenticate anyone.
 */
final class TokenResponseMapper {
    /** Longest lifetime believed; anything longer is clamped (a misconfigured server must not mint "eternal" tokens). */
    static final Duration MAX_LIFETIME = Duration.ofDays(365);
    private static final JsonAdapter<OAuthJson.TokenSuccess> SUCCESS = Json.MOSHI.adapter(OAuthJson.TokenSuccess.class);
    private static final JsonAdapter<OAuthJson.IdTokenClaims> CLAIMS = Json.MOSHI.adapter(OAuthJson.IdTokenClaims.class);

    private TokenResponseMapper() {}

    /** @throws TokenEndpointUnavailableException when the body is not a usable Bearer token response */
    static IssuedTokens parse(String body) {
        OAuthJson.TokenSuccess json;
        try {
            json = SUCCESS.fromJson(body);
        } catch (IOException | JsonDataException e) {
            throw new TokenEndpointUnavailableException("the token endpoint answered 200 with a body that is not a JSON "
                    + "token response (" + e.getClass().getSimpleName() + ")", true, e);
        }
        if (json == null || json.accessToken == null || json.accessToken.isBlank()) {
            throw new TokenEndpointUnavailableException("the token endpoint answered 200 without an access_token", false);
        }
        if (json.tokenType == null || !json.tokenType.strip().toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new TokenEndpointUnavailableException("the token endpoint issued a token of type '"
                    + printable(json.tokenType) + "'; only Bearer tokens are supported (RFC 6750)", false);
        }
        AccessToken accessToken;
        Optional<RefreshToken> refreshToken;
        try {
            accessToken = new AccessToken(json.accessToken);
            refreshToken = Optional.ofNullable(json.refreshToken).filter(t -> !t.isBlank()).map(RefreshToken::new);
        } catch (IllegalArgumentException e) {
            // the message names the position of the bad character, never the token itself
            throw new TokenEndpointUnavailableException("the token endpoint issued a malformed token: " + e.getMessage(), false, e);
        }
        Optional<ScopeSet> scope = json.scope instanceof String s && !s.isBlank() ? ScopeSet.tryParse(s) : Optional.empty();
        return new IssuedTokens(accessToken, refreshToken, expiresIn(json.expiresIn), scope, subject(json.idToken));
    }

    /** Absent or unreadable: empty. Zero or negative: {@link Duration#ZERO}. Huge: {@link #MAX_LIFETIME}. */
    static Optional<Duration> expiresIn(Object raw) {
        BigDecimal seconds;
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.isInfinite(d) && d > 0 ? Optional.of(MAX_LIFETIME) : Optional.empty();
            }
            seconds = BigDecimal.valueOf(d);
        } else if (raw instanceof String s && s.strip().matches("[+-]?\\d{1,30}(\\.\\d+)?")) {
            seconds = new BigDecimal(s.strip());
        } else {
            return Optional.empty();
        }
        if (seconds.signum() <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_LIFETIME.getSeconds())) >= 0) {
            return Optional.of(MAX_LIFETIME);
        }
        return Optional.of(Duration.ofSeconds(seconds.longValue()));
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

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
