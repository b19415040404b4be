package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import dev.neonoauth.core.port.out.neon.NeonApi;
import org.junit.jupiter.api.Test;

/** The Guice wiring: what the module binds, what it requires, and that building the injector does no I/O. */
class NeonApiModuleTest extends MockNeonServer {

    @Test
    void bindsEveryPortAsASingletonWithoutIoInTheProductionStage() throws Exception {
        NeonApiConfig config = config().useDiscovery(true).build();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new NeonApiModule(config),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));

        assertThat(server.getRequestCount()).as("no discovery while building the injector").isZero();
        for (Class<?> port : new Class<?>[] {TokenEndpoint.class, RevocationEndpoint.class, UserInfoEndpoint.class,
                AuthorizationServerDiscovery.class, NeonApi.class}) {
            assertThat(injector.getInstance(port)).as(port.getSimpleName()).isSameAs(injector.getInstance(port));
        }
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(json(200, "{\"issuer\":\"" + url("/") + "\",\"authorization_endpoint\":\"" + url("/oauth2/auth")
                + "\",\"token_endpoint\":\"" + url("/oauth2/token") + "\"}"));
        AuthorizationServer first = injector.getInstance(AuthorizationServer.class);
        AuthorizationServer second = injector.getInstance(AuthorizationServer.class);

        assertThat(second).isSameAs(first);
        assertThat(first.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(first.revocationEndpoint()).isEmpty();
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(server.getRequestCount()).as("discovered once").isEqualTo(1);
    }

    @Test
    void requiresAnAccessTokenProvider() {
        assertThatThrownBy(() -> Guice.createInjector(new NeonApiModule(NeonApiConfig.defaults())))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining(AccessTokenProvider.class.getName());
    }

    @Test
    void theDefaultModuleWiresAgainstNeonsProductionHostsWithoutContactingThem() {
        Injector injector = Guice.createInjector(new NeonApiModule(NeonApiConfig.defaults()),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));

        assertThat(injector.getInstance(NeonApi.class)).isNotNull();
        assertThat(injector.getInstance(TokenEndpoint.class)).isNotNull();
    }
}
