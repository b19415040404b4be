package dev.neonoauth.benchmarks.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.JdbcStorageModule;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.guice.OAuthCoreModule;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.core.service.AccessTokenService;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The benchmarks' composition root. It is named {@code Main} because the project allows only classes named
 * {@code Main} to create an injector (app-web's {@code HexagonTest.onlyMainCreatesAnInjector}); benchmarks are not on
 * that test's classpath, but keep to the rule anyway. It wires the real production graph the way the apps do: the
 * core services through oauth-guice's {@link OAuthCoreModule}, oauth-http's {@link OAuthHttpModule}, {@link NeonApiModule} (Retrofit, Moshi, OkHttp) and
 * {@link JdbcStorageModule} (JDBC, Tink AEAD encryption at rest).
 */
public final class Main {
    private Main() {}

    /** The wired graph: what a benchmark drives, and the storage to close afterwards. */
    public record Stack(NeonApi neonApi, AccessTokenProvider tokens, AuthorizationFlow flow, TokenStore tokenStore,
            JdbcStorage storage) implements AutoCloseable {
        @Override
        public void close() {
            storage.close();
        }
    }

    /** Builds the production graph for {@code client} against the given Neon adapter and storage configuration. */
    public static Stack stack(ClientRegistration client, NeonApiConfig neon, JdbcStorageConfig storage) {
        return stack(client, neon, storage, AccessTokenService.DEFAULT_CACHE_MAX_AGE);
    }

    /** The same, with {@code AccessTokenService}'s in-memory reuse set to {@code tokenCacheMaxAge} (zero: off). */
    public static Stack stack(ClientRegistration client, NeonApiConfig neon, JdbcStorageConfig storage,
            Duration tokenCacheMaxAge) {
        Injector injector = Guice.createInjector(new OAuthHttpModule(neon.oauthHttpConfig()), new NeonApiModule(neon),
                new JdbcStorageModule(storage), new OAuthCoreModule(core -> core.tokenCacheMaxAge(tokenCacheMaxAge)),
                new AbstractModule() {
                    @Provides
                    @Singleton
                    ClientRegistration client() {
                        return client;
                    }
                });
        return new Stack(injector.getInstance(NeonApi.class), injector.getInstance(AccessTokenProvider.class),
                injector.getInstance(AuthorizationFlow.class), injector.getInstance(TokenStore.class),
                injector.getInstance(JdbcStorage.class));
    }
}
