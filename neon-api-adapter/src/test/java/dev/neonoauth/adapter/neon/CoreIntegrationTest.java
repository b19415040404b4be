package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.adapter.http.OAuthHttp;
import dev.neonoauth.adapter.http.OAuthHttpModule;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.testing.TestTokenSets;
import dev.neonoauth.neon.api.NeonApi;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The adapter wired to the core's real {@link AccessTokenService}, oauth-http's token endpoint and the in-memory
 * store: a 401 from the API makes the core refresh through the token endpoint, the new set is stored, and the call
 * is retried once with the new token. Once with Guice, once in plain Java.
 */
class CoreIntegrationTest extends MockNeonServer {
    final InMemoryTokenStore store = new InMemoryTokenStore();

    @Test
    void a401IsRecoveredThroughTheCoresRefreshAndTheTokenEndpointWiredByGuice() throws Exception {
        TokenSet stored = storeATokenSet();
        NeonApiConfig config = config().build();
        Injector injector = Guice.createInjector(new NeonApiModule(config, time, time, 2),
                new OAuthHttpModule(config.oauthHttpConfig()), new AbstractModule() {
                    @Provides
                    @Singleton
                    AccessTokenProvider accessTokenProvider(TokenEndpoint endpoint) {
                        return new AccessTokenService(TestClients.publicClient(), store, endpoint, time);
                    }
                });

        recoversFromA401(injector.getInstance(NeonApi.class), stored);
    }

    @Test
    void a401IsRecoveredThroughTheCoresRefreshAndTheTokenEndpointInPlainJava() throws Exception {
        TokenSet stored = storeATokenSet();
        NeonApiConfig config = config().build();
        OAuthClient oauth = OAuthClient.builder()
                .client(TestClients.publicClient())
                .endpoints(OAuthHttp.create(config.oauthHttpConfig()))
                .tokenStore(store)
                .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
                .clock(time)
                .sleeper(time)
                .build();

        recoversFromA401(NeonApis.create(config, oauth.accessTokens(), time, time, 2), stored);
    }

    TokenSet storeATokenSet() {
        TokenSet stored = TestTokenSets.issued(time.instant());
        store.save(ACCOUNT, stored);
        return stored;
    }

    void recoversFromA401(NeonApi api, TokenSet stored) throws Exception {
        enqueue(401, "error-unauthorized.json");
        server.enqueue(json(200, "{\"access_token\":\"ory_at_rotated-0003\",\"token_type\":\"bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"ory_rt_rotated-0003\",\"scope\":\"" + stored.grantedScopes().render() + "\"}"));
        enqueue(200, "users-me.json");

        assertThat(api.currentUser(ACCOUNT).email()).isEqualTo("casey@example.com");

        RecordedRequest rejected = take();
        assertThat(rejected.getHeaders().get("Authorization")).isEqualTo(stored.accessToken().bearerHeaderValue());
        RecordedRequest refresh = take();
        assertThat(refresh.getTarget()).isEqualTo("/oauth2/token");
        assertThat(body(refresh)).isEqualTo("grant_type=refresh_token&refresh_token="
                + stored.refreshToken().orElseThrow().value() + "&client_id=neon-oauth-cli");
        RecordedRequest retried = take();
        assertThat(retried.getTarget()).isEqualTo("/api/v2/users/me");
        assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer ory_at_rotated-0003");
        assertThat(store.load(ACCOUNT)).hasValueSatisfying(tokens -> {
            assertThat(tokens.accessToken().value()).isEqualTo("ory_at_rotated-0003");
            assertThat(tokens.refreshToken().orElseThrow().value()).isEqualTo("ory_rt_rotated-0003");
        });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
