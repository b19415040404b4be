package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;

/**
 * In-port: a usable access token for an account, refreshed when needed (RFC 6749 section 6). Refreshes are
 * single-flight per account in a process, and serialised across processes through the token store's lock, so that a
 * refresh token is never sent twice (a server that rotates refresh tokens revokes the whole grant when it is).
 * See docs/adr/0006-refresh-policy.md.
 */
public interface AccessTokenProvider {

    /**
     * Returns the stored access token if it is fresh; refreshes it if it is stale or expired.
     *
     * @throws dev.neonoauth.core.port.out.InfrastructureException when the token endpoint or the store kept failing
     *     after bounded retries; stored tokens are kept
     */
    AccessTokenResult currentToken(AccountKey account);

    /**
     * The resource server rejected {@code rejected} (HTTP 401): refresh unless another caller already replaced it, in
     * which case the newer token is returned.
     */
    AccessTokenResult refreshAfterRejection(AccountKey account, AccessToken rejected);
}
