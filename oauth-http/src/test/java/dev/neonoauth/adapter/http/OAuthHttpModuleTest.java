package dev.neonoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Guice wiring: what the module binds, and that building the injector does no I/O. */
class OAuthHttpModuleTest extends MockAuthorizationServer {

    @Test
    void bindsEveryPortAsASingletonWithoutIoInTheProductionStage() throws Exception {
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new OAuthHttpModule(discoveryOnly(config()).build()));

        assertThat(server.getRequestCount()).as("no discovery while building the injector").isZero();
        OAuthHttp oauth = injector.getInstance(OAuthHttp.class);
        assertThat(injector.getInstance(AuthorizationServerSource.class)).isSameAs(oauth.server());
        assertThat(injector.getInstance(AuthorizationServerDiscovery.class)).isSameAs(oauth.discovery());
        assertThat(injector.getInstance(TokenEndpoint.class)).isSameAs(oauth.tokenEndpoint());
        assertThat(injector.getInstance(RevocationEndpoint.class)).isSameAs(oauth.revocationEndpoint());
        assertThat(injector.getInstance(UserInfoEndpoint.class)).isSameAs(oauth.userInfoEndpoint());
        assertThat(injector.getInstance(OAuthHttp.class)).isSameAs(oauth);
        assertThat(server.getRequestCount()).as("nor while getting the ports").isZero();

        server.enqueue(json(200, metadata(issuer())));
        AuthorizationServer first = injector.getInstance(AuthorizationServerSource.class).current();
        AuthorizationServer second = injector.getInstance(AuthorizationServerSource.class).current();

        assertThat(second).isSameAs(first);
        assertThat(first.tokenEndpoint()).isEqualTo(url("/oauth2/token"));
        assertThat(take().getTarget()).isEqualTo("/.well-known/openid-configuration");
        assertThat(server.getRequestCount()).as("discovered once, at first use").isEqualTo(1);
    }

    @Test
    void theModuleUsesItsConfiguration() {
        OAuthHttpConfig config = OAuthHttpConfig.forIssuer(URI.create("https://login.example.com"));

        Injector injector = Guice.createInjector(Stage.PRODUCTION, new OAuthHttpModule(config));

        assertThat(injector.getInstance(OAuthHttp.class).config()).isSameAs(config);
    }
}
