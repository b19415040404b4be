package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as {@code java -jar} runs it ({@link Main#launch}): a failure is one line on stderr saying what is wrong and
 * what to do, with exit code 2 for a configuration error and 1 for an environment failure; an unreachable OAuth server
 * is not a start-up failure at all.
 */
class MainLaunchTest {
    @TempDir
    Path dataDir;

    /** What one launch printed and returned. */
    record Outcome(Main.Launch launch, String out, String err) implements AutoCloseable {
        int exitCode() {
            return launch.exitCode();
        }

        @Override
        public void close() {
            launch.app().ifPresent(RunningApp::close);
        }
    }

    static Outcome launch(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Launch launch = Main.launch(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(launch, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("NEON_OAUTH_DATA_DIR", dataDir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** A port nothing listens on (free a moment ago). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configured for "real" Neon (a client id), with its OAuth server and API at a port where nothing listens. */
    static Map<String, String> unreachableNeon(Path dataDir, int port) {
        String nowhere = "http://127.0.0.1:" + freePort();
        return new HashMap<>(Map.of(
                "PORT", Integer.toString(port),
                "HOST", "127.0.0.1",
                "NEON_CLIENT_ID", "web-client",
                "NEON_CLIENT_SECRET", "web-client-secret",
                "NEON_REDIRECT_URI", "http://127.0.0.1:" + port + "/api/oauth/callback",
                "NEON_OAUTH_HOST", nowhere,
                "NEON_API_HOST", nowhere,
                "NEON_OAUTH_DATA_DIR", dataDir.toString()));
    }

    private static void assertOneLineWithoutInternals(Outcome outcome) {
        assertThat(outcome.launch().app()).isEmpty();
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err().lines()).as(outcome.err()).hasSize(1);
        assertThat(outcome.err()).startsWith("neon-oauth web app: ");
        Leaks.assertNone("stderr", outcome.err());
    }

    @Test
    void aBusyPortIsOneLineThatSaysWhatToDoAndExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            try (Outcome outcome = launch(env("PORT", Integer.toString(port)))) {
                assertThat(outcome.exitCode()).isEqualTo(1);
                assertOneLineWithoutInternals(outcome);
                assertThat(outcome.err()).isEqualTo("neon-oauth web app: Port " + port + " is in use on 127.0.0.1: stop"
                        + " the other program or set PORT to a free port (PORT=0 picks one)." + System.lineSeparator());
            }
        }
    }

    @Test
    void aMalformedValueIsAConfigurationErrorWithExitCode2() {
        try (Outcome outcome = launch(env("PORT", "three thousand"))) {
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertOneLineWithoutInternals(outcome);
            assertThat(outcome.err()).contains("configuration error: PORT must be a number");
        }
        try (Outcome outcome = launch(env("NEON_CLIENT_ID", "c", "NEON_REDIRECT_URI", "https://app example/api/oauth/callback"))) {
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertOneLineWithoutInternals(outcome);
            assertThat(outcome.err()).contains("NEON_REDIRECT_URI is not a valid URL");
        }
    }

    @Test
    void postgresWithoutAnEncryptionKeySetIsAConfigurationErrorNamingTheVariables() {
        try (Outcome outcome = launch(env("PORT", "0",
                "NEON_OAUTH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2"))) {
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertOneLineWithoutInternals(outcome);
            assertThat(outcome.err()).contains("configuration error: ").contains("NEON_OAUTH_KEYSET")
                    .contains("NEON_OAUTH_KEYSET_FILE").doesNotContain("hunter2");
        }
    }

    @Test
    void aConfigurationErrorFoundWhileTheAppIsAssembledIsNotGuiceShaped() {
        // the client registration is built inside the injector: Guice wraps its failure in a ProvisionException
        int port = freePort();
        Map<String, String> env = unreachableNeon(dataDir, port);
        env.remove("NEON_CLIENT_SECRET");
        env.put("NEON_CLIENT_AUTH", "client_secret_basic");
        try (Outcome outcome = launch(env)) {
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertOneLineWithoutInternals(outcome);
            assertThat(outcome.err()).isEqualTo("neon-oauth web app: configuration error: client authentication"
                    + " client_secret_basic needs a client secret" + System.lineSeparator());
        }
    }

    @Test
    void everyKindOfFailedBindSaysWhatToChange() {
        WebConfig config = WebConfig.fromEnvironment(Map.of("HOST", "10.9.8.7", "PORT", "80"));
        java.util.function.Function<String, StartupFailure> bind = reason -> StartupFailure.of(
                new IllegalStateException("wrapped", new java.io.IOException("Failed to bind",
                        new java.net.BindException(reason))), config);
        assertThat(bind.apply("Cannot assign requested address")).isEqualTo(new StartupFailure(2, "HOST=10.9.8.7 is not"
                + " an address of this machine: set HOST to one of its addresses (127.0.0.1 for this machine only,"
                + " 0.0.0.0 for all)."));
        assertThat(bind.apply("Permission denied")).isEqualTo(new StartupFailure(1,
                "Port 80 needs privileges this process does not have: set PORT to 1024 or above."));
        assertThat(bind.apply("Address already in use").exitCode()).isEqualTo(1);
        assertThat(StartupFailure.of(new NullPointerException("Cannot invoke \"Object.toString()\""), config))
                .as("a bug is not described with its internals").satisfies(f -> {
                    assertThat(f.exitCode()).isEqualTo(1);
                    Leaks.assertNone("the line for a bug", f.message());
                });
    }

    @Test
    void anUnreachableOAuthServerDoesNotStopTheStartAndTheFirstPageNeedingItIsStyled() {
        int port = freePort();
        try (Outcome outcome = launch(unreachableNeon(dataDir, port))) {
            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.err()).isEmpty();
            assertThat(outcome.out()).contains("open http://127.0.0.1:" + port + "/");
            Browser browser = new Browser(URI.create("http://127.0.0.1:" + port));

            HttpResponse<String> landing = browser.get("/");
            assertThat(landing.statusCode()).isEqualTo(200);
            assertThat(landing.body()).contains("Connect Neon");

            HttpResponse<String> connect = browser.postFrom("/", "/api/oauth/start", Map.of());
            assertThat(connect.statusCode()).isEqualTo(503);
            assertThat(connect.body()).contains("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                    .contains("Neon's sign-in service is unavailable").contains("id=\"request-id\"");
            assertThat(connect.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'"));
            Leaks.assertNone("the connect page", connect.body());
        }
    }
}
