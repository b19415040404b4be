package dev.neonoauth.core.service;

import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.TestClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DisconnectServiceTest {
    private static final AccountKey ACCOUNT = AccountKey.of("web-user-1");
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final List<RevocationEndpoint.Revocation> sent = new ArrayList<>();
    private Function<RevocationEndpoint.Revocation, RevocationEndpoint.Outcome> answer = r -> new RevocationEndpoint.Outcome.Revoked();
    private final RevocationEndpoint endpoint = request -> {
        sent.add(request);
        return answer.apply(request);
    };
    private final DisconnectService service = new DisconnectService(AuthorizationServerSource.of(TestClients.server()), TestClients.confidential(),
            store, endpoint, Duration.ofSeconds(5));

    private void connect(boolean withRefreshToken) {
        TokenSet.Builder builder = TokenSet.builder().accessToken(new AccessToken("ory_at_a"))
                .grantedScopes(TestScopes.DEFAULT).issuedAt(Instant.parse("2026-11-27T10:00:00Z"));
        if (withRefreshToken) {
            builder.refreshToken(new RefreshToken("ory_rt_a"));
        }
        store.save(ACCOUNT, builder.build());
    }

    @Test
    void disconnectRevokesTheRefreshTokenWithItsHintThenDeletes() {
        connect(true);

        DisconnectResult result = service.disconnect(ACCOUNT);

        assertThat(result).isEqualTo(new DisconnectResult(DisconnectResult.Revocation.REVOKED, java.util.Optional.empty(), true));
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.token()).isEqualTo("ory_rt_a");
            assertThat(r.hint()).isEqualTo(RevocationEndpoint.TokenTypeHint.REFRESH_TOKEN);
            assertThat(r.toString()).doesNotContain("ory_rt_a");
        });
        assertThat(store.load(ACCOUNT)).isEmpty();
    }

    @Test
    void withoutRefreshTokenTheAccessTokenIsRevoked() {
        connect(false);

        service.disconnect(ACCOUNT);

        assertThat(sent.get(0).hint()).isEqualTo(RevocationEndpoint.TokenTypeHint.ACCESS_TOKEN);
        assertThat(sent.get(0).token()).isEqualTo("ory_at_a");
    }

    @Test
    void whenRevocationFailsTheResultSaysSoAndLocalTokensAreStillDeleted() {
        connect(true);
        answer = r -> {
            throw new TokenEndpointUnavailableException("revocation endpoint answered 503", true);
        };

        DisconnectResult result = service.disconnect(ACCOUNT);

        assertThat(result.revocation()).isEqualTo(DisconnectResult.Revocation.FAILED);
        assertThat(result.detail().orElseThrow()).contains("503").doesNotContain("ory_rt_a");
        assertThat(result.deletedLocally()).isTrue();
        assertThat(store.load(ACCOUNT)).isEmpty();
    }

    @Test
    void whenTheServerRefusesTheResultNamesItsError() {
        connect(true);
        answer = r -> new RevocationEndpoint.Outcome.Refused(OAuthError.of(OAuthErrorCode.UNAUTHORIZED_CLIENT, "wrong client"), 400);

        DisconnectResult result = service.disconnect(ACCOUNT);

        assertThat(result.revocation()).isEqualTo(DisconnectResult.Revocation.FAILED);
        assertThat(result.detail().orElseThrow()).contains("unauthorized_client");
    }

    @Test
    void whenNotConnectedNothingIsSent() {
        assertThat(service.disconnect(ACCOUNT).revocation()).isEqualTo(DisconnectResult.Revocation.NOT_CONNECTED);
        assertThat(sent).isEmpty();
    }

    @Test
    void whenTheServerHasNoRevocationEndpointTheResultSaysSo() {
        connect(true);
        AuthorizationServer noRevocation = AuthorizationServer.builder().issuer(URI.create("https://as.example.com"))
                .authorizationEndpoint(URI.create("https://as.example.com/auth"))
                .tokenEndpoint(URI.create("https://as.example.com/token")).build();
        DisconnectService other = new DisconnectService(AuthorizationServerSource.of(noRevocation), TestClients.confidential(), store, endpoint, Duration.ofSeconds(5));

        DisconnectResult result = other.disconnect(ACCOUNT);

        assertThat(result.revocation()).isEqualTo(DisconnectResult.Revocation.NOT_SUPPORTED);
        assertThat(result.deletedLocally()).isTrue();
        assertThat(sent).isEmpty();
    }
}
