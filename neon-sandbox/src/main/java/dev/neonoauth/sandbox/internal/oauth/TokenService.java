package dev.neonoauth.sandbox.internal.oauth;

import dev.neonoauth.sandbox.FaultPlan;
import dev.neonoauth.sandbox.NeonScopes;
import dev.neonoauth.sandbox.RefreshReuseError;
import dev.neonoauth.sandbox.SandboxClient;
import dev.neonoauth.sandbox.internal.oauth.OAuthRecords.AccessToken;
import dev.neonoauth.sandbox.internal.oauth.OAuthRecords.AuthCode;
import dev.neonoauth.sandbox.internal.oauth.OAuthRecords.Grant;
import dev.neonoauth.sandbox.internal.oauth.OAuthRecords.RefreshToken;
import dev.neonoauth.sandbox.internal.store.SandboxStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization codes, access tokens and refresh tokens with fosite's semantics (NEON.md 1.3 to 1.8): single-use
 * codes whose replay revokes what they issued, PKCE S256 with the verifier checked, refresh tokens only with
 * {@code offline}/{@code offline_access}, rotation on every refresh (the old access token is revoked too), reuse
 * detection that revokes the whole grant (answered as the configured {@link RefreshReuseError}), a concurrency error for two refreshes of one token in flight at once,
 * and revocation of a whole grant from either of its tokens.
 */
