package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole flow through oauth-core against a provider that is not Neon: discovery, authorization request, callback,
 * code exchange with client_secret_basic and PKCE, a fresh token, then a refresh with rotation after expiry.
 */
class AnyProviderFlowTest {
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final AccountKey ALICE = AccountKey.of("alice");

    private KeycloakLikeServer provider;
    private final MutableClock clock = new MutableClock(START);
    private final HttpClient http = Http.newClient();
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @BeforeEach
    void startProvider() throws Exception {
        provider = KeycloakLikeServer.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private ProviderConfig config() {
        return ProviderConfig.fromEnvironment(Map.of(
                ProviderConfig.ENV_ISSUER, provider.issuer().toString(),
                ProviderConfig.ENV_CLIENT_ID, KeycloakLikeServer.CLIENT_ID,
                ProviderConfig.ENV_CLIENT_SECRET, KeycloakLikeServer.CLIENT_SECRET,
                ProviderConfig.ENV_SCOPES, "openid profile email offline_access",
                ProviderConfig.ENV_ACCOUNT, ALICE.value()));
    }

    @Test
    void flowWhenProviderIsKeycloakLikeThenAuthorizesAndRefreshesWithRotation() throws Exception {
        ProviderConfig config = config();
        OAuthClient client = OAuthClient.connect(config, http, clock, store, new InMemoryPendingAuthorizationStore());
        String realm = provider.issuer().toString();
        assertThat(client.server().issuer()).isEqualTo(provider.issuer());
        assertThat(client.server().authorizationEndpoint()).isEqualTo(URI.create(realm + "/protocol/openid-connect/auth"));
        assertThat(client.server().tokenEndpoint()).isEqualTo(URI.create(realm + "/protocol/openid-connect/token"));

        CallbackResult result;
        try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectUri())) {
            AuthorizationRedirect redirect = client.flow().begin(
                    BeginAuthorization.of(ALICE, config.scopes(), receiver.redirectUri()));

            URI authorize = redirect.authorizationUri();
            assertThat(authorize.getScheme() + "://" + authorize.getRawAuthority() + authorize.getRawPath())
                    .isEqualTo(realm + "/protocol/openid-connect/auth");
            Map<String, String> params = KeycloakLikeServer.decodeForm(authorize.getRawQuery());
            assertThat(params).containsEntry("client_id", KeycloakLikeServer.CLIENT_ID)
                    .containsEntry("redirect_uri", receiver.redirectUri().toString())
                    .containsEntry("scope", "openid profile email offline_access")
                    .containsEntry("response_type", "code")
                    .containsEntry("code_challenge_method", "S256")
                    .containsKeys("state", "code_challenge")
                    .doesNotContainKeys("client_secret", "code_verifier");
            assertThat(receiver.redirectUri().getPort()).isPositive();

            URI callback = new Browser().signIn(authorize);
            assertThat(callback.toString()).startsWith(receiver.redirectUri() + "?");
            result = client.flow().complete(AuthorizationCallback.fromQuery(receiver.awaitQuery(Duration.ofSeconds(5))));
        }

        assertThat(result).isInstanceOfSatisfying(CallbackResult.Authorized.class, authorized -> {
            assertThat(authorized.account()).isEqualTo(ALICE);
            assertThat(authorized.grantedScopes()).isEqualTo(ScopeSet.parse(KeycloakLikeServer.GRANTED_SCOPES));
        });
        KeycloakLikeServer.TokenRequest exchange = provider.tokenRequests().get(0);
        assertThat(exchange.authorization()).isEqualTo(
                HttpTokenEndpoint.basic(KeycloakLikeServer.CLIENT_ID, config.clientSecret().orElseThrow()));
        assertThat(exchange.form()).containsEntry("grant_type", "authorization_code").containsKey("code_verifier")
                .doesNotContainKeys("client_secret", "client_id");
        TokenSet stored = store.load(ALICE).orElseThrow();
        String firstAccess = provider.lastIssuedAccessToken();
        String firstRefresh = provider.lastIssuedRefreshToken();
        assertThat(stored.accessToken().value()).isEqualTo(firstAccess);
        assertThat(stored.refreshToken().orElseThrow().value()).isEqualTo(firstRefresh);
        assertThat(stored.expiresAt()).contains(START.plusSeconds(KeycloakLikeServer.ACCESS_TOKEN_SECONDS));
        assertThat(stored.subject()).contains(KeycloakLikeServer.SUBJECT);

