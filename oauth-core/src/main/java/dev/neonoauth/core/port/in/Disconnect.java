package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccountKey;

/**
 * In-port: end a grant. Revokes at the server first (RFC 7009: the refresh token, with {@code token_type_hint},
 * which a server should extend to the grant's access tokens, RFC 7009 section 2.1), then deletes local tokens whatever the revocation did, and reports
 * both outcomes.
 */
public interface Disconnect {

    DisconnectResult disconnect(AccountKey account);
}
