package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.neon.api.NeonApi;
import org.junit.jupiter.api.Test;

/**
 * The Guice wiring: the module binds {@link NeonApi} only, requires an {@link AccessTokenProvider}, and building the
 * injector does no I/O, also next to oauth-http's {@link OAuthHttpModule} for Neon's OAuth endpoints.
 */
class NeonApiModuleTest extends MockNeonServer {

    @Test
    void bindsTheApiAsASingletonWithoutIoInTheProductionStage() throws Exception {
        NeonApiConfig config = config().useDiscovery(true).build();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new NeonApiModule(config),
                new OAuthHttpModule(config.oauthHttpConfig()),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));

        assertThat(server.getRequestCount()).as("no discovery while building the injector").isZero();
        NeonApi api = injector.getInstance(NeonApi.class);
        assertThat(injector.getInstance(NeonApi.class)).isSameAs(api);
        assertThat(injector.getInstance(TokenEndpoint.class)).isNotNull();
        assertThat(server.getRequestCount()).isZero();

        server.enqueue(json(200, "{\"issuer\":\"" + url("/") + "\",\"authorization_endpoint\":\"" + url("/oauth2/auth")
                + "\",\"token_endpoint\":\"" + url("/oauth2/token") + "\"}"));
        AuthorizationServer first = injector.getInstance(AuthorizationServerSource.class).current();
        AuthorizationServer second = injector.getInstance(AuthorizationServerSource.class).current();

        assertThat(second).isSameAs(first);
        assertThat(first.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(server.getRequestCount()).as("discovered once, at Neon's issuer with a trailing slash").isEqualTo(1);

        enqueue(200, "users-me.json");
        assertThat(api.currentUser(ACCOUNT).email()).isEqualTo("casey@example.com");
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void bindsNoOAuthPort() {
        Injector injector = Guice.createInjector(new NeonApiModule(NeonApiConfig.defaults()),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));

        assertThat(injector.getInstance(NeonApi.class)).isNotNull();
        assertThat(injector.getExistingBinding(Key.get(TokenEndpoint.class))).as("oauth-http's OAuthHttpModule binds it").isNull();
        assertThat(injector.getExistingBinding(Key.get(AuthorizationServerSource.class))).isNull();
    }

    @Test
    void requiresAnAccessTokenProvider() {
        assertThatThrownBy(() -> Guice.createInjector(new NeonApiModule(NeonApiConfig.defaults())))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining(AccessTokenProvider.class.getName());
    }

    @Test
    void theDefaultModulesWireAgainstNeonsProductionHostsWithoutContactingThem() {
        NeonApiConfig config = NeonApiConfig.defaults();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new NeonApiModule(config),
                new OAuthHttpModule(config.oauthHttpConfig()),
                binder -> binder.bind(AccessTokenProvider.class).toInstance(tokens));

        assertThat(injector.getInstance(NeonApi.class)).isNotNull();
        assertThat(injector.getInstance(TokenEndpoint.class)).isNotNull();
    }

    @Test
    void theFactoryBuildsTheApiWithoutGuice() throws Exception {
        NeonApi api = NeonApis.create(config().build(), tokens);
        assertThat(server.getRequestCount()).isZero();
        enqueue(200, "users-me.json");

        assertThat(api.currentUser(ACCOUNT).email()).isEqualTo("casey@example.com");

        assertThat(take().getTarget()).isEqualTo("/api/v2/users/me");
    }
}
