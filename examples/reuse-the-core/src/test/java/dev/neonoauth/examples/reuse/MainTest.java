package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runnable example, end to end: environment in, URL out, a browser signs in, the outcome is reported. */
class MainTest {
    private KeycloakLikeServer provider;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        provider = KeycloakLikeServer.start();
    }

    @AfterEach
    void stop() {
        runner.shutdownNow();
        provider.close();
    }

    private Map<String, String> env() {
        return Map.of(
                "OAUTH_ISSUER", provider.issuer().toString(),
                "OAUTH_CLIENT_ID", KeycloakLikeServer.CLIENT_ID,
                "OAUTH_CLIENT_SECRET", KeycloakLikeServer.CLIENT_SECRET,
                "OAUTH_SCOPES", "openid profile email offline_access",
                "OAUTH_ACCOUNT", "alice");
    }

    private String output() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void runWhenTheUserSignsInThenExitsZeroAndPrintsNoSecret() throws Exception {
        Future<Integer> exit = runner.submit(() -> Main.run(env(), out, new MutableClock(Instant.parse("2026-11-27T10:00:00Z"))));
        URI authorize = awaitAuthorizationUrl();

        new Browser().signIn(authorize);

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(output())
                .contains("Provider " + provider.issuer())
                .contains("token endpoint         " + provider.issuer() + "/protocol/openid-connect/token")
                .contains("Authorized 'alice' with scopes: openid profile email offline_access")
                .contains("Access token ready, expires 2026-11-27T10:05:00Z")
                .contains("Signed in as " + KeycloakLikeServer.SUBJECT + " <alice@example.org>")
                .doesNotContain(provider.lastIssuedAccessToken())
                .doesNotContain(provider.lastIssuedRefreshToken())
                .doesNotContain(KeycloakLikeServer.CLIENT_SECRET);
    }

    @Test
    void runWhenIssuerIsMissingThenExitsTwoNamingTheVariable() throws Exception {
        assertThat(Main.run(Map.of("OAUTH_CLIENT_ID", "x"), out, new MutableClock(Instant.EPOCH))).isEqualTo(2);
        assertThat(output()).contains("OAUTH_ISSUER is not set");
    }

    @Test
    void runWhenDiscoveryNamesAnotherIssuerThenExitsTwoBeforeAnyLogin() throws Exception {
        provider.advertisingIssuer("http://127.0.0.1:1/realms/other");

        assertThat(Main.run(env(), out, new MutableClock(Instant.EPOCH))).isEqualTo(2);
        assertThat(output()).contains("Discovery failed").contains("names the issuer http://127.0.0.1:1/realms/other")
                .doesNotContain("Open this URL");
    }

    private URI awaitAuthorizationUrl() throws InterruptedException {
        String prefix = provider.issuer() + "/protocol/openid-connect/auth?";
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