        // fresh: served from the store, no request
        assertThat(client.tokens().currentToken(ALICE)).isInstanceOfSatisfying(AccessTokenResult.Available.class,
                available -> assertThat(available.token().value()).isEqualTo(firstAccess));
        assertThat(provider.tokenRequests()).hasSize(1);

        // expired: one refresh, with client_secret_basic, and the rotated refresh token is what the store keeps
        clock.advance(Duration.ofSeconds(KeycloakLikeServer.ACCESS_TOKEN_SECONDS + 1));
        AccessTokenResult refreshed = client.tokens().currentToken(ALICE);

        assertThat(provider.tokenRequests()).hasSize(2);
        KeycloakLikeServer.TokenRequest refresh = provider.tokenRequests().get(1);
        assertThat(refresh.authorization()).isEqualTo(exchange.authorization());
        assertThat(refresh.form()).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", firstRefresh)
                .doesNotContainKey("client_secret");
        assertThat(refreshed).isInstanceOfSatisfying(AccessTokenResult.Available.class, available -> {
            assertThat(available.token().value()).isEqualTo(provider.lastIssuedAccessToken()).isNotEqualTo(firstAccess);
            assertThat(available.expiresAt()).contains(clock.instant().plusSeconds(KeycloakLikeServer.ACCESS_TOKEN_SECONDS));
        });
        TokenSet rotated = store.load(ALICE).orElseThrow();
        assertThat(rotated.refreshToken().orElseThrow().value()).isEqualTo(provider.lastIssuedRefreshToken()).isNotEqualTo(firstRefresh);
        assertThat(provider.isLiveRefreshToken(firstRefresh)).isFalse();
        assertThat(provider.isLiveRefreshToken(rotated.refreshToken().orElseThrow().value())).isTrue();

        // and the refreshed token is accepted by the provider's resource (userinfo)
        AccessTokenResult.Available now = (AccessTokenResult.Available) client.tokens().currentToken(ALICE);
        assertThat(client.userInfo().orElseThrow().fetch(now.token()).subject()).isEqualTo(KeycloakLikeServer.SUBJECT);
        assertThat(provider.tokenRequests()).hasSize(2);
    }

    @Test
    void flowWhenTheRefreshTokenWasRevokedThenReauthorizationIsRequiredAndTokensAreDeleted() throws Exception {
        ProviderConfig config = config();
        OAuthClient client = OAuthClient.connect(config, http, clock, store, new InMemoryPendingAuthorizationStore());
        try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectUri())) {
            AuthorizationRedirect redirect = client.flow().begin(BeginAuthorization.of(ALICE, config.scopes(), receiver.redirectUri()));
            new Browser().signIn(redirect.authorizationUri());
            client.flow().complete(AuthorizationCallback.fromQuery(receiver.awaitQuery(Duration.ofSeconds(5))));
        }
        // another client used the refresh token meanwhile: the provider rotated it, ours is dead
        String stolen = store.load(ALICE).orElseThrow().refreshToken().orElseThrow().value();
        new HttpTokenEndpoint(http, client.server().tokenEndpoint()).refresh(new dev.neonoauth.core.port.out.TokenRefresh(
                config.clientRegistration(), new dev.neonoauth.core.domain.RefreshToken(stolen)));

        clock.advance(Duration.ofHours(1));
        AccessTokenResult result = client.tokens().currentToken(ALICE);

        assertThat(result).isInstanceOfSatisfying(AccessTokenResult.ReauthorizationRequired.class, required -> {
            assertThat(required.reason()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED);
            assertThat(required.error()).map(e -> e.code().value()).contains("invalid_grant");
        });
        assertThat(store.load(ALICE)).isEmpty();
    }
}
