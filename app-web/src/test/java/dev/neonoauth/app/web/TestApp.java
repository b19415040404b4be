package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonOAuth;
import com.google.inject.AbstractModule;
import dev.neonoauth.app.web.session.InMemorySessionStore;
import dev.neonoauth.app.web.session.SessionStore;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * app-web on a free port with in-memory adapters from the core's test-jar, a fake Neon API, and a fake
 * authorization server at 127.0.0.1:9 that is never contacted: tests play the consent screen by calling the
 * callback themselves. {@link #serverDown} makes the server's resolution fail as a failed discovery does.
 */
final class TestApp implements AutoCloseable {
    static final AuthorizationServer SERVER = NeonOAuth.hydraEndpoints(URI.create("http://127.0.0.1:9"));

    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryPendingAuthorizationStore pending;
    final InMemorySessionStore sessions;
    final FakeTokenEndpoint tokenEndpoint = new FakeTokenEndpoint();
    final FakeRevocationEndpoint revocation = new FakeRevocationEndpoint();
    final FakeNeonApi neon;
    final MutableClock clock = new MutableClock(Instant.now());
    final RunningApp running;
    volatile boolean serverDown;

    TestApp() {
        this(Map.of());
    }

    TestApp(Map<String, String> env) {
        this(env, new InMemoryPendingAuthorizationStore(), new InMemorySessionStore(), null);
    }

    /** An instance that shares pending authorizations, sessions and the Neon fake with {@code other} (scale-out). */
    TestApp(Map<String, String> env, InMemoryPendingAuthorizationStore pending, InMemorySessionStore sessions,
            TestApp other) {
        this.pending = pending;
        this.sessions = sessions;
        TokenStore tokenStore = other == null ? tokens : other.tokens;
        this.neon = other == null ? new FakeNeonApi(tokenStore) : other.neon;
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("PORT", "0");
        all.putIfAbsent("NEON_OAUTH_SHUTDOWN_GRACE_SECONDS", "5");
        WebConfig config = WebConfig.fromEnvironment(all);
        FakeTokenEndpoint endpoint = other == null ? tokenEndpoint : other.tokenEndpoint;
        MutableClock testClock = other == null ? clock : other.clock;
        running = Main.start(config, new AbstractModule() {
            @Override
            protected void configure() {
                bind(AuthorizationServerSource.class).toInstance(() -> {
                    if (serverDown) {
                        throw new AuthorizationServerDiscovery.DiscoveryException(
                                "discovery at http://127.0.0.1:9/.well-known/openid-configuration could not be reached",
                                true, null);
                    }
                    return SERVER;
                });
                bind(TokenStore.class).toInstance(tokenStore);
                bind(PendingAuthorizationStore.class).toInstance(pending);
                bind(TokenEndpoint.class).toInstance(endpoint);
                bind(RevocationEndpoint.class).toInstance(revocation);
                bind(NeonApi.class).toInstance(neon);
                bind(SessionStore.class).toInstance(sessions);
                bind(Clock.class).toInstance(testClock);
            }
        }, List.of());
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + running.port());
    }

    Browser browser() {
        return new Browser(base());
    }

    @Override
    public void close() {
        running.close();
    }
}
