package dev.neonoauth.app.cli;

import com.google.inject.Injector;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.NeonApi;
import java.util.Optional;

/**
 * The services of {@link Main}'s injector, each taken from it on its first call (so a command builds only what it
 * uses).
 */
final class InjectedServices implements Services {
    private final Injector injector;
    private volatile boolean used;

    InjectedServices(Injector injector) {
        this.injector = injector;
    }

    private <T> T get(Class<T> type) {
        used = true;
        return injector.getInstance(type);
    }

    @Override
    public AuthorizationFlow authorizationFlow() {
        return get(AuthorizationFlow.class);
    }

    @Override
    public AccessTokenProvider accessTokens() {
        return get(AccessTokenProvider.class);
    }

    @Override
    public Disconnect disconnect() {
        return get(Disconnect.class);
    }

    @Override
    public NeonApi neonApi() {
        return get(NeonApi.class);
    }

    @Override
    public Optional<TokenSet> storedGrant(AccountKey account) {
        try {
            return get(TokenStore.class).load(account);
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public String revokeReplaced(TokenSet replaced) {
        try {
            ClientRegistration client = get(ClientRegistration.class);
            RevocationEndpoint.Revocation request = replaced.refreshToken()
                    .map(rt -> new RevocationEndpoint.Revocation(client, rt.value(),
                            RevocationEndpoint.TokenTypeHint.REFRESH_TOKEN))
                    .orElseGet(() -> new RevocationEndpoint.Revocation(client, replaced.accessToken().value(),
                            RevocationEndpoint.TokenTypeHint.ACCESS_TOKEN));
            RevocationEndpoint.Outcome outcome = get(RevocationEndpoint.class).revoke(request);
            if (outcome instanceof RevocationEndpoint.Outcome.Refused refused) {
                return "Neon refused to revoke the profile's previous login (" + refused.error().summary()
                        + "); it stays valid until it expires.";
            }
            return "The profile's previous login was revoked at Neon.";
        } catch (RuntimeException e) {
            // best effort: the new login is stored whatever happens here
            return "Could not revoke the profile's previous login (" + FailureText.describe(ErrorReporter.unwrap(e))
                    + "); it stays valid until it expires.";
        }
    }

    /** Closes the storage's pool if a service was used. */
    @Override
    public void close() {
        if (used) {
            injector.getInstance(JdbcStorage.class).close();
        }
    }
}
