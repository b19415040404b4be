package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The token endpoint (RFC 6749 section 3.2) with the JDK's HTTP client: a form POST, the client authenticated as
 * its registration says ({@code client_secret_basic}, {@code client_secret_post} or {@code none}), and the answer
 * mapped as the port asks: 200 with a Bearer token to {@code Issued}, an RFC 6749 section 5.2 error body to
 * {@code Refused}, anything else to {@link TokenEndpointUnavailableException}.
 *
 * <p>Parsing is lenient where RFC 6749 section 5.1 asks for it (unknown members such as Keycloak's
 * {@code refresh_expires_in} or {@code session_state} are ignored; {@code token_type} is case-insensitive;
 * {@code expires_in} may be a number or a numeric string) and strict where safety needs it (only Bearer tokens).
 * The subject is the id_token's {@code sub}, read without checking the signature: the token came straight from the
 * token endpoint over TLS (OpenID Connect Core section 3.1.3.7, item 6) and is used to group grants, not to log in.
 */
final class HttpTokenEndpoint implements TokenEndpoint {
    /** Longest lifetime believed; longer ones are clamped. */
    static final Duration MAX_LIFETIME = Duration.ofDays(365);

    private final HttpClient http;
    private final URI tokenEndpoint;

    HttpTokenEndpoint(HttpClient http, URI tokenEndpoint) {
        this.http = Objects.requireNonNull(http, "http == null");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint == null");
    }

    @Override
    public TokenResponse exchange(CodeExchange request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", request.code().value());
        form.put("redirect_uri", request.redirectUri().toString());
        form.put("code_verifier", request.codeVerifier().value());
        return post(request.client(), form);
    }

    @Override
    public TokenResponse refresh(TokenRefresh request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", request.refreshToken().value());
        return post(request.client(), form);
    }

    private TokenResponse post(ClientRegistration client, Map<String, String> form) {
        HttpRequest.Builder request = Http.request(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded");
        switch (client.authenticationMethod()) {
            case CLIENT_SECRET_BASIC -> request.header("Authorization", basic(client.clientId(), secret(client)));
            case CLIENT_SECRET_POST -> {
                form.put("client_id", client.clientId());
                form.put("client_secret", secret(client).value());
            }
            case NONE -> form.put("client_id", client.clientId());
            default -> throw new IllegalStateException("unsupported client authentication " + client.authenticationMethod());
        }
        Http.Answer answer;
        try {
            answer = Http.send(http, request.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
        } catch (IOException e) {
            throw new TokenEndpointUnavailableException(
                    "the token endpoint " + tokenEndpoint + " could not be reached: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointUnavailableException("interrupted while calling the token endpoint", false, e);
        }
        if (answer.status() == 200) {
            return new TokenResponse.Issued(parseIssued(answer.body()));
        }
        Optional<OAuthError> error = answer.status() >= 400 && answer.status() < 500
                ? parseError(answer.body()) : Optional.empty();
        if (error.isPresent()) {
            return new TokenResponse.Refused(error.get(), answer.status());
        }
        throw new TokenEndpointUnavailableException("the token endpoint " + tokenEndpoint + " answered HTTP "
                + answer.status() + " without an OAuth error", answer.isRetryableFailure());
    }

    /** RFC 6749 section 2.3.1: the id and the secret are form-urlencoded before they are joined and Base64-encoded. */
    static String basic(String clientId, ClientSecret secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret.value(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static ClientSecret secret(ClientRegistration client) {
        return client.clientSecret().orElseThrow(
                () -> new IllegalStateException("client " + client.clientId() + " has no secret"));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** @throws TokenEndpointUnavailableException when the body is not a usable Bearer token response */
    static IssuedTokens parseIssued(String body) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new TokenEndpointUnavailableException(
                    "the token endpoint answered 200 with a body that is not a JSON object", true);
        }
        String accessToken = Json.string(json, "access_token").filter(s -> !s.isBlank()).orElseThrow(
                () -> new TokenEndpointUnavailableException("the token endpoint answered 200 without an access_token", false));
        String type = Json.string(json, "token_type").orElse("");
        if (!type.strip().toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new TokenEndpointUnavailableException("the token endpoint issued a token of type '"
                    + type.replaceAll("[^A-Za-z0-9_-]", "?") + "'; only Bearer tokens are supported (RFC 6750)", false);
        }
        try {
            return new IssuedTokens(
                    new AccessToken(accessToken),
                    Json.string(json, "refresh_token").filter(s -> !s.isBlank()).map(RefreshToken::new),
                    expiresIn(json.get("expires_in")),
                    Json.string(json, "scope").filter(s -> !s.isBlank()).flatMap(ScopeSet::tryParse),
                    Json.string(json, "id_token").flatMap(HttpTokenEndpoint::subject));
        } catch (IllegalArgumentException e) {
            // the domain types name the position of a bad character, never the token
            throw new TokenEndpointUnavailableException("the token endpoint issued a malformed token: " + e.getMessage(), false);
        }
    }

    /** Absent or unreadable: empty. Zero or negative: zero (already expired). Huge: {@link #MAX_LIFETIME}. */
    static Optional<Duration> expiresIn(Object raw) {
        BigDecimal seconds;
        if (raw instanceof BigDecimal n) {
            seconds = n;
        } else if (raw instanceof String s && s.strip().matches("[+-]?\\d{1,18}")) {
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

    /** The {@code sub} claim of a compact JWS, or empty when it cannot be read. */
    static Optional<String> subject(String idToken) {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return Json.string(Json.parseObject(payload), "sub").filter(s -> !s.isBlank());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An RFC 6749 section 5.2 error body, or empty when the body is not one. */
    static Optional<OAuthError> parseError(String body) {
        try {
            Map<String, Object> json = Json.parseObject(body);
            Optional<String> code = Json.string(json, "error");
            if (code.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new OAuthError(OAuthErrorCode.of(code.get()), Json.string(json, "error_description"),
                    Json.string(json, "error_uri"), Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "HttpTokenEndpoint{" + tokenEndpoint + "}";
    }
}
