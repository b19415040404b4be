package dev.neonoauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.core.port.out.OAuthEndpoints;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.testing.TestScopes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The plain-Java assembly: what is required, what the defaults are, and that the parts work together. */
class OAuthClientTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FakeTokenEndpoint tokens = new FakeTokenEndpoint();
    private final AtomicInteger revocations = new AtomicInteger();
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private OAuthEndpoints endpoints() {
        return new OAuthEndpoints() {
            @Override
            public AuthorizationServerSource server() {
                return AuthorizationServerSource.of(TestClients.server());
            }

            @Override
            public TokenEndpoint tokenEndpoint() {
                return tokens;
            }

            @Override
            public RevocationEndpoint revocationEndpoint() {
                return request -> {
                    revocations.incrementAndGet();
                    return new RevocationEndpoint.Outcome.Revoked();
                };
            }
        };
    }

    @Test
    void signsInHandsOutTokensAndDisconnects() {
        OAuthClient oauth = OAuthClient.builder()
                .client(TestClients.confidential())
                .endpoints(endpoints())
                .tokenStore(store)
                .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
                .clock(clock)
                .stateTtl(Duration.ofMinutes(2))
                .build();
        AccountKey alice = AccountKey.of("alice");

        AuthorizationRedirect redirect = oauth.authorizationFlow()
                .begin(BeginAuthorization.of(alice, TestScopes.DEFAULT, TestClients.WEB_CALLBACK));
        assertThat(redirect.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        String state = query(redirect.authorizationUri()).get("state");
        CallbackResult result = oauth.authorizationFlow()
                .complete(AuthorizationCallback.of(Map.of("code", List.of("code-1"), "state", List.of(state))));

        assertThat(result).isInstanceOf(CallbackResult.Authorized.class);
        assertThat(oauth.accessTokens().currentToken(alice)).isInstanceOf(AccessTokenResult.Available.class);
        DisconnectResult disconnected = oauth.disconnect().disconnect(alice);
        assertThat(disconnected.revocation()).isEqualTo(DisconnectResult.Revocation.REVOKED);
        assertThat(revocations).hasValue(1);
        assertThat(store.load(alice)).isEmpty();
    }

    @Test
    void buildNamesTheFirstMissingPart() {
        assertThatThrownBy(() -> OAuthClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client");
        assertThatThrownBy(() -> OAuthClient.builder().client(TestClients.confidential()).build())
                .hasMessageContaining("server (or endpoints)");
        assertThatThrownBy(() -> OAuthClient.builder().client(TestClients.confidential()).endpoints(endpoints()).build())
                .hasMessageContaining("tokenStore");
        assertThatThrownBy(() -> OAuthClient.builder().client(TestClients.confidential()).endpoints(endpoints())
                .tokenStore(store).build()).hasMessageContaining("pendingAuthorizationStore");
    }

    @Test
    void settingsAreValidatedByTheServicesTheyConfigure() {
        OAuthClient.Builder builder = OAuthClient.builder().client(TestClients.confidential()).endpoints(endpoints())
                .tokenStore(store).pendingAuthorizationStore(new InMemoryPendingAuthorizationStore());
        assertThatThrownBy(() -> builder.stateTtl(Duration.ofHours(2)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.stateTtl(Duration.ofMinutes(5)).tokenCacheMaxAge(Duration.ofHours(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
