package dev.neonoauth.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.util.Objects;

/**
 * Guice wiring of the generic OAuth HTTP adapter: binds, as singletons, {@link OAuthHttp} and the ports it implements
 * ({@link AuthorizationServerSource}, {@link AuthorizationServerDiscovery}, {@link TokenEndpoint},
 * {@link RevocationEndpoint}, {@link UserInfoEndpoint}). Building the injector does no network I/O, even in Guice's
 * production stage: the server is discovered by the first operation that needs it. Guice is optional for this
 * artifact: without it, use {@link OAuthHttp#create}.
 */
public final class OAuthHttpModule extends AbstractModule {
    private final OAuthHttpConfig config;

    public OAuthHttpModule(OAuthHttpConfig config) {
        this.config = Objects.requireNonNull(config, "config == null");
    }

    @Provides
    @Singleton
    OAuthHttp oauthHttp() {
        return OAuthHttp.create(config);
    }

    @Provides
    @Singleton
    AuthorizationServerSource server(OAuthHttp http) {
        return http.server();
    }

    @Provides
    @Singleton
    AuthorizationServerDiscovery discovery(OAuthHttp http) {
        return http.discovery();
    }

    @Provides
    @Singleton
    TokenEndpoint tokenEndpoint(OAuthHttp http) {
        return http.tokenEndpoint();
    }

    @Provides
    @Singleton
    RevocationEndpoint revocationEndpoint(OAuthHttp http) {
        return http.revocationEndpoint();
    }

    @Provides
    @Singleton
    UserInfoEndpoint userInfoEndpoint(OAuthHttp http) {
        return http.userInfoEndpoint();
    }
}
