package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccountKey;

/**
 * In-port: end a grant. Revokes at the server first (RFC 7009: the refresh token, with {@code token_type_hint},
 * which at Neon revokes the access token too), then deletes local tokens whatever the revocation did, and reports
 * both outcomes.
 */
public interface Disconnect {

    DisconnectResult disconnect(AccountKey account);
}
