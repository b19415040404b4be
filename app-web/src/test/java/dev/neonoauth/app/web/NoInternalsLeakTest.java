package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.neonoauth.neon.api.NeonApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No user-facing output of app-web shows a stack trace or a library's internal exception or name, for any of the
 * failures of the issue: start-up failures (a busy port, a malformed value, PostgreSQL without a key set, a
 * configuration error found while the injector builds), an unreachable OAuth server, Neon's API failing or refusing
 * the token, a revocation that cannot reach Neon, unknown routes, and requests Jetty refuses itself. It runs with the
 * production logging configuration (app-web's logback.xml) and captures the console, as a person running the jar sees
 * it: at start-up, stdout and stderr are clean; for requests, every page and stderr are clean, and the log on stdout
 * holds no stack trace.
 */
class NoInternalsLeakTest {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Map<String, String> pages = new LinkedHashMap<>();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureTheConsoleWithTheProductionLogging() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        URL production = Main.class.getResource("/logback.xml");
        assertThat(production).as("app-web's logback.xml").isNotNull();
        assertThat(production.toString()).contains("app-web");
        configureLogging(production);
    }

    @AfterEach
    void restore() throws Exception {
        System.setOut(originalOut);
        System.setErr(originalErr);
        configureLogging(null);
    }

    private static void configureLogging(URL config) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        if (config == null) {
            new ContextInitializer(context).autoConfig();
        } else {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
        }
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@link Main#launch} exactly as main does (with System.out and System.err) and expects it to fail. */
    private void failsToStart(String scenario, int exitCode, Map<String, String> env) {
        Main.Launch launch = Main.launch(env, System.out, System.err);
        launch.app().ifPresent(RunningApp::close);
        assertThat(launch.exitCode()).as(scenario + ": " + err()).isEqualTo(exitCode);
    }

    private void page(String name, HttpResponse<String> response) {
        pages.put(name + " (" + response.statusCode() + ")", response.body());
    }

    private void page(String name, RawHttp.Response response) {
        pages.put(name + " (" + response.status() + ")", response.whole());
    }

    @Test
    void startUpFailuresShowNoInternals() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            failsToStart("port in use", 1, Map.of("PORT", Integer.toString(taken.getLocalPort()),
                    "NEON_OAUTH_DATA_DIR", dataDir.toString()));
        }
        failsToStart("malformed value", 2, Map.of("PORT", "x", "NEON_OAUTH_DATA_DIR", dataDir.toString()));
        failsToStart("PostgreSQL without a key set", 2, Map.of("PORT", "0", "NEON_OAUTH_DATA_DIR", dataDir.toString(),
                "NEON_OAUTH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        Map<String, String> insideTheInjector = MainLaunchTest.unreachableNeon(dataDir, MainLaunchTest.freePort());
        insideTheInjector.remove("NEON_CLIENT_SECRET");
        insideTheInjector.put("NEON_CLIENT_AUTH", "client_secret_post");
        failsToStart("configuration error inside the injector", 2, insideTheInjector);

        assertThat(err().lines()).as(err()).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("neon-oauth web app: "));
        Leaks.assertNone("stderr", err());
        Leaks.assertNone("stdout", out());
    }

    @Test
    void anUnreachableOAuthServerShowsNoInternals() {
        int port = MainLaunchTest.freePort();
        Main.Launch launch = Main.launch(MainLaunchTest.unreachableNeon(dataDir, port), System.out, System.err);
        try {
            assertThat(launch.exitCode()).as(err()).isZero();
            Browser browser = new Browser(URI.create("http://127.0.0.1:" + port));
            page("landing", browser.get("/"));
            page("connect", browser.postFrom("/", "/api/oauth/start", Map.of()));
            page("unknown route", browser.get("/nope"));
            page("at localhost", browser.at(URI.create("http://localhost:" + port)).get("/projects"));
        } finally {
            launch.app().ifPresent(RunningApp::close);
        }
        assertThat(pages).containsKey("connect (503)");
        assertClean();
    }

    @Test
    void neonFailingAndRequestsJettyRefusesShowNoInternals() {
        try (TestApp app = new TestApp()) {
            Browser browser = app.browser();
            browser.connect();
            app.neon.failure = () -> new NeonApiException(0, null, "GET /users/me failed in transport"
                    + " (SocketTimeoutException) on each of 3 attempts (request id r-1)", "r-1", true,
                    new java.net.SocketTimeoutException("timeout"));
            page("account while the API fails", browser.get("/account"));
            page("projects while the API fails", browser.get("/projects"));
            app.neon.failure = () -> new NeonApiException(401, null, "rejected with 401 even after one forced refresh",
                    "r-2", false, null);
            page("a token Neon keeps refusing", browser.get("/projects"));
            app.revocation.unreachable = true;
            page("disconnect without Neon", browser.postFrom("/account", "/account/disconnect", Map.of()));

            browser.connect();
            app.serverDown = true;
            page("landing without the OAuth server", browser.get("/"));
            page("sign out without the OAuth server", browser.postFrom("/", "/account/sign-out", Map.of()));
            page("connect without the OAuth server", browser.postFrom("/", "/api/oauth/start", Map.of()));

            int port = app.running.port();
            page("unknown route", browser.get("/no/such/page"));
            page("20 KB of headers", RawHttp.send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
            page("a 10 KB URI", RawHttp.send(port, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n"));
            page("a malformed request line", RawHttp.send(port, "GARBAGE\r\n\r\n"));
        }
        assertThat(pages.keySet()).contains("account while the API fails (200)", "a token Neon keeps refusing (401)",
                "disconnect without Neon (200)", "20 KB of headers (431)", "a 10 KB URI (414)",
                "a malformed request line (400)", "unknown route (404)");
        assertClean();
    }

    private void assertClean() {
        pages.forEach((name, body) -> Leaks.assertNone("the page " + name, body));
        Leaks.assertNone("stderr", err());
        Leaks.assertNoStackTrace("stdout", out());
    }
}
