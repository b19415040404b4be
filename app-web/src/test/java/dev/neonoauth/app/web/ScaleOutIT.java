package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.adapter.jdbc.testing.PostgresTestSchema;
import dev.neonoauth.sandbox.NeonSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out: two app-web instances, each with its own connection pool (its own storage-jdbc {@code JdbcStorage}), on
 * one PostgreSQL schema, behind no sticky sessions, in front of one in-process Neon sandbox (headless approval).
 * A flow started on A completes on B, the session then works on either, a disconnect on one is seen on the other,
 * and a burst of requests on both after the access token expired makes exactly one refresh at the sandbox.
 *
 * <p>Needs {@code NEON_OAUTH_TEST_JDBC_URL} (skipped locally without it, failed when {@code CI=true}).
 */
class ScaleOutIT {
    @RegisterExtension
    static final PostgresTestSchema POSTGRES = new PostgresTestSchema();
    private static final String USER = "sandbox@example.com";
    private static final int REQUESTS_PER_INSTANCE = 50;

    private NeonSandbox sandbox;
    private RunningApp a;
    private RunningApp b;
    private Client browser;

    @BeforeEach
    void start() {
        sandbox = NeonSandbox.builder().port(0).headlessApproval(USER).build().start();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        env.put("NEON_API_HOST", sandbox.apiBaseUri().toString());
        env.put("NEON_OAUTH_JDBC_URL", POSTGRES.url());
        env.put("NEON_OAUTH_JDBC_SCHEMA", POSTGRES.schema());
        env.put("NEON_OAUTH_KEYSET", KeyRotation.newKeyset());
        env.put("NEON_OAUTH_SHUTDOWN_GRACE_SECONDS", "5");
        a = startInstance(env);
        b = startInstance(env);
        assertThat(a.port()).isNotEqualTo(b.port());
        browser = new Client();
    }

    /** One instance as production wires it (Main's adapters), on the shared database and the shared sandbox. */
    private static RunningApp startInstance(Map<String, String> env) {
        WebConfig config = WebConfig.fromEnvironment(env);
        return Main.start(config, Main.productionInfrastructure(config.environment()), List.of());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, sandbox}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void aFlowStartedOnACompletesOnBAndTheSessionWorksOnBothUntilDisconnectedOnEither() throws Exception {
        connectStartingOnACompletingOnB();

        String sessionId = browser.sessionCookie();
        HttpResponse<String> onA = browser.get(a, "/projects");
        HttpResponse<String> onB = browser.get(b, "/projects");
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onA.body()).contains("<h1>Projects</h1>");
        assertThat(onB.body()).contains("<h1>Projects</h1>");
        assertThat(browser.sessionCookie()).as("no instance replaced the session").isEqualTo(sessionId);
        HttpResponse<String> account = browser.get(a, "/account");
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(account.body()).contains(USER);
        // the session row is keyed by the hash of the cookie's id, never the id itself
        assertThat(POSTGRES.count("neon_oauth_web_session", "key_hash", sessionId)).isZero();
        assertThat(POSTGRES.count("neon_oauth_web_session", "key_hash",
                dev.neonoauth.app.web.session.Hashes.sha256(sessionId))).isEqualTo(1);

        // a form rendered by A (its CSRF token) is accepted by B: the token is the session's, in the shared table
        String csrf = Client.csrf(browser.get(a, "/account").body());
        HttpResponse<String> bye = browser.post(b, "/account/disconnect", Map.of("csrf", csrf));
        assertThat(bye.statusCode()).as(bye.body()).isEqualTo(200);
        assertThat(bye.body()).contains("Neon revoked this app");
        assertThat(sandbox.metrics().revocationRequests()).isPositive();

