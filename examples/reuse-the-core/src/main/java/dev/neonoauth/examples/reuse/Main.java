package dev.neonoauth.examples.reuse;

import dev.neonoauth.adapter.http.OAuthHttp;
import dev.neonoauth.core.OAuthClient;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.port.out.UserInfoEndpoint.UserInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Signs a user in at any OAuth 2.0 / OpenID Connect server through oauth-core and oauth-http, then uses the token.
 * Configured by environment variables ({@link ProviderConfig#fromEnvironment}); prints the URL to open, waits for the
 * browser on a loopback redirect, and reports what happened. Never prints a token or the secret.
 *
 * <p>Exit codes: 0 signed in; 1 the user, the server or the callback said no; 2 configuration error; 3 the server or
 * the network failed.
 */
public final class Main {
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(5);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.getenv(), System.out, Clock.systemUTC()));
    }

    /** The whole assembly, in plain Java: the client, the generic HTTP adapter and the shipped stores. */
    public static OAuthClient oauthClient(ProviderConfig config, OAuthHttp http, TokenStore tokens, Clock clock) {
        return OAuthClient.builder()
                .client(config.client())
                .endpoints(http)
                .tokenStore(tokens)
                .pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
                .clock(clock)
                .build();
    }

    static int run(Map<String, String> env, PrintStream out, Clock clock) throws InterruptedException {
        ProviderConfig config;
        try {
            config = ProviderConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            out.println("Configuration error: " + e.getMessage());
            return 2;
        }
        OAuthHttp http = OAuthHttp.create(config.server());
        OAuthClient oauth = oauthClient(config, http, new InMemoryTokenStore(), clock);
        try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectUri())) {
            AuthorizationRedirect redirect = oauth.authorizationFlow().begin(
                    BeginAuthorization.of(config.account(), config.scopes(), receiver.redirectUri()));
            AuthorizationServer server = http.server().current();
            out.println("Authorization server " + server.issuer() + ", token endpoint " + server.tokenEndpoint());
            out.println("Open this URL in a browser and sign in:");
            out.println(redirect.authorizationUri());
            out.flush();

            String query = receiver.awaitQuery(LOGIN_TIMEOUT);
            CallbackResult result = oauth.authorizationFlow().complete(AuthorizationCallback.fromQuery(query));
            return report(config, oauth, http, result, out);
        } catch (DiscoveryException e) {
            out.println("Discovery failed: " + e.getMessage());
            return e.isRetryable() ? 3 : 2;
        } catch (InfrastructureException e) {
            out.println("Failed: " + e.getMessage() + (e.isRetryable() ? " (try again later)" : ""));
            return 3;
        } catch (IOException e) {
            out.println("Cannot listen on " + config.redirectUri() + ": " + e.getMessage());
            return 3;
        } catch (TimeoutException e) {
            out.println("No answer from the browser within " + LOGIN_TIMEOUT.toMinutes() + " minutes.");
            return 1;
        }
    }

    private static int report(ProviderConfig config, OAuthClient oauth, OAuthHttp http, CallbackResult result,
            PrintStream out) {
        if (result instanceof CallbackResult.Authorized authorized) {
            out.println("Authorized '" + authorized.account() + "' with scopes: " + authorized.grantedScopes().render());
            // what a service does before every API call: ask for a usable token (refreshed when needed)
            AccessTokenResult token = oauth.accessTokens().currentToken(config.account());
            if (token instanceof AccessTokenResult.Available available) {
                out.println("Access token ready, expires "
                        + available.expiresAt().map(Instant::toString).orElse("(not said)"));
                if (available.grantedScopes().contains(Scope.OPENID)
                        && http.server().current().userinfoEndpoint().isPresent()) {
                    UserInfo user = http.userInfoEndpoint().fetch(available.token());
                    out.println("Signed in as " + user.subject() + user.email().map(e -> " <" + e + ">").orElse(""));
                }
                return 0;
            }
            out.println("No usable token: " + ((AccessTokenResult.ReauthorizationRequired) token).message());
        } else if (result instanceof CallbackResult.Denied denied) {
            out.println("The server refused: " + denied.error().summary());
        } else if (result instanceof CallbackResult.Rejected rejected) {
            out.println("The callback was rejected: " + rejected.reason().message());
        } else if (result instanceof CallbackResult.ExchangeRefused refused) {
            out.println("The token endpoint refused the code: " + refused.error().summary());
        }
        return 1;
    }
}
