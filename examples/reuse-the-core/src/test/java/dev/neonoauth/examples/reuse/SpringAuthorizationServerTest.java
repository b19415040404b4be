package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.adapter.http.OAuthHttp;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example's assembly ({@link ProviderConfig} and {@link Main#oauthClient}) against Spring Authorization Server, a
 * standards-compliant server this project did not write: sign-in with PKCE, refresh with rotation, a refresh token
 * the server no longer accepts, revocation, userinfo, and discovery through RFC 8414 metadata alone.
 */
class SpringAuthorizationServerTest {
    private static final AccountKey ALICE = AccountKey.of(AuthServerConfig.USER);

    private static SasServer oidc;
    private static SasServer rfc8414Only;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    /** The two ways the example authenticates the client at the token and revocation endpoints. */
    enum Client {
        /** OAUTH_CLIENT_AUTH unset: client_secret_basic, chosen from token_endpoint_auth_methods_supported. */
        BASIC_FROM_METADATA(AuthServerConfig.BASIC_CLIENT, null),
        /** OAUTH_CLIENT_AUTH=client_secret_post. */
        POST_CONFIGURED(AuthServerConfig.POST_CLIENT, "client_secret_post");

        final String id;
        final String authEnv;

        Client(String id, String authEnv) {
            this.id = id;
            this.authEnv = authEnv;
        }
    }

    /** What a reuser holds: the configuration, the HTTP adapter and the client built from both. */
    private record Example(ProviderConfig config, OAuthHttp http, OAuthClient oauth) {}

    @BeforeAll
    static void startServers() {
        oidc = SasServer.start(true);
        rfc8414Only = SasServer.start(false);
    }

    @AfterAll
    static void stopServers() {
        if (oidc != null) {
            oidc.close();
        }
        if (rfc8414Only != null) {
            rfc8414Only.close();
        }
    }

    private Example example(SasServer server, Client client, Map<String, String> overrides) {
        Map<String, String> env = server.environment(client.id);
        if (client.authEnv != null) {
            env.put("OAUTH_CLIENT_AUTH", client.authEnv);
        }
        env.putAll(overrides);
        ProviderConfig config = ProviderConfig.fromEnvironment(env);
        OAuthHttp http = OAuthHttp.create(config.server());
        return new Example(config, http, Main.oauthClient(config, http, store, clock));
    }

    private Example example(SasServer server, Client client) {
        return example(server, client, Map.of());
    }

    /** begin, the user's browser at the server, then complete with the query the server redirected to. */
    private static CallbackResult signIn(SasServer server, Example example) throws Exception {
        AuthorizationRedirect redirect = example.oauth().authorizationFlow().begin(
                BeginAuthorization.of(example.config().account(), example.config().scopes(), example.config().redirectUri()));
        assertThat(redirect.authorizationUri().getRawQuery()).contains("code_challenge_method=S256");
        URI callback = server.authorize(redirect.authorizationUri());
        assertThat(callback.toString()).startsWith(example.config().redirectUri() + "?");
        return example.oauth().authorizationFlow().complete(AuthorizationCallback.fromQuery(callback.getRawQuery()));
    }

    private static void assertAuthorized(CallbackResult result, String scopes) {
        assertThat(result).isInstanceOfSatisfying(CallbackResult.Authorized.class, authorized -> {
            assertThat(authorized.account()).isEqualTo(ALICE);
            assertThat(authorized.grantedScopes()).isEqualTo(ScopeSet.parse(scopes));
        });
    }

    /** expires_in counts whole seconds from the server's clock: 299 or 300 for a five-minute token. */
    private void assertExpiresAfterTheLifetime(TokenSet tokens) {
        Instant full = clock.instant().plus(AuthServerConfig.ACCESS_TOKEN_LIFETIME);
        assertThat(tokens.expiresAt().orElseThrow()).isBetween(full.minusSeconds(2), full);
    }

