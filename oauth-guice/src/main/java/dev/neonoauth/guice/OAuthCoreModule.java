package dev.neonoauth.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The core's use cases in Guice: binds {@link AuthorizationFlow}, {@link AccessTokenProvider} and {@link Disconnect}
 * (and the {@link OAuthClient} that holds them) as singletons, built through {@link OAuthClient#builder()} from the
 * ports other modules bind.
 *
 * <p>Requires: {@link ClientRegistration}, {@link AuthorizationServerSource}, {@link TokenEndpoint},
 * {@link RevocationEndpoint} (e.g. from oauth-http's {@code OAuthHttpModule}), {@link TokenStore} and
 * {@link PendingAuthorizationStore} (e.g. from storage-jdbc's {@code JdbcStorageModule}).
 *
 * <p>Defaults that another module may replace with {@code OptionalBinder.newOptionalBinder(binder(), X.class)
 * .setBinding()}: {@link Clock} (the system clock in UTC), {@link SecureRandomSource} (the system's) and
 * {@link Sleeper} (the real one). Settings such as the state lifetime go through the customizer:
 * {@code new OAuthCoreModule(b -> b.stateTtl(Duration.ofMinutes(5)))}.
 *
 * <p>{@link #configure()} and the providers do no I/O.
 */
public final class OAuthCoreModule extends AbstractModule {
    private final Consumer<OAuthClient.Builder> customizer;

    /** Every setting at its default. */
    public OAuthCoreModule() {
        this(b -> { });
    }

    /** @param customizer changes settings of the builder (state lifetime, lock timeout, policies) before it builds */
    public OAuthCoreModule(Consumer<OAuthClient.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer == null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toInstance(Clock.systemUTC());
        OptionalBinder.newOptionalBinder(binder(), SecureRandomSource.class).setDefault()
                .toProvider(SecureRandomSource::system).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), Sleeper.class).setDefault().toInstance(Sleeper.system());
        requireBinding(ClientRegistration.class);
        requireBinding(AuthorizationServerSource.class);
        requireBinding(TokenEndpoint.class);
        requireBinding(RevocationEndpoint.class);
        requireBinding(TokenStore.class);
        requireBinding(PendingAuthorizationStore.class);
    }

    @Provides
    @Singleton
    OAuthClient oauthClient(ClientRegistration client, AuthorizationServerSource server, TokenEndpoint tokenEndpoint,
            RevocationEndpoint revocationEndpoint, TokenStore tokenStore, PendingAuthorizationStore pending, Clock clock,
            SecureRandomSource random, Sleeper sleeper) {
        OAuthClient.Builder builder = OAuthClient.builder()
                .client(client)
                .server(server)
                .tokenEndpoint(tokenEndpoint)
                .revocationEndpoint(revocationEndpoint)
                .tokenStore(tokenStore)
                .pendingAuthorizationStore(pending)
                .clock(clock)
                .random(random)
                .sleeper(sleeper);
        customizer.accept(builder);
        return builder.build();
    }

    @Provides
    @Singleton
    AuthorizationFlow authorizationFlow(OAuthClient client) {
        return client.authorizationFlow();
    }

    @Provides
    @Singleton
    AccessTokenProvider accessTokens(OAuthClient client) {
        return client.accessTokens();
    }

    @Provides
    @Singleton
    Disconnect disconnect(OAuthClient client) {
        return client.disconnect();
    }
}
