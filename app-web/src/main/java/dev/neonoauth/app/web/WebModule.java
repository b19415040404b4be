package dev.neonoauth.app.web;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.neonoauth.guice.OAuthCoreModule;
import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.session.SessionStore;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.port.out.SecureRandomSource;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * The application's wiring: oauth-guice's {@link OAuthCoreModule} for the core's use cases, the client registration,
 * sessions. The adapters (OAuth endpoints, Neon API, token and pending-authorization stores, session store) come from
 * the infrastructure module {@link Main} chooses; it may also replace {@code Clock}, {@code SecureRandomSource} or
 * {@code Sleeper} (OAuthCoreModule's defaults).
 */
public final class WebModule extends AbstractModule {
    /** The sandbox's default confidential web client (see neon-sandbox's default clients). */
    public static final String SANDBOX_CLIENT_ID = "neon-oauth-web";
    public static final String SANDBOX_CLIENT_SECRET = "sandbox-web-secret";

    private final WebConfig config;

    public WebModule(WebConfig config) {
        this.config = Objects.requireNonNull(config, "config == null");
    }

    @Override
    protected void configure() {
        bind(WebConfig.class).toInstance(config);
        install(new OAuthCoreModule(core -> core.stateTtl(config.stateTtl())));
        requireBinding(SessionStore.class);
    }

    /**
     * The registered client: the configured one, or in embedded mode the sandbox's {@code neon-oauth-web}. A client
     * with a secret authenticates as {@code NEON_CLIENT_AUTH} says, else with {@code client_secret_post}.
     */
    static ClientRegistration clientRegistration(WebConfig config) {
        if (config.embedded()) {
            return ClientRegistration.builder()
                    .clientId(SANDBOX_CLIENT_ID)
                    .clientSecret(new ClientSecret(SANDBOX_CLIENT_SECRET))
                    .authenticationMethod(WebConfig.clientAuthentication(config.environment())
                            .orElse(ClientAuthenticationMethod.CLIENT_SECRET_POST))
                    .addRedirectUris(URI.create("http://127.0.0.1:" + WebConfig.DEFAULT_PORT + WebConfig.CALLBACK_PATH))
                    .addRedirectUris(URI.create("http://localhost:" + WebConfig.DEFAULT_PORT + WebConfig.CALLBACK_PATH))
                    .defaultScopes(config.scopes())
                    .build();
        }
        ClientRegistration.Builder builder = ClientRegistration.builder()
                .clientId(config.clientId().orElseThrow())
                .addRedirectUris(config.redirectUri().orElseThrow())
                .defaultScopes(config.scopes());
        config.clientSecret().ifPresent(builder::clientSecret);
        builder.authenticationMethod(WebConfig.clientAuthentication(config.environment()).orElse(
                config.clientSecret().isPresent() ? ClientAuthenticationMethod.CLIENT_SECRET_POST
                        : ClientAuthenticationMethod.NONE));
        return builder.build();
    }

    @Provides
    @Singleton
    ClientRegistration client() {
        return clientRegistration(config);
    }

    @Provides
    @Singleton
    SessionManager sessionManager(SessionStore store, Clock clock, SecureRandomSource random) {
        return new SessionManager(store, clock, random, config);
    }
}