        // B cleared the cookie; A no longer knows the session either
        assertThat(browser.get(a, "/projects").statusCode()).isEqualTo(302);
        Client stale = new Client();
        stale.setSessionCookie(a, sessionId);
        HttpResponse<String> staleOnA = stale.get(a, "/projects");
        assertThat(staleOnA.statusCode()).as("the old cookie on A after the disconnect on B").isEqualTo(401);
        assertThat(staleOnA.body()).containsIgnoringCase("session");
        assertThat(POSTGRES.count("neon_oauth_web_session", "key_hash",
                dev.neonoauth.app.web.session.Hashes.sha256(sessionId))).isZero();
    }

    @Test
    void expiredTokensHitOnBothInstancesAtOnceAreRefreshedExactlyOnce() throws Exception {
        connectStartingOnACompletingOnB();
        assertThat(browser.get(a, "/projects").statusCode()).isEqualTo(200);
        assertThat(browser.get(b, "/projects").statusCode()).isEqualTo(200);

        sandbox.expireAccessTokens();
        sandbox.metrics().reset();
        ExecutorService pool = Executors.newFixedThreadPool(2 * REQUESTS_PER_INSTANCE);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < REQUESTS_PER_INSTANCE; i++) {
                for (RunningApp instance : List.of(a, b)) {
                    responses.add(CompletableFuture.supplyAsync(() -> {
                        await(go);
                        return browser.get(instance, "/projects");
                    }, pool));
                }
            }
            go.countDown();
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> statuses = responses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(statuses).as("statuses of %s requests", responses.size())
                .containsExactly(Map.entry(200, (long) 2 * REQUESTS_PER_INSTANCE));
        assertThat(responses).allSatisfy(r -> assertThat(r.join().body()).contains("<h1>Projects</h1>"));
        assertThat(sandbox.metrics().refreshRequests()).as(sandbox.metrics().toString()).isEqualTo(1);
        assertThat(sandbox.metrics().apiRequests()).isGreaterThanOrEqualTo(2L * REQUESTS_PER_INSTANCE);

        // no refresh token was reused: the sandbox (like Hydra) would have revoked the grant, and these would fail
        assertThat(browser.get(a, "/projects").statusCode()).isEqualTo(200);
        assertThat(browser.get(b, "/account").statusCode()).isEqualTo(200);
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
    }

    /** Connect Neon: the start on A, the sandbox's consent (headless), the callback delivered to B. */
    private void connectStartingOnACompletingOnB() {
        HttpResponse<String> landing = browser.get(a, "/");
        assertThat(landing.statusCode()).isEqualTo(200);
        String anonymous = browser.sessionCookie();
        HttpResponse<String> start = browser.post(a, "/api/oauth/start", Map.of("csrf", Client.csrf(landing.body())));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);

        URI next = Client.location(start);
        assertThat(next.getPort()).isEqualTo(sandbox.port());
        URI callback = null;
        for (int hop = 0; hop < 10 && callback == null; hop++) {
            if (next.getPort() == a.port()) {
                callback = next;
            } else {
                HttpResponse<String> r = browser.send(HttpRequest.newBuilder(next).GET());
                assertThat(r.statusCode()).as("sandbox hop %s: %s", hop, r.body()).isBetween(300, 399);
                next = next.resolve(Client.location(r));
            }
        }
        assertThat(callback).as("the sandbox redirected back to A's callback").isNotNull();
        assertThat(callback.getPath()).isEqualTo(WebConfig.CALLBACK_PATH);
        assertThat(callback.getRawQuery()).contains("code=").contains("state=");

        HttpResponse<String> done = browser.get(b, callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.statusCode()).as("callback on B: %s", done.body()).isEqualTo(303);
        assertThat(Client.location(done).toString()).isEqualTo("/projects");
        assertThat(browser.sessionCookie()).as("login gives a new session id").isNotEqualTo(anonymous);
        assertThat(sandbox.metrics().tokenRequests("authorization_code")).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One browser: a cookie jar shared across both instances (cookies are per host, not per port), no redirects. */
    private static final class Client {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(RunningApp app, String pathAndQuery) {
            return send(HttpRequest.newBuilder(app.baseUri().resolve(pathAndQuery)).GET());
        }

        HttpResponse<String> post(RunningApp app, String path, Map<String, String> form) {
            String body = new LinkedHashMap<>(form).entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(app.baseUri().resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String sessionCookie() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("neon_session"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie"));
        }

        void setSessionCookie(RunningApp app, String value) {
            HttpCookie cookie = new HttpCookie("neon_session", value);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(app.baseUri(), cookie);
        }

        static String csrf(String html) {
            return Browser.csrf(html);
        }

        static URI location(HttpResponse<?> response) {
            return Browser.location(response);
        }
    }
}
