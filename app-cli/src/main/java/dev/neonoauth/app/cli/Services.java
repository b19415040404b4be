package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.neon.api.NeonApi;
import java.util.Optional;

/**
 * The application services the commands use. Created on first need (a command that needs none, such as
 * {@code --help} or {@code sandbox}, assembles nothing), and each service is built on its first call.
 */
interface Services extends AutoCloseable {
    AuthorizationFlow authorizationFlow();

    AccessTokenProvider accessTokens();

    Disconnect disconnect();

    NeonApi neonApi();

    /** The profile's stored grant, if any; empty also when it cannot be read. Used to revoke a replaced login. */
    Optional<TokenSet> storedGrant(AccountKey account);

    /** Revokes a grant that a new login replaced (RFC 7009, best effort); a sentence saying what happened. */
    String revokeReplaced(TokenSet replaced);

    /** Closes the storage's pool if it was opened. */
    @Override
    void close();
}