public final class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final Pattern VERIFIER_WRONG_FORMAT = Pattern.compile("[^\\w.\\-~]");

    /** Lifetimes, the emulated refresh transaction time, and the answer to a refresh token that is not active. */
    public record Settings(Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration authCodeLifetime,
                           Duration idTokenLifetime, Duration refreshRaceWindow, RefreshReuseError reuseError) {
    }

    /** What an authorization code is issued for, after sign-in and consent. */
    public record CodeRequest(String clientId, String userId, List<String> grantedScopes, String redirectUri,
                              boolean redirectUriInRequest, String codeChallenge, String codeChallengeMethod,
                              String nonce, Instant authTime) {
    }

    /** A token endpoint success. {@code refreshToken} and {@code idToken} may be {@code null}. */
    public record Issued(String accessToken, long expiresIn, List<String> scopes, String refreshToken, String idToken) {

        public Map<String, Object> toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", accessToken);
            body.put("expires_in", expiresIn);
            if (idToken != null) {
                body.put("id_token", idToken);
            }
            if (refreshToken != null) {
                body.put("refresh_token", refreshToken);
            }
            body.put("scope", String.join(" ", scopes));
            body.put("token_type", "bearer");
            return body;
        }
    }

    /** The result of checking a bearer token. */
    public sealed interface Validation {
        record Valid(AccessToken token) implements Validation {
        }

        record Invalid(String reason) implements Validation {
        }
    }

    private final Clock clock;
    private final Settings settings;
    private final FaultPlan faults;
    private final IdTokenSigner signer;
    private final Supplier<URI> issuer;
    private final SandboxStore.Table<Grant> grants;
    private final SandboxStore.Table<AuthCode> codes;
    private final SandboxStore.Table<AccessToken> accessTokens;
    private final SandboxStore.Table<RefreshToken> refreshTokens;
    private final Set<String> refreshesInFlight = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();

    public TokenService(SandboxStore store, Clock clock, Settings settings, FaultPlan faults, IdTokenSigner signer, Supplier<URI> issuer) {
        this.clock = clock;
        this.settings = settings;
        this.faults = faults;
        this.signer = signer;
        this.issuer = issuer;
        this.grants = store.table("oauth.grants", Grant.class);
        this.codes = store.table("oauth.codes", AuthCode.class);
        this.accessTokens = store.table("oauth.access_tokens", AccessToken.class);
        this.refreshTokens = store.table("oauth.refresh_tokens", RefreshToken.class);
    }

    /** Issues an authorization code ({@code ory_ac_...}) and records its grant. */
    public String issueCode(CodeRequest request) {
        Instant now = clock.instant();
        String code = Crypto.opaqueToken("ory_ac_");
        String grantId = UUID.randomUUID().toString();
        synchronized (lock) {
            grants.put(grantId, new Grant(grantId, request.clientId(), request.userId(), request.grantedScopes(),
                    request.nonce(), request.authTime(), now));
            String hash = Crypto.hash(code);
            codes.put(hash, new AuthCode(hash, grantId, request.clientId(), request.userId(), request.grantedScopes(),
                    request.redirectUri(), request.redirectUriInRequest(), request.codeChallenge(),
                    request.codeChallengeMethod(), now, now.plus(settings.authCodeLifetime()), false, false));
        }
        return code;
    }

    /** {@code grant_type=authorization_code}. */
    public Issued exchangeCode(SandboxClient client, String code, String redirectUri, String verifier) {
        synchronized (lock) {
            String hash = Crypto.hash(code == null ? "" : code);
            AuthCode ac = codes.get(hash).orElseThrow(() -> OAuthError.invalidGrant(null));
            if (ac.used()) {
                // fosite flow_authorize_code_token.go: "If an authorize code is used twice, we revoke all refresh and
                // access tokens associated with this request."
                revokeGrantLocked(ac.grantId());
                LOG.info("authorization code replayed by client {}: revoked every token of its grant", client.clientId());
                throw OAuthError.invalidGrant("The authorization code has already been used.");
            }
            Instant now = clock.instant();
            if (!now.isBefore(ac.expiresAt())) {
                throw OAuthError.invalidGrant("The authorization code has expired.");
            }
            if (!ac.clientId().equals(client.clientId())) {
                throw OAuthError.invalidGrant("The OAuth 2.0 Client ID from this request does not match the one from the authorize request.");
            }
            if (ac.redirectUriInRequest() && !ac.redirectUri().equals(redirectUri)) {
                throw OAuthError.invalidGrant("The 'redirect_uri' from this request does not match the one from the authorize request.");
            }
            checkPkce(ac, verifier);
            codes.put(hash, ac.markUsed());
            Grant grant = grants.get(ac.grantId()).orElseThrow(() -> OAuthError.invalidGrant(null));
            return issueTokens(grant, now, grant.nonce());
        }
    }

    private void checkPkce(AuthCode ac, String verifier) {
        // fosite handler/pkce/handler.go: the PKCE session is deleted before it is checked, so after one failed
        // attempt the code cannot be exchanged any more.
        if (ac.pkceConsumed()) {
            throw OAuthError.invalidGrant("Unable to find initial PKCE data tied to this request");
        }
        codes.put(ac.hash(), ac.markPkceConsumed());
        String challenge = ac.codeChallenge() == null ? "" : ac.codeChallenge();
        String v = verifier == null ? "" : verifier;
        if (challenge.isEmpty() && v.isEmpty()) {
            return;
        }
        if (v.length() < 43) {
            throw OAuthError.invalidGrant("The PKCE code verifier must be at least 43 characters.");
        }
        if (v.length() > 128) {
            throw OAuthError.invalidGrant("The PKCE code verifier can not be longer than 128 characters.");
        }
        if (VERIFIER_WRONG_FORMAT.matcher(v).find()) {
            throw OAuthError.invalidGrant("The PKCE code verifier must only contain [a-Z], [0-9], '-', '.', '_', '~'.");
        }
        String computed = "S256".equals(ac.codeChallengeMethod())
                ? Crypto.base64Url(Crypto.sha256(v.getBytes(StandardCharsets.US_ASCII)))
                : v;
        if (!Crypto.constantTimeEquals(computed, challenge)) {
            throw OAuthError.invalidGrant("The PKCE code challenge did not match the code verifier.");
        }
    }

    /** {@code grant_type=refresh_token}. */
    public Issued refresh(SandboxClient client, String refreshToken) {
        String hash = Crypto.hash(refreshToken == null ? "" : refreshToken);
        if (refreshTokens.get(hash).isEmpty()) {
            throw OAuthError.invalidGrant("The refresh token is malformed or not valid.");
        }
        if (!refreshesInFlight.add(hash)) {
            // Hydra: the second of two transactions rotating the same token fails with a serialization error,
            // reported as invalid_request; the grant survives.
            throw OAuthError.invalidRequest("Failed to refresh token because of multiple concurrent requests using the same token. Please retry the request.");
        }
        try {
            pause(settings.refreshRaceWindow());
            synchronized (lock) {
                RefreshToken rt = refreshTokens.get(hash)
                        .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is malformed or not valid."));
                if (!rt.active()) {
                    // fosite handleRefreshTokenReuse: revoke every access and refresh token of the grant. The answer
                    // is fosite's ErrInactiveToken (401) before 0.49, ErrInvalidGrant "already used" (400) since.
                    revokeGrantLocked(rt.grantId());
                    LOG.info("refresh token reuse detected for client {}: revoked every token of its grant", rt.clientId());
                    throw settings.reuseError() == RefreshReuseError.INVALID_GRANT
                            ? OAuthError.invalidGrant("The refresh token was already used.")
                            : OAuthError.tokenInactive();
                }
                if (!rt.clientId().equals(client.clientId())) {
                    throw OAuthError.invalidGrant("The OAuth 2.0 Client ID from this request does not match the ID during the initial token issuance.");
                }
                Instant now = clock.instant();
                if (rt.expiresAt() != null && !now.isBefore(rt.expiresAt())) {
                    throw OAuthError.invalidGrant("The refresh token expired.");
                }
                Grant grant = grants.get(rt.grantId())
                        .orElseThrow(() -> OAuthError.invalidRequest("Failed to refresh token. Please retry the request."));
                // fosite flow_refresh.go: revoke the grant's access tokens and deactivate its refresh tokens, then
                // issue a new pair under the same request id.
                deleteAccessTokensLocked(grant.id());
                deactivateRefreshTokensLocked(grant.id());
                return issueTokens(grant, now, null);
            }
        } finally {
            refreshesInFlight.remove(hash);
        }
    }

    /**
     * RFC 7009 revocation: either token revokes the whole grant. Unknown tokens are ignored (200); a token of another
     * client is refused with {@code unauthorized_client}.
     */
    public void revoke(SandboxClient client, String token, String tokenTypeHint) {
        String hash = Crypto.hash(token == null ? "" : token);
        synchronized (lock) {
            Optional<String> owner = Optional.empty();
            Optional<String> grantId = Optional.empty();
            Optional<AccessToken> at = accessTokens.get(hash);
            Optional<RefreshToken> rt = refreshTokens.get(hash);
            if ("refresh_token".equals(tokenTypeHint) && rt.isPresent() || at.isEmpty() && rt.isPresent()) {
                owner = Optional.of(rt.get().clientId());
                grantId = Optional.of(rt.get().grantId());
            } else if (at.isPresent()) {
                owner = Optional.of(at.get().clientId());
                grantId = Optional.of(at.get().grantId());
            }
            if (grantId.isEmpty()) {
                return;
            }
            if (!owner.get().equals(client.clientId())) {
                throw OAuthError.unauthorizedClient(null);
            }
            revokeGrantLocked(grantId.get());
        }
    }

    /** Checks a bearer access token (API and userinfo). */
    public Validation validateAccessToken(String token) {
        if (token == null || token.isEmpty()) {
            return new Validation.Invalid("missing");
        }
        Optional<AccessToken> at = accessTokens.get(Crypto.hash(token));
        if (at.isEmpty()) {
            return new Validation.Invalid("unknown or revoked");
        }
        if (!clock.instant().isBefore(at.get().expiresAt())) {
            return new Validation.Invalid("expired");
        }
        return new Validation.Valid(at.get());
    }

    /** Marks every issued access token as expired, so clients must refresh. */
    public void expireAccessTokens() {
        synchronized (lock) {
            Instant past = clock.instant().minusSeconds(1);
            for (AccessToken at : accessTokens.values()) {
                accessTokens.put(at.hash(), at.expireAt(past));
            }
        }
    }

    /** Revokes every grant: all access tokens, refresh tokens and unused codes. */
    public void revokeAll() {
        synchronized (lock) {
            accessTokens.clear();
            for (RefreshToken rt : refreshTokens.values()) {
                refreshTokens.put(rt.hash(), rt.deactivate());
            }
            codes.clear();
        }
    }

    private Issued issueTokens(Grant grant, Instant now, String nonce) {
        Duration accessTtl = faults.accessTokenLifetimeOverride().orElse(settings.accessTokenLifetime());
        Duration refreshTtl = faults.refreshTokenLifetimeOverride().orElse(settings.refreshTokenLifetime());
        String accessToken = Crypto.opaqueToken("ory_at_");
        String atHash = Crypto.hash(accessToken);
        accessTokens.put(atHash, new AccessToken(atHash, grant.id(), grant.clientId(), grant.userId(), grant.scopes(), now,
                now.plus(accessTtl)));
        String refreshToken = null;
        if (grant.scopes().stream().anyMatch(NeonScopes.REFRESH_SCOPES::contains)) {
            refreshToken = Crypto.opaqueToken("ory_rt_");
            String rtHash = Crypto.hash(refreshToken);
            Instant rtExpiry = refreshTtl.isNegative() ? null : now.plus(refreshTtl);
            refreshTokens.put(rtHash, new RefreshToken(rtHash, grant.id(), grant.clientId(), grant.userId(), grant.scopes(),
                    now, rtExpiry, true));
        }
        String idToken = null;
        if (grant.scopes().contains(NeonScopes.OPENID)) {
            idToken = idToken(grant, now, accessToken, nonce);
        }
        return new Issued(accessToken, accessTtl.toSeconds(), grant.scopes(), refreshToken, idToken);
    }

    private String idToken(Grant grant, Instant now, String accessToken, String nonce) {
        byte[] digest = Crypto.sha256(accessToken.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("at_hash", Crypto.base64Url(Arrays.copyOf(digest, 16)));
        claims.put("aud", List.of(grant.clientId()));
        claims.put("auth_time", grant.authTime().getEpochSecond());
        claims.put("exp", now.plus(settings.idTokenLifetime()).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("iss", issuer.get().toString());
        claims.put("jti", UUID.randomUUID().toString());
        if (nonce != null && !nonce.isEmpty()) {
            claims.put("nonce", nonce);
        }
        claims.put("rat", grant.createdAt().getEpochSecond());
        claims.put("sub", grant.userId());
        return signer.sign(claims);
    }

    private void revokeGrantLocked(String grantId) {
        deleteAccessTokensLocked(grantId);
        deactivateRefreshTokensLocked(grantId);
    }

    private void deleteAccessTokensLocked(String grantId) {
        for (AccessToken at : accessTokens.values()) {
            if (at.grantId().equals(grantId)) {
                accessTokens.remove(at.hash());
            }
        }
    }

    private void deactivateRefreshTokensLocked(String grantId) {
        for (RefreshToken rt : refreshTokens.values()) {
            if (rt.grantId().equals(grantId) && rt.active()) {
                refreshTokens.put(rt.hash(), rt.deactivate());
            }
        }
    }

    private static void pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthError.serverError("interrupted");
        }
    }
}