    private static AccessTokenResult.Available available(AccessTokenResult result) {
        assertThat(result).isInstanceOf(AccessTokenResult.Available.class);
        return (AccessTokenResult.Available) result;
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void signInExchangesTheCodeWithPkceAndStoresTheGrant(Client client) throws Exception {
        Example example = example(oidc, client);

        assertAuthorized(signIn(oidc, example), "openid profile");

        TokenSet stored = store.load(ALICE).orElseThrow();
        assertThat(stored.refreshToken()).isPresent();
        assertThat(stored.subject()).contains(AuthServerConfig.USER);   // from the id_token
        assertExpiresAfterTheLifetime(stored);
        assertThat(available(example.oauth().accessTokens().currentToken(ALICE)).token()).isEqualTo(stored.accessToken());
    }

    @Test
    void signInWhenTheClientAuthenticationIsLeftToTheMetadataThenClientSecretBasicIsUsed() throws Exception {
        Example basic = example(oidc, Client.BASIC_FROM_METADATA);
        assertThat(basic.config().client().authenticationMethod()).isEmpty();
        assertAuthorized(signIn(oidc, basic), "openid profile");
        AuthorizationServer server = basic.http().server().current();
        assertThat(server.tokenEndpointAuthMethodsSupported()).contains("client_secret_basic", "client_secret_post");
        assertThat(basic.config().client().authenticationMethodFor(server))
                .isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);

        // the server holds every client to its registered method: post-client must say client_secret_post
        Example postLeftToMetadata = example(oidc, Client.BASIC_FROM_METADATA, Map.of(
                "OAUTH_CLIENT_ID", AuthServerConfig.POST_CLIENT,
                "OAUTH_CLIENT_SECRET", AuthServerConfig.secret(AuthServerConfig.POST_CLIENT),
                "OAUTH_ACCOUNT", "bob"));
        assertThat(signIn(oidc, postLeftToMetadata)).isInstanceOfSatisfying(CallbackResult.ExchangeRefused.class,
                exchange -> assertThat(exchange.error().code().value()).isEqualTo("invalid_client"));
        assertThat(store.load(AccountKey.of("bob"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void currentTokenWhenTheAccessTokenIsStaleThenRefreshesAndStoresTheRotatedRefreshToken(Client client) throws Exception {
        Example example = example(oidc, client);
        assertAuthorized(signIn(oidc, example), "openid profile");
        TokenSet first = store.load(ALICE).orElseThrow();

        clock.advance(AuthServerConfig.ACCESS_TOKEN_LIFETIME);
        AccessTokenResult.Available refreshed = available(example.oauth().accessTokens().currentToken(ALICE));

        TokenSet second = store.load(ALICE).orElseThrow();
        assertThat(refreshed.token()).isEqualTo(second.accessToken());
        assertThat(second.accessToken().value()).isNotEqualTo(first.accessToken().value());
        assertThat(second.refreshToken().orElseThrow().value()).isNotEqualTo(first.refreshToken().orElseThrow().value());
        assertExpiresAfterTheLifetime(second);
        // the new refresh token is the live one
        assertThat(oidc.refreshDirectly(client.id, second.refreshToken().orElseThrow().value()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void currentTokenWhenTheStoredRefreshTokenWasAlreadyUsedThenAsksToSignInAgainAndDeletesTheGrant(Client client)
            throws Exception {
        Example example = example(oidc, client);
        assertAuthorized(signIn(oidc, example), "openid profile");
        TokenSet original = store.load(ALICE).orElseThrow();
        clock.advance(AuthServerConfig.ACCESS_TOKEN_LIFETIME);
        available(example.oauth().accessTokens().currentToken(ALICE));   // rotates

        // the server refuses the old refresh token ...
        HttpResponse<String> replay = oidc.refreshDirectly(client.id, original.refreshToken().orElseThrow().value());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("\"error\":\"invalid_grant\"");

        // ... and a client whose store holds it (restored from a backup, written by a process that lost a race) is
        // told to sign in again, and forgets the grant
        store.save(ALICE, original);
        clock.advance(Duration.ofMinutes(1));
        AccessTokenResult result = example.oauth().accessTokens().currentToken(ALICE);

        assertThat(result).isInstanceOfSatisfying(AccessTokenResult.ReauthorizationRequired.class, required -> {
            assertThat(required.reason()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED);
            assertThat(required.error()).map(e -> e.code().value()).contains("invalid_grant");
        });
        assertThat(store.load(ALICE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void disconnectRevokesTheGrantAtTheServerAndDeletesItLocally(Client client) throws Exception {
        Example example = example(oidc, client);
        assertAuthorized(signIn(oidc, example), "openid profile");
        TokenSet tokens = store.load(ALICE).orElseThrow();
        assertThat(example.http().userInfoEndpoint().fetch(tokens.accessToken()).subject()).isEqualTo(AuthServerConfig.USER);

        DisconnectResult result = example.oauth().disconnect().disconnect(ALICE);

        assertThat(result.revocation()).isEqualTo(DisconnectResult.Revocation.REVOKED);
        assertThat(result.deletedLocally()).isTrue();
        assertThat(store.load(ALICE)).isEmpty();
        HttpResponse<String> refresh = oidc.refreshDirectly(client.id, tokens.refreshToken().orElseThrow().value());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(refresh.body()).contains("\"error\":\"invalid_grant\"");
        // revoking the refresh token ended the access token of the same grant too (RFC 7009 section 2.1)
        assertThatThrownBy(() -> example.http().userInfoEndpoint().fetch(tokens.accessToken()))
                .isInstanceOf(InfrastructureException.class).hasMessageContaining("refused the access token");
        assertThat(example.oauth().accessTokens().currentToken(ALICE))
                .isInstanceOfSatisfying(AccessTokenResult.ReauthorizationRequired.class,
                        required -> assertThat(required.reason()).isEqualTo(AccessTokenResult.Reason.NOT_CONNECTED));
    }

    @Test
    void userInfoReturnsTheSignedInUser() throws Exception {
        Example example = example(oidc, Client.BASIC_FROM_METADATA);
        assertAuthorized(signIn(oidc, example), "openid profile");
        AccessTokenResult.Available token = available(example.oauth().accessTokens().currentToken(ALICE));

        assertThat(example.http().userInfoEndpoint().fetch(token.token()).subject()).isEqualTo(AuthServerConfig.USER);
        assertThat(example.http().server().current().userinfoEndpoint()).contains(URI.create(oidc.issuer() + "/userinfo"));
    }

    @Test
    void signInWhenTheServerPublishesOnlyRfc8414MetadataThenDiscoveryFallsBack() throws Exception {
        assertThat(rfc8414Only.get("/.well-known/openid-configuration").statusCode()).isEqualTo(404);
        assertThat(rfc8414Only.get("/.well-known/oauth-authorization-server").statusCode()).isEqualTo(200);
        Example example = example(rfc8414Only, Client.BASIC_FROM_METADATA, Map.of("OAUTH_SCOPES", "read"));

        assertAuthorized(signIn(rfc8414Only, example), "read");

        AuthorizationServer server = example.http().server().current();
        assertThat(server.issuer()).isEqualTo(rfc8414Only.issuer());
        assertThat(server.tokenEndpoint()).isEqualTo(URI.create(rfc8414Only.issuer() + "/oauth2/token"));
        assertThat(server.revocationEndpoint()).contains(URI.create(rfc8414Only.issuer() + "/oauth2/revoke"));
        assertThat(server.userinfoEndpoint()).isEmpty();
        assertThat(example.oauth().accessTokens().currentToken(ALICE)).isInstanceOf(AccessTokenResult.Available.class);
    }

    @Test
    void signInWhenDiscoveryIsOffThenTheConfiguredEndpointsAreUsed() throws Exception {
        Example example = example(oidc, Client.POST_CONFIGURED, Map.of(
                "OAUTH_DISCOVERY", "false",
                "OAUTH_AUTHORIZATION_ENDPOINT", oidc.issuer() + "/oauth2/authorize",
                "OAUTH_TOKEN_ENDPOINT", oidc.issuer() + "/oauth2/token",
                "OAUTH_REVOCATION_ENDPOINT", oidc.issuer() + "/oauth2/revoke"));

        assertAuthorized(signIn(oidc, example), "openid profile");

        assertThat(example.http().server().current().tokenEndpointAuthMethodsSupported()).isEmpty();
        assertThat(example.oauth().disconnect().disconnect(ALICE).revocation()).isEqualTo(DisconnectResult.Revocation.REVOKED);
    }
}
