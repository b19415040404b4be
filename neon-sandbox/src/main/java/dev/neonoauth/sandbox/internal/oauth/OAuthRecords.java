package dev.neonoauth.sandbox.internal.oauth;

import java.time.Instant;
import java.util.List;

/** The OAuth server's stored records. Tokens and codes are keyed by {@link Crypto#hash(String)}, never stored in clear. */
public final class OAuthRecords {

    private OAuthRecords() {
    }

    /**
     * One authorization (Hydra's "request ID"): the code and every access and refresh token derived from it, through
     * any number of refreshes, share this id, so revoking by it revokes the whole family.
     */
    public record Grant(String id, String clientId, String userId, List<String> scopes, String nonce, Instant authTime,
                        Instant createdAt) {
    }

    public record AuthCode(String hash, String grantId, String clientId, String userId, List<String> scopes,
                           String redirectUri, boolean redirectUriInRequest, String codeChallenge,
                           String codeChallengeMethod, Instant issuedAt, Instant expiresAt, boolean used,
                           boolean pkceConsumed) {

        AuthCode markUsed() {
            return new AuthCode(hash, grantId, clientId, userId, scopes, redirectUri, redirectUriInRequest, codeChallenge,
                    codeChallengeMethod, issuedAt, expiresAt, true, pkceConsumed);
        }

        AuthCode markPkceConsumed() {
            return new AuthCode(hash, grantId, clientId, userId, scopes, redirectUri, redirectUriInRequest, codeChallenge,
                    codeChallengeMethod, issuedAt, expiresAt, used, true);
        }
    }

    public record AccessToken(String hash, String grantId, String clientId, String userId, List<String> scopes,
                              Instant issuedAt, Instant expiresAt) {

        AccessToken expireAt(Instant when) {
            return new AccessToken(hash, grantId, clientId, userId, scopes, issuedAt, when);
        }
    }

    /** {@code active=false} once rotated or revoked (Hydra deactivates rather than deletes refresh tokens). */
    public record RefreshToken(String hash, String grantId, String clientId, String userId, List<String> scopes,
                               Instant issuedAt, Instant expiresAt, boolean active) {

        RefreshToken deactivate() {
            return new RefreshToken(hash, grantId, clientId, userId, scopes, issuedAt, expiresAt, false);
        }
    }
}
