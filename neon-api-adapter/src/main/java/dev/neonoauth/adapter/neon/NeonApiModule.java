package dev.neonoauth.adapter.neon;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import dev.neonoauth.core.port.out.neon.NeonApi;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Guice wiring of the Neon adapter, the module's public face together with {@link NeonApiConfig}.
 *
 * <p>Binds, as singletons: {@link TokenEndpoint}, {@link RevocationEndpoint}, {@link AuthorizationServerDiscovery},
 * {@link UserInfoEndpoint} and {@link NeonApi}; and the configured {@link AuthorizationServer}, resolved once on first
 * injection (discovered through the configured issuer, or derived from it) with the configured overrides applied,
 * then cached, so that even Guice's production stage does no network I/O while building the injector.
 *
 * <p>Requires from another module: {@link AccessTokenProvider} (the core's token service, bound by the application's
 * core module), which {@link NeonApi} asks for a bearer token on every call.
 *
 * <p>{@link #configure()} does no I/O; the HTTP clients are built when first needed and share one connection pool.
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
    HttpStack httpStack() {
        return new HttpStack(config);
    }

    @Provides
    @Singleton
    NeonOAuthService oauthService(HttpStack http) {
        return http.oauth();
    }

    @Provides
    @Singleton
    AuthorizationServerDiscovery discovery(NeonOAuthService service) {
        return new RetrofitAuthorizationServerDiscovery(service, config);
    }

    @Provides
    @Singleton
    ServerMetadata serverMetadata(AuthorizationServerDiscovery discovery) {
        return new ServerMetadata(config, discovery);
    }

    /**
     * Unscoped on purpose: Guice's production stage creates singletons eagerly, and discovery is network I/O. The
     * metadata holder resolves once and caches, so every injection gets the same instance.
     */
    @Provides
    AuthorizationServer authorizationServer(ServerMetadata metadata) {
        return metadata.current();
    }

    @Provides
    @Singleton
    TokenEndpoint tokenEndpoint(NeonOAuthService service, ServerMetadata metadata) {
        return new RetrofitTokenEndpoint(service, metadata);
    }

    @Provides
    @Singleton
    RevocationEndpoint revocationEndpoint(NeonOAuthService service, ServerMetadata metadata) {
        return new RetrofitRevocationEndpoint(service, metadata);
    }

    @Provides
    @Singleton
    UserInfoEndpoint userInfoEndpoint(NeonOAuthService service, ServerMetadata metadata) {
        return new RetrofitUserInfoEndpoint(service, metadata);
    }

    @Provides
    @Singleton
    NeonApi neonApi(HttpStack http, AccessTokenProvider tokens) {
        RetryPolicy policy = new RetryPolicy(config, () -> ThreadLocalRandom.current().nextDouble(), clock);
        NeonV2Service service = http.api(new BearerTokenInterceptor(), new BearerTokenAuthenticator(tokens));
        NeonCallExecutor executor = new NeonCallExecutor(tokens, policy, sleeper, config);
        return new RetrofitNeonApi(service, executor, config, sleeper, clock, projectsPageSize);
    }
}
