package dev.neonoauth.core.service;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.core.port.in.DisconnectResult.Revocation;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.RevocationEndpoint.TokenTypeHint;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Revokes a grant (RFC 7009 section 2.1), then deletes it locally, under the account's refresh lock so that no
 * refresh rotates the token while it is being revoked. The refresh token is revoked when there is one (RFC 7009
 * section 2.1: a server should then invalidate the access tokens of the same grant too), else the access token. Local
 * tokens are deleted whatever the server said, also when it cannot be reached at all, and the result says honestly
 * whether the server confirmed.
 */
public final class DisconnectService implements Disconnect {
    private final AuthorizationServerSource server;
    private final ClientRegistration client;
    private final TokenStore store;
    private final RevocationEndpoint revocation;
    private final Duration lockTimeout;

    public DisconnectService(
            AuthorizationServerSource server, ClientRegistration client, TokenStore store, RevocationEndpoint revocation,
            Duration lockTimeout) {
        this.server = Objects.requireNonNull(server, "server == null");
        this.client = Objects.requireNonNull(client, "client == null");
        this.store = Objects.requireNonNull(store, "store == null");
        this.revocation = Objects.requireNonNull(revocation, "revocation == null");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout == null");
    }

    @Override
    public DisconnectResult disconnect(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        try (TokenStore.RefreshLock lock = store.lock(account, lockTimeout)) {
            Optional<TokenSet> current = lock.current();
            if (current.isEmpty()) {
                return new DisconnectResult(Revocation.NOT_CONNECTED, Optional.empty(), false);
            }
            DisconnectResult result = revoke(current.get());
            lock.delete();
            return new DisconnectResult(result.revocation(), result.detail(), true);
        }
    }

    private DisconnectResult revoke(TokenSet tokens) {
        AuthorizationServer resolved;
        try {
            resolved = server.current();
        } catch (InfrastructureException e) {
            return new DisconnectResult(Revocation.FAILED,
                    Optional.of("the authorization server could not be reached: " + e.getMessage()), false);
        }
        if (resolved.revocationEndpoint().isEmpty()) {
            return new DisconnectResult(Revocation.NOT_SUPPORTED,
                    Optional.of("the authorization server has no revocation endpoint"), false);
        }
        RevocationEndpoint.Revocation request = tokens.refreshToken()
                .map(rt -> new RevocationEndpoint.Revocation(client, rt.value(), TokenTypeHint.REFRESH_TOKEN))
                .orElseGet(() -> new RevocationEndpoint.Revocation(
                        client, tokens.accessToken().value(), TokenTypeHint.ACCESS_TOKEN));
        try {
            RevocationEndpoint.Outcome outcome = revocation.revoke(request);
            if (outcome instanceof RevocationEndpoint.Outcome.Refused refused) {
                return new DisconnectResult(Revocation.FAILED,
                        Optional.of("the server refused the revocation: " + refused.error().summary()), false);
            }
            return new DisconnectResult(Revocation.REVOKED, Optional.empty(), false);
        } catch (InfrastructureException e) {
            return new DisconnectResult(Revocation.FAILED,
                    Optional.of("the revocation request failed: " + e.getMessage()), false);
        } catch (RuntimeException e) {
            // an adapter's bug must not keep the grant on this machine: the tokens are still deleted
            return new DisconnectResult(Revocation.FAILED, Optional.of("the revocation request failed unexpectedly"),
                    false);
        }
    }
}
