package dev.neonoauth.adapter.neon;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.neon.api.NeonApi;
import java.time.Clock;
import java.util.Objects;

/**
 * Guice wiring of the Neon API v2 adapter, the module's public face together with {@link NeonApiConfig} and
 * {@link NeonApis} (the same in plain Java). Binds {@link NeonApi} as a singleton.
 *
 * <p>Requires from another module: {@link AccessTokenProvider} (the core's token service, e.g. from oauth-guice's
 * {@code OAuthCoreModule}), which {@link NeonApi} asks for a bearer token on every call. The OAuth endpoints are
 * oauth-http's: install {@code new OAuthHttpModule(config.oauthHttpConfig())} next to this module.
 *
 * <p>{@link #configure()} does no I/O; the HTTP client is built when first needed.
 */
public final class NeonApiModule extends AbstractModule {
    private final NeonApiConfig config;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int projectsPageSize;

    public NeonApiModule(NeonApiConfig config) {
        this(config, Sleeper.system(), Clock.systemUTC(), RetrofitNeonApi.MAX_PROJECTS_PAGE);
    }

    /** For tests: a sleeper and clock that do not wait, and a small page size. */
    NeonApiModule(NeonApiConfig config, Sleeper sleeper, Clock clock, int projectsPageSize) {
        this.config = Objects.requireNonNull(config, "config == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.projectsPageSize = projectsPageSize;
    }

    @Override
    protected void configure() {
        requireBinding(AccessTokenProvider.class);
    }

    @Provides
    @Singleton
    NeonApi neonApi(AccessTokenProvider tokens) {
        return NeonApis.create(config, tokens, sleeper, clock, projectsPageSize);
    }
}
