package dev.neonoauth.app.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.RefreshPolicy;
import dev.neonoauth.core.domain.RetryPolicy;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.service.AuthorizationFlowService;
import dev.neonoauth.core.service.DisconnectService;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The core services wired for the command line: {@code @Provides} methods calling the core's plain constructors (the
 * core has no {@code @Inject}). The adapters' modules ({@code NeonApiModule}, {@code JdbcStorageModule}) provide the
 * ports. Every binding is a lazy singleton; {@link #configure()} does no I/O.
 */
final class CliModule extends AbstractModule {
    /** How long a refresh waits for another process's refresh of the same profile. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final CliSettings settings;
    private final CliEnvironment environment;
    private final Duration stateTtl;

    CliModule(CliSettings settings, CliEnvironment environment, Duration stateTtl) {
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.environment = Objects.requireNonNull(environment, "environment == null");
        this.stateTtl = Objects.requireNonNull(stateTtl, "stateTtl == null");
    }

    @Provides
    @Singleton
    ClientRegistration client() {
        return settings.client();
    }

    @Provides
    @Singleton
    Clock clock() {
        return environment.clock();
    }

    @Provides
    @Singleton
    SecureRandomSource random() {
        return environment.random().orElseGet(SecureRandomSource::system);
    }

    @Provides
    @Singleton
    Sleeper sleeper() {
        return Sleeper.system();
    }

    @Provides
    @Singleton
    AccessTokenProvider accessTokens(ClientRegistration client, TokenStore store, TokenEndpoint endpoint, Clock clock,
            Sleeper sleeper) {
        return new AccessTokenService(client, store, endpoint, clock, RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT,
                sleeper, LOCK_TIMEOUT);
    }

    @Provides
    @Singleton
    AuthorizationFlow authorizationFlow(AuthorizationServer server, ClientRegistration client,
            PendingAuthorizationStore pending, TokenStore tokens, TokenEndpoint endpoint, SecureRandomSource random,
            Clock clock) {
        return new AuthorizationFlowService(server, client, pending, tokens, endpoint, random, clock, stateTtl);
    }

    @Provides
    @Singleton
    Disconnect disconnect(AuthorizationServer server, ClientRegistration client, TokenStore store,
            RevocationEndpoint revocation) {
        return new DisconnectService(server, client, store, revocation, LOCK_TIMEOUT);
    }
}
