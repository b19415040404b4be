package dev.neonoauth.core;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.RefreshPolicy;
import dev.neonoauth.core.domain.RetryPolicy;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.OAuthEndpoints;
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
 * The core's three use cases assembled from their ports, in plain Java: the one entry point for an application that
 * does not use a dependency-injection container (the Guice module {@code OAuthCoreModule} of oauth-guice builds the
 * same graph through this class).
 *
 * <pre>{@code
 * OAuthClient oauth = OAuthClient.builder()
 *         .client(registration)
 *         .endpoints(endpoints)                       // e.g. oauth-http's OAuthHttp.create(config)
 *         .tokenStore(new InMemoryTokenStore())
 *         .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
 *         .build();
 * AuthorizationRedirect redirect = oauth.authorizationFlow().begin(...);
 * }</pre>
 *
 * Building does no I/O: the server is resolved by the first operation that needs it.
 */
public final class OAuthClient {
    private final AuthorizationFlow authorizationFlow;
    private final AccessTokenProvider accessTokens;
    private final Disconnect disconnect;

    private OAuthClient(Builder b) {
        this.accessTokens = new AccessTokenService(b.client, b.tokenStore, b.tokenEndpoint, b.clock, b.refreshPolicy,
                b.retryPolicy, b.sleeper, b.lockTimeout, b.tokenCacheMaxAge);
        this.authorizationFlow = new AuthorizationFlowService(b.server, b.client, b.pendingStore, b.tokenStore,
                b.tokenEndpoint, b.random, b.clock, b.stateTtl);
        this.disconnect = new DisconnectService(b.server, b.client, b.tokenStore, b.revocationEndpoint, b.lockTimeout);
    }

    /** Starts and completes authorizations (authorization code with PKCE S256 and a one-time state). */
    public AuthorizationFlow authorizationFlow() {
        return authorizationFlow;
    }

    /** Hands out usable access tokens, refreshing them once across threads and processes. */
    public AccessTokenProvider accessTokens() {
        return accessTokens;
    }

    /** Revokes a grant at the server and deletes it locally. */
    public Disconnect disconnect() {
        return disconnect;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the ports and settings; {@link #build()} checks that every required one is set. */
    public static final class Builder {
        private ClientRegistration client;
        private AuthorizationServerSource server;
        private TokenEndpoint tokenEndpoint;
        private RevocationEndpoint revocationEndpoint;
        private TokenStore tokenStore;
        private PendingAuthorizationStore pendingStore;
        private Clock clock = Clock.systemUTC();
        private SecureRandomSource random;
        private Sleeper sleeper;
        private Duration stateTtl = AuthorizationFlowService.DEFAULT_STATE_TTL;
        private RefreshPolicy refreshPolicy = RefreshPolicy.DEFAULT;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration lockTimeout = AccessTokenService.DEFAULT_LOCK_TIMEOUT;
        private Duration tokenCacheMaxAge = AccessTokenService.DEFAULT_CACHE_MAX_AGE;

        private Builder() {}

        /** Required: the client as registered at the server. */
        public Builder client(ClientRegistration client) {
            this.client = Objects.requireNonNull(client, "client == null");
            return this;
        }

        /** The server, its token endpoint and its revocation endpoint from one adapter. */
        public Builder endpoints(OAuthEndpoints endpoints) {
            Objects.requireNonNull(endpoints, "endpoints == null");
            return server(endpoints.server()).tokenEndpoint(endpoints.tokenEndpoint())
                    .revocationEndpoint(endpoints.revocationEndpoint());
        }

        /** Required (or through {@link #endpoints}): where the server is, resolved at first use. */
        public Builder server(AuthorizationServerSource server) {
            this.server = Objects.requireNonNull(server, "server == null");
            return this;
        }

        /** A server whose endpoints are known (no discovery). */
        public Builder server(AuthorizationServer server) {
            return server(AuthorizationServerSource.of(server));
        }

        /** Required (or through {@link #endpoints}). */
        public Builder tokenEndpoint(TokenEndpoint tokenEndpoint) {
            this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint == null");
            return this;
        }

        /** Required (or through {@link #endpoints}); used only when the server has a revocation endpoint. */
        public Builder revocationEndpoint(RevocationEndpoint revocationEndpoint) {
            this.revocationEndpoint = Objects.requireNonNull(revocationEndpoint, "revocationEndpoint == null");
            return this;
        }

        /** Required: where grants live ({@code InMemoryTokenStore} for one process, storage-jdbc for many). */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore == null");
            return this;
        }

        /** Required: where started authorizations wait for their callback. */
        public Builder pendingAuthorizationStore(PendingAuthorizationStore pendingStore) {
            this.pendingStore = Objects.requireNonNull(pendingStore, "pendingStore == null");
            return this;
        }

        /** Default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Default: {@link SecureRandomSource#system()}. */
        public Builder random(SecureRandomSource random) {
            this.random = Objects.requireNonNull(random, "random == null");
            return this;
        }

        /** Default: {@link Sleeper#system()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        /** How long a started authorization may take; default 10 minutes, at most 1 hour. */
        public Builder stateTtl(Duration stateTtl) {
            this.stateTtl = Objects.requireNonNull(stateTtl, "stateTtl == null");
            return this;
        }

        public Builder refreshPolicy(RefreshPolicy refreshPolicy) {
            this.refreshPolicy = Objects.requireNonNull(refreshPolicy, "refreshPolicy == null");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
            return this;
        }

        /** How long a refresh or a disconnect waits for another holder of the account's lock; default 30 s. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout == null");
            return this;
        }

        /** How long a fresh token set is reused from memory; default 10 s, {@link Duration#ZERO} turns it off. */
        public Builder tokenCacheMaxAge(Duration tokenCacheMaxAge) {
            this.tokenCacheMaxAge = Objects.requireNonNull(tokenCacheMaxAge, "tokenCacheMaxAge == null");
            return this;
        }

        /**
         * @throws IllegalStateException naming the first required part that is missing
         * @throws IllegalArgumentException when a duration is out of range
         */
        public OAuthClient build() {
            require(client, "client");
            require(server, "server (or endpoints)");
            require(tokenEndpoint, "tokenEndpoint (or endpoints)");
            require(revocationEndpoint, "revocationEndpoint (or endpoints)");
            require(tokenStore, "tokenStore");
            require(pendingStore, "pendingAuthorizationStore");
            if (random == null) {
                random = SecureRandomSource.system();
            }
            if (sleeper == null) {
                sleeper = Sleeper.system();
            }
            return new OAuthClient(this);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException("OAuthClient.builder() needs " + name);
            }
        }
    }
}
