package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ScopeSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runnable example: configuration from the environment, then a loopback sign-in at Spring Authorization Server. */
class MainTest {
    private static SasServer sas;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startServer() {
        sas = SasServer.start(true);
    }

    @AfterAll
    static void stopServer() {
        if (sas != null) {
            sas.close();
        }
    }

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "OAUTH_ISSUER", "https://login.example.com/tenant",
                "OAUTH_CLIENT_ID", "my-app",
                "OAUTH_CLIENT_SECRET", "s3cret-value"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    @Test
    void runWhenTheUserSignsInThenExitsZeroAndReportsWhoSignedIn() throws Exception {
        Map<String, String> env = sas.environment(AuthServerConfig.BASIC_CLIENT);
        Future<Integer> exit = runner.submit(() -> Main.run(env, out, Clock.systemUTC()));

        URI callback = sas.authorize(awaitAuthorizationUrl());
        assertThat(callback.getPort()).isPositive();   // the loopback receiver's free port
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You can close this tab");
        assertThat(exit.get(30, TimeUnit.SECONDS)).as(output()).isZero();
        assertThat(output())
                .contains("Authorization server " + sas.issuer() + ", token endpoint " + sas.issuer() + "/oauth2/token")
                .contains("Authorized 'alice' with scopes: openid profile")
                .contains("Access token ready, expires ")
                .contains("Signed in as alice")
                .doesNotContain(AuthServerConfig.secret(AuthServerConfig.BASIC_CLIENT));
        // no token is printed (Spring Authorization Server's tokens are JWTs: they start with eyJ)
        assertThat(output().lines().filter(line -> !line.contains("/oauth2/authorize?"))).noneMatch(l -> l.contains("eyJ"));
    }

    @Test
    void runWhenAConfigurationValueIsBadThenExitsTwoWithOneMessage() throws Exception {
        assertThat(Main.run(env("OAUTH_CLIENT_AUTH", "private_key_jwt"), out, Clock.systemUTC())).isEqualTo(2);
        assertThat(output().lines()).containsExactly("Configuration error: OAUTH_CLIENT_AUTH: unknown client "
                + "authentication method 'private_key_jwt' (expected client_secret_post, client_secret_basic or none)");
    }

    @Test
    void runWhenTheIssuerHasNoMetadataThenExitsTwoBeforeAnyLogin() throws Exception {
        Map<String, String> env = sas.environment(AuthServerConfig.BASIC_CLIENT);
        env.put("OAUTH_ISSUER", sas.issuer() + "/nowhere");

        assertThat(Main.run(env, out, Clock.systemUTC())).isEqualTo(2);
        assertThat(output()).startsWith("Discovery failed: discovery at " + sas.issuer() + "/nowhere/.well-known/openid-configuration")
                .doesNotContain("Open this URL");
    }

    @Test
    void fromEnvironmentReadsTheServerTheClientAndTheFlow() {
        ProviderConfig config = ProviderConfig.fromEnvironment(env(
                "OAUTH_CLIENT_AUTH", "client_secret_post",
                "OAUTH_SCOPES", "openid email offline_access",
                "OAUTH_REDIRECT_URI", "http://127.0.0.1:8765/callback",
                "OAUTH_ACCOUNT", "alice",
                "OAUTH_REVOCATION_ENDPOINT", "https://login.example.com/tenant/revoke"));

        assertThat(config.server().issuer()).isEqualTo(URI.create("https://login.example.com/tenant"));
        assertThat(config.server().discovery()).isTrue();
        assertThat(config.server().revocationEndpoint()).contains(URI.create("https://login.example.com/tenant/revoke"));
        assertThat(config.client().clientId()).isEqualTo("my-app");
        assertThat(config.client().clientSecret().orElseThrow().value()).isEqualTo("s3cret-value");
        assertThat(config.client().authenticationMethod()).contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(config.scopes()).isEqualTo(ScopeSet.parse("openid email offline_access"));
        assertThat(config.redirectUri()).isEqualTo(URI.create("http://127.0.0.1:8765/callback"));
        assertThat(config.account()).isEqualTo(AccountKey.of("alice"));
        assertThat(config.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void fromEnvironmentWithOnlyTheRequiredValuesThenDefaults() {
        ProviderConfig config = ProviderConfig.fromEnvironment(env("OAUTH_CLIENT_SECRET", null));

        AuthorizationServer server = AuthorizationServer.builder().issuer(config.server().issuer())
                .authorizationEndpoint(URI.create("https://login.example.com/tenant/authorize"))
                .tokenEndpoint(URI.create("https://login.example.com/tenant/token"))
                .build();
        assertThat(config.client().isConfidential()).isFalse();
        assertThat(config.client().authenticationMethod()).isEmpty();
        assertThat(config.client().authenticationMethodFor(server)).isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(config.scopes()).isEqualTo(ScopeSet.parse("openid"));
        assertThat(config.redirectUri()).isEqualTo(URI.create("http://127.0.0.1/callback"));
        assertThat(config.account()).isEqualTo(AccountKey.of("default"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            OAUTH_ISSUER       |                                  | OAUTH_ISSUER is not set
            OAUTH_ISSUER       | http://login.example.com         | OAUTH_ISSUER uses plain http on the non-loopback host login.example.com
            OAUTH_DISCOVERY    | maybe                            | OAUTH_DISCOVERY must be true or false, not 'maybe'
            OAUTH_DISCOVERY    | false                            | OAUTH_DISCOVERY=false needs OAUTH_AUTHORIZATION_ENDPOINT and OAUTH_TOKEN_ENDPOINT
            OAUTH_HTTP_LOG     | loud                             | OAUTH_HTTP_LOG: the HTTP log level must be one of none, basic, headers, body
            OAUTH_CLIENT_ID    |                                  | OAUTH_CLIENT_ID is not set
            OAUTH_CLIENT_ID    | café                             | OAUTH_CLIENT_ID must be printable ASCII
            OAUTH_CLIENT_AUTH  | private_key_jwt                  | OAUTH_CLIENT_AUTH: unknown client authentication method 'private_key_jwt'
            OAUTH_CLIENT_AUTH  | none                             | OAUTH_CLIENT_AUTH=none is for a public client: unset OAUTH_CLIENT_SECRET
            OAUTH_SCOPES       | openid "profile"                 | OAUTH_SCOPES: invalid character at index 0 of a scope token
            OAUTH_REDIRECT_URI | https://app.example.com/callback | OAUTH_REDIRECT_URI: a loopback redirect URI is http://127.0.0.1[:port]/path
            OAUTH_REDIRECT_URI | http://localhost:8765/callback   | OAUTH_REDIRECT_URI: a loopback redirect URI is http://127.0.0.1[:port]/path
            """)
    void fromEnvironmentWhenAValueIsBadThenTheMessageNamesTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ProviderConfig.fromEnvironment(env(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void fromEnvironmentWhenASecretMethodHasNoSecretThenTheMessageNamesBothVariables() {
        assertThatThrownBy(() -> ProviderConfig.fromEnvironment(
                env("OAUTH_CLIENT_SECRET", null, "OAUTH_CLIENT_AUTH", "client_secret_basic")))
                .hasMessage("OAUTH_CLIENT_AUTH=client_secret_basic needs OAUTH_CLIENT_SECRET");
    }

    private URI awaitAuthorizationUrl() throws InterruptedException {
        String prefix = sas.issuer() + "/oauth2/authorize?";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<String> line = output().lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return URI.create(line.get());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Main printed no authorization URL; output so far:\n" + output());
    }
}
