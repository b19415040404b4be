package dev.neonoauth.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.testing.TestScopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OAuthCoreModuleTest {
    private final AtomicInteger serverLookups = new AtomicInteger();
    private final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();

    /** What the adapters' modules would bind; the server source counts how often it is asked. */
    private AbstractModule ports() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(ClientRegistration.class).toInstance(TestClients.confidential());
                bind(AuthorizationServerSource.class).toInstance(() -> {
                    serverLookups.incrementAndGet();
                    return TestClients.server();
                });
                bind(TokenEndpoint.class).toInstance(new FakeTokenEndpoint());
                bind(RevocationEndpoint.class).toInstance(request -> new RevocationEndpoint.Outcome.Revoked());
                bind(TokenStore.class).toInstance(new InMemoryTokenStore());
                bind(PendingAuthorizationStore.class).toInstance(pending);
            }
        };
    }

    @Test
    void bindsTheThreeUseCasesAsSingletonsWithoutResolvingTheServer() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new OAuthCoreModule(), ports());

        assertThat(serverLookups).as("building the graph (even eagerly) asks nothing of the server").hasValue(0);
        OAuthClient client = injector.getInstance(OAuthClient.class);
        assertThat(injector.getInstance(AuthorizationFlow.class)).isSameAs(client.authorizationFlow());
        assertThat(injector.getInstance(AccessTokenProvider.class)).isSameAs(client.accessTokens());
        assertThat(injector.getInstance(Disconnect.class)).isSameAs(client.disconnect());
        assertThat(injector.getInstance(Clock.class).getZone()).isEqualTo(Clock.systemUTC().getZone());

        injector.getInstance(AuthorizationFlow.class)
                .begin(BeginAuthorization.of(AccountKey.of("a"), TestScopes.DEFAULT, TestClients.WEB_CALLBACK));
        assertThat(serverLookups).as("the first operation resolves it").hasPositiveValue();
    }

    @Test
    void theCustomizerAndReplacedDefaultsReachTheServices() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        Injector injector = Guice.createInjector(new OAuthCoreModule(core -> core.stateTtl(Duration.ofMinutes(3))),
                ports(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
                    }
                });

        AuthorizationRedirect redirect = injector.getInstance(AuthorizationFlow.class)
                .begin(BeginAuthorization.of(AccountKey.of("a"), TestScopes.DEFAULT, TestClients.WEB_CALLBACK));

        assertThat(redirect.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
    }

    @Test
    void aMissingPortIsReportedWhenTheInjectorIsBuilt() {
        assertThatThrownBy(() -> Guice.createInjector(new OAuthCoreModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining(ClientRegistration.class.getName())
                .hasMessageContaining(TokenStore.class.getName());
    }
}
