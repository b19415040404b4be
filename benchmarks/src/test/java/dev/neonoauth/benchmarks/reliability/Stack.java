package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.neon.NeonScopes;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.neon.NeonApiConfig;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.adapter.neon.NeonApiModule;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.guice.OAuthCoreModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.RefreshPolicy;
import dev.neonoauth.core.domain.RetryPolicy;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.out.SecureRandomSource;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.service.AuthorizationFlowService;
import dev.neonoauth.sandbox.NeonSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One application instance, assembled the way app-web and app-cli assemble theirs (Guice, the real adapters): its
 * own storage-jdbc pool, its own Neon adapter (Retrofit/OkHttp) and its own {@link AccessTokenService}, talking to
 * a {@link NeonSandbox} as the confidential web client {@code neon-oauth-web}. Several stacks on one database are
 * several instances of an app.
 */
final class Stack implements AutoCloseable {
    static final String CLIENT_ID = "neon-oauth-web";
    /** The redirect URI registered for the web client (port 3000; any port is allowed on 127.0.0.1). */
    static final URI REDIRECT = URI.create("http://127.0.0.1:3000/api/oauth/callback");
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final JdbcStorage storage;
    final Injector injector;
    final NeonApi api;
    final AccessTokenProvider tokens;
    final AuthorizationFlow flow;
    final TokenStore store;
    final TokenEndpoint tokenEndpoint;

    private Stack(JdbcStorage storage, Injector injector) {
        this.storage = storage;
        this.injector = injector;
        this.api = injector.getInstance(NeonApi.class);
        this.tokens = injector.getInstance(AccessTokenProvider.class);
        this.flow = injector.getInstance(AuthorizationFlow.class);
        this.store = storage.tokenStore();
        this.tokenEndpoint = injector.getInstance(TokenEndpoint.class);
    }

    /** The adapter's configuration for a sandbox: Hydra paths, short backoffs so fault tests stay fast. */
    static NeonApiConfig.Builder neonConfig(NeonSandbox sandbox) {
        return neonConfig(sandbox.issuer(), sandbox.apiBaseUri());
    }

    static NeonApiConfig.Builder neonConfig(URI issuer, URI apiBaseUri) {
        return NeonApiConfig.builder()
                .issuer(issuer)
                .useDiscovery(false)
                .apiBaseUrl(apiBaseUri)
                .backoffBase(Duration.ofMillis(50))
                .backoffCap(Duration.ofMillis(400))
                .lockedRetryDelay(Duration.ofMillis(100))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(60));
    }

    static Stack open(NeonSandbox sandbox, JdbcStorageConfig storageConfig) {
        return open(sandbox, storageConfig, UnaryOperator.identity());
    }

    static Stack open(NeonSandbox sandbox, JdbcStorageConfig storageConfig, UnaryOperator<NeonApiConfig.Builder> tweak) {
        return open(tweak.apply(neonConfig(sandbox)).build(), storageConfig);
    }

    static Stack open(NeonApiConfig neonConfig, JdbcStorageConfig storageConfig) {
        JdbcStorage storage = JdbcStorage.open(storageConfig);
        ClientRegistration client = ClientRegistration.builder()
                .clientId(CLIENT_ID)
                .clientSecret(new ClientSecret(SecretsWatch.CLIENT_SECRET))
                .addRedirectUris(REDIRECT)
                .build();
        SecureRandom secureRandom = new SecureRandom();
        AtomicLong draws = new AtomicLong();
        SecureRandomSource recording = bytes -> {
            secureRandom.nextBytes(bytes);
            if (draws.getAndIncrement() % 2 == 1) { // begin() draws the state, then the verifier's entropy
                SecretsWatch.registerVerifierEntropy(bytes.clone());
            }
        };
        Injector injector = Guice.createInjector(
                new OAuthHttpModule(neonConfig.oauthHttpConfig()),
                new NeonApiModule(neonConfig),
                new OAuthCoreModule(core -> core
                        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(400)))
                        .lockTimeout(Duration.ofSeconds(60))
                        .stateTtl(Duration.ofMinutes(10))),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(TokenStore.class).toInstance(storage.tokenStore());
                        bind(PendingAuthorizationStore.class).toInstance(storage.pendingAuthorizationStore());
                        OptionalBinder.newOptionalBinder(binder(), SecureRandomSource.class).setBinding()
                                .toInstance(recording);
                    }

                    @Provides
                    @Singleton
                    ClientRegistration client() {
                        return client;
                    }
                });
        return new Stack(storage, injector);
    }

    /**
     * Connects {@code account} through the real flow: begin (state, PKCE), the sandbox's authorization endpoint
     * (headless approval must be on), the redirect's query handed to {@code complete} (code exchange, save).
     */
    CallbackResult.Authorized connect(AccountKey account) {
        URI location = authorize(account);
        CallbackResult result = flow.complete(AuthorizationCallback.fromQuery(location.getRawQuery()));
        if (!(result instanceof CallbackResult.Authorized authorized)) {
            throw new AssertionError("connect " + account + " failed: " + result);
        }
        return authorized;
    }

    /** Begins a flow and follows the sandbox's authorization endpoint; returns the redirect back to the client. */
    URI authorize(AccountKey account) {
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(account, NeonScopes.DEFAULT, REDIRECT));
        return follow(redirect.authorizationUri());
    }

    static URI follow(URI authorizationUri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 3) {
                throw new AssertionError("authorization endpoint answered " + r.statusCode() + ": " + r.body());
            }
            return authorizationUri.resolve(r.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        storage.close();
    }
}
