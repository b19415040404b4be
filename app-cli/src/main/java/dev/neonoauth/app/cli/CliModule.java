package dev.neonoauth.app.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.port.out.SecureRandomSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the command line adds to the shared wiring (oauth-guice's {@code OAuthCoreModule}, oauth-http's
 * {@code OAuthHttpModule}, {@code NeonApiModule}, {@code JdbcStorageModule}): the client registration, the clock and
 * random source of the environment (tests replace them), and the refresh lock timeout. Every binding is a lazy
 * singleton; {@link #configure()} does no I/O.
 */
final class CliModule extends AbstractModule {
    /** How long a refresh waits for another process's refresh of the same profile. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final CliSettings settings;
    private final CliEnvironment environment;

    CliModule(CliSettings settings, CliEnvironment environment) {
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.environment = Objects.requireNonNull(environment, "environment == null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(environment.clock());
        environment.random().ifPresent(random ->
                OptionalBinder.newOptionalBinder(binder(), SecureRandomSource.class).setBinding().toInstance(random));
    }

    @Provides
    @Singleton
    ClientRegistration client() {
        return settings.client();
    }
}
