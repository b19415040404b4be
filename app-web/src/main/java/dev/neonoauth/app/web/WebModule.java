package dev.neonoauth.app.web;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.session.SessionStore;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
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
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The application's wiring: the core services built from the ports, the client registration, sessions. The
 * adapters (Neon API and OAuth endpoints, token and pending-authorization stores, session store) come from the
 * infrastructure module {@link Main} chooses.
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
        requireBinding(AuthorizationServer.class);
        requireBinding(TokenStore.class);
        requireBinding(PendingAuthorizationStore.class);
        requireBinding(TokenEndpoint.class);
        requireBinding(RevocationEndpoint.class);
        requireBinding(SessionStore.class);
    }

    /** The registered client: the configured one, or in embedded mode the sandbox's {@code neon-oauth-web}. */
    static ClientRegistration clientRegistration(WebConfig config) {
        if (config.embedded()) {
            return ClientRegistration.builder()
                    .clientId(SANDBOX_CLIENT_ID)
                    .clientSecret(new ClientSecret(SANDBOX_CLIENT_SECRET))
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
        return builder.build();
    }

    @Provides
    @Singleton
    ClientRegistration client() {
        return clientRegistration(config);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    SecureRandomSource random() {
        return SecureRandomSource.system();
    }

    @Provides
    @Singleton
    Sleeper sleeper() {
        return Sleeper.system();
    }

    @Provides
    @Singleton
    AuthorizationFlow authorizationFlow(AuthorizationServer server, ClientRegistration client,
            PendingAuthorizationStore pending, TokenStore tokens, TokenEndpoint tokenEndpoint, SecureRandomSource random,
            Clock clock) {
        return new AuthorizationFlowService(server, client, pending, tokens, tokenEndpoint, random, clock,
                config.stateTtl());
    }

    @Provides
    @Singleton
    AccessTokenProvider accessTokenProvider(ClientRegistration client, TokenStore tokens, TokenEndpoint tokenEndpoint,
            Clock clock, Sleeper sleeper) {
        return new AccessTokenService(client, tokens, tokenEndpoint, clock, RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT,
                sleeper, AccessTokenService.DEFAULT_LOCK_TIMEOUT);
    }

    @Provides
    @Singleton
    Disconnect disconnect(AuthorizationServer server, ClientRegistration client, TokenStore tokens,
            RevocationEndpoint revocation) {
        return new DisconnectService(server, client, tokens, revocation, Duration.ofSeconds(30));
    }

    @Provides
    @Singleton
    SessionManager sessionManager(SessionStore store, Clock clock, SecureRandomSource random) {
        return new SessionManager(store, clock, random, config);
    }
}
