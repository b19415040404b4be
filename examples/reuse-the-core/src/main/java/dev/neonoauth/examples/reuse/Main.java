package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.UserInfoEndpoint.UserInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Signs a user in at any OAuth 2.0 / OpenID Connect provider through oauth-core, then uses the token. Configured by
 * environment variables (see {@link ProviderConfig#fromEnvironment}); prints the URL to open, waits for the browser
 * on a loopback redirect, and reports what happened. Never prints a token.
 *
 * <p>Exit codes: 0 signed in; 1 the user, the provider or the callback said no; 2 configuration error; 3 the provider
 * or the network failed.
 */
public final class Main {
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(5);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.getenv(), System.out, Clock.systemUTC()));
    }

    static int run(Map<String, String> env, PrintStream out, Clock clock) throws InterruptedException {
        ProviderConfig config;
        try {
            config = ProviderConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            out.println("Configuration error: " + e.getMessage());
            return 2;
        }
        HttpClient http = Http.newClient();
        try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectUri())) {
            OAuthClient client = OAuthClient.connect(
                    config, http, clock, new InMemoryTokenStore(), new InMemoryPendingAuthorizationStore());
            out.println("Provider " + client.server().issuer());
            out.println("  authorization endpoint " + client.server().authorizationEndpoint());
            out.println("  token endpoint         " + client.server().tokenEndpoint());

            AuthorizationRedirect redirect = client.flow().begin(
                    BeginAuthorization.of(config.account(), config.scopes(), receiver.redirectUri()));
            out.println("Open this URL in a browser and sign in:");
            out.println(redirect.authorizationUri());
            out.flush();

            String query = receiver.awaitQuery(LOGIN_TIMEOUT);
            return report(client, config.account(), client.flow().complete(AuthorizationCallback.fromQuery(query)), out);
        } catch (IllegalArgumentException e) {
            out.println("Configuration error: " + e.getMessage());
            return 2;
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

    private static int report(OAuthClient client, AccountKey account, CallbackResult result, PrintStream out) {
        if (result instanceof CallbackResult.Authorized authorized) {
            out.println("Authorized '" + account + "' with scopes: " + authorized.grantedScopes().render());
            if (!authorized.missingScopes().isEmpty()) {
                out.println("  not granted: " + authorized.missingScopes().render());
            }
            // what a service does before every API call: ask the core for a usable token (it refreshes when needed)
            AccessTokenResult token = client.tokens().currentToken(account);
            if (token instanceof AccessTokenResult.Available available) {
                out.println("Access token ready, expires "
                        + available.expiresAt().map(Instant::toString).orElse("(unknown)"));
                client.userInfo().ifPresent(endpoint -> {
                    UserInfo user = endpoint.fetch(available.token());
                    out.println("Signed in as " + user.subject() + user.email().map(e -> " <" + e + ">").orElse(""));
                });
                return 0;
            }
            out.println("No usable token: " + ((AccessTokenResult.ReauthorizationRequired) token).message());
            return 1;
        }
        if (result instanceof CallbackResult.Denied denied) {
            out.println("The provider refused: " + denied.error().summary());
        } else if (result instanceof CallbackResult.Rejected rejected) {
            out.println("The callback was rejected: " + rejected.reason().message());
        } else if (result instanceof CallbackResult.ExchangeRefused refused) {
            out.println("The token endpoint refused the code: " + refused.error().summary());
        }
        return 1;
    }
}
