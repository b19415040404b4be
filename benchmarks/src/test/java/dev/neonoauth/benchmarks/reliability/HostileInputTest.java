package dev.neonoauth.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.app.cli.CliBridge;
import dev.neonoauth.app.web.RunningApp;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.sandbox.NeonSandbox;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "Hostile input": app-web's callback and forms, the CLI's loopback listener and its paste mode get
 * missing, duplicated and oversized parameters, wrong, expired and replayed states, an error without state, broken
 * percent-encoding, unicode, script and SQL injection strings, and a code from another flow. Each case must get a
 * clear 4xx (web, listener) or an error exit with a one-line message (CLI), store nothing, and leave the server
 * serving. Every target prints "hostile input [target]: N cases, N passed".
 */
@ExtendWith(SecretsWatch.class)
class HostileInputTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SQL = "' OR '1'='1'; DROP TABLE neon_oauth_grant; --";
    static final String UNICODE = "ünïcödé-状態-\u202Eevil-🔥";

    static NeonSandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = NeonSandbox.builder().headlessApproval("sandbox@example.com").build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    // ------------------------------------------------------------------------------------------------ app-web

    @Test
    void appWebCallbackAndForms(@TempDir Path dir) throws Exception {
        String url = WebInstance.h2Url(dir, "web");
        try (RunningApp app = WebInstance.start(sandbox, url, KeyRotation.newKeyset())) {
            WebBrowser browser = new WebBrowser(app.baseUri());
            // one finished connection (to replay), then a flow in progress whose state the cases abuse
            WebBrowser earlier = new WebBrowser(app.baseUri());
            URI earlierAuthorize = WebInstance.start(earlier);
            URI earlierBack = Stack.follow(earlierAuthorize);
            String earlierCallback = earlierBack.getRawPath() + "?" + earlierBack.getRawQuery();
            assertThat(earlier.get(earlierCallback).statusCode()).isEqualTo(303);

            URI authorize = WebInstance.start(browser);
            String state = Callbacks.query(authorize).get("state");
            WebBrowser stranger = new WebBrowser(app.baseUri());
            String strangerState = Callbacks.query(WebInstance.start(stranger)).get("state");
            String st = WebBrowser.enc(state);

            Map<String, String> callbacks = new LinkedHashMap<>();
            callbacks.put("no parameters", "");
            callbacks.put("missing state", "code=abc123");
            callbacks.put("missing code and error", "state=" + st);
            callbacks.put("duplicated state", "code=abc123&state=" + st + "&state=" + st);
            callbacks.put("duplicated code", "code=abc123&code=def456&state=" + st);
            callbacks.put("oversized state (100 000 chars)", "code=abc123&state=" + "A".repeat(100_000));
            callbacks.put("oversized code (6 000 chars)", "code=" + "c".repeat(6_000) + "&state=" + Callbacks.randomToken());
            callbacks.put("wrong state", "code=abc123&state=" + Callbacks.randomToken());
            callbacks.put("error without state", "error=access_denied&error_description=denied");
            callbacks.put("error with a wrong state", "error=access_denied&state=" + Callbacks.randomToken());
            callbacks.put("broken percent-encoding", "code=%zz&state=%E0%A4%A");
            callbacks.put("broken percent-encoding in the name", "co%de=abc&st%ate=" + st);
            callbacks.put("unicode", "code=" + WebBrowser.enc(UNICODE) + "&state=" + WebBrowser.enc(UNICODE));
            callbacks.put("script injection", "code=" + WebBrowser.enc(SCRIPT) + "&state=" + WebBrowser.enc(SCRIPT)
                    + "&error_description=" + WebBrowser.enc(SCRIPT));
            callbacks.put("SQL injection", "code=" + WebBrowser.enc(SQL) + "&state=" + WebBrowser.enc(SQL));
            callbacks.put("NUL and CRLF", "code=a%00b&state=x%0d%0aSet-Cookie:%20evil=1");
            callbacks.put("foreign issuer", "code=abc123&state=" + st + "&iss=" + WebBrowser.enc("https://evil.example/"));
            callbacks.put("state of another browser session", "code=abc123&state=" + WebBrowser.enc(strangerState));
            callbacks.put("replayed callback (state already used)", earlierCallback.substring(earlierCallback.indexOf('?') + 1));
            // last: it consumes this browser's pending state
            callbacks.put("code from another flow", "code=" + WebBrowser.enc(Callbacks.codeFromAnotherFlow(authorize))
                    + "&state=" + st);

            Tally tally = new Tally("app-web callback");
            for (Map.Entry<String, String> c : callbacks.entrySet()) {
                tally.check(c.getKey(), () -> {
                    long[] before = WebInstance.rows(url);
                    if (c.getValue().contains("%zz") || c.getValue().contains("co%de")) {
                        // java.net.URI refuses to build such a request: sent raw (no session cookie)
                        assertThat(Callbacks.raw(app.port(), "GET", "/api/oauth/callback?" + c.getValue(),
                                "127.0.0.1:" + app.port())).as("status").isBetween(400, 499);
                    } else {
                        HttpResponse<String> r = browser.get("/api/oauth/callback" + (c.getValue().isEmpty() ? "" : "?" + c.getValue()));
                        assertClear4xx(r);
                    }
                    long[] after = WebInstance.rows(url);
                    assertThat(after[0]).as("grants stored").isEqualTo(before[0]);
                    assertThat(after[1]).as("pending authorizations (may only shrink)").isLessThanOrEqualTo(before[1]);
                    assertThat(browser.get("/health").statusCode()).as("still serving").isEqualTo(200);
                });
            }
            tally.report();

            Tally forms = new Tally("app-web forms");
            WebBrowser user = new WebBrowser(app.baseUri());
            String csrf = user.csrf("/");
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("start: missing csrf", "");
            bodies.put("start: wrong csrf", "csrf=" + Callbacks.randomToken());
            bodies.put("start: duplicated csrf, wrong first", "csrf=" + Callbacks.randomToken() + "&csrf=" + WebBrowser.enc(csrf));
            bodies.put("start: oversized csrf (1 MB)", "csrf=" + "A".repeat(1_000_000));
            bodies.put("start: broken percent-encoding", "csrf=%zz%E0%A4%A");
            bodies.put("start: csrf with script injection", "csrf=" + WebBrowser.enc(SCRIPT));
            bodies.put("start: csrf with SQL injection", "csrf=" + WebBrowser.enc(SQL));
            bodies.put("start: returnTo //evil.example", "csrf=" + WebBrowser.enc(csrf) + "&returnTo=" + WebBrowser.enc("//evil.example/x"));
            bodies.put("start: returnTo https://evil.example", "csrf=" + WebBrowser.enc(csrf) + "&returnTo=" + WebBrowser.enc("https://evil.example/"));
            bodies.put("start: returnTo /\\evil.example", "csrf=" + WebBrowser.enc(csrf) + "&returnTo=" + WebBrowser.enc("/\\evil.example"));
            bodies.put("start: returnTo javascript:", "csrf=" + WebBrowser.enc(csrf) + "&returnTo=" + WebBrowser.enc("javascript:alert(1)"));
            bodies.put("start: returnTo script", "csrf=" + WebBrowser.enc(csrf) + "&returnTo=" + WebBrowser.enc(SCRIPT));
            bodies.put("start: incremental, no scope", "csrf=" + WebBrowser.enc(csrf) + "&incremental=true");
            bodies.put("start: incremental, scope script", "csrf=" + WebBrowser.enc(csrf) + "&incremental=true&scope=" + WebBrowser.enc(SCRIPT));
            bodies.put("start: incremental, scope SQL", "csrf=" + WebBrowser.enc(csrf) + "&incremental=true&scope=" + WebBrowser.enc(SQL));
            bodies.put("start: incremental, unknown scope", "csrf=" + WebBrowser.enc(csrf) + "&incremental=true&scope=urn:neoncloud:admin");
            bodies.put("start: incremental, unicode scope", "csrf=" + WebBrowser.enc(csrf) + "&incremental=true&scope=" + WebBrowser.enc(UNICODE));
            for (Map.Entry<String, String> c : bodies.entrySet()) {
                forms.check(c.getKey(), () -> {
                    long[] before = WebInstance.rows(url);
                    HttpResponse<String> r = user.postRaw("/api/oauth/start", c.getValue());
                    assertClear4xx(r);
                    assertThat(WebInstance.rows(url)).as("grants, pending authorizations").containsExactly(before);
                    assertThat(user.get("/health").statusCode()).isEqualTo(200);
                });
            }
            forms.report();
            assertThat(WebInstance.rows(url)[0]).as("only the one real connection stored a grant").isEqualTo(1);
        }
    }

    private static void assertClear4xx(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("status").isBetween(400, 499);
        assertThat(r.body()).as("no reflected script").doesNotContain(SCRIPT);
        if (r.statusCode() != 414 && r.statusCode() != 431 && r.statusCode() != 413) {
            // the app's own error page: a title and a sentence (Jetty answers 413/414/431 itself)
            assertThat(r.body()).as("an explanation").containsPattern("(?s)<h1>.+</h1>");
        }
    }

    // ------------------------------------------------------------------------------------------------ app-cli

    private static CliBridge.Setup cli(Path dir, OffsetClock clock, Function<URI, Boolean> browser) {
        Map<String, String> env = new HashMap<>();
        env.put("NEON_OAUTH_DATA_DIR", dir.toString());
        env.put("HOME", dir.resolve("home").toString());
        env.put("NEON_OAUTH_HOST", sandbox.baseUri().toString());
        AtomicLong draws = new AtomicLong();
        return new CliBridge.Setup(env, true, browser::apply, clock, bytes -> {
            if (draws.getAndIncrement() % 2 == 1) {
                SecretsWatch.registerVerifierEntropy(bytes);
            }
        });
    }

    private static CliBridge.Result scanned(String what, CliBridge.Result r) {
        SecretsWatch.scanText("CLI " + what, r.all());
        return r;
    }

    private static Optional<TokenSet> grant(Path dir, String profile) {
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.builder().dataDirectory(dir).build())) {
            return storage.tokenStore().load(AccountKey.of("sandbox:" + profile));
        }
    }

    /** A legitimate login on profile "default": returns the callback URL it used (to replay later). */
    private static String legitimateLogin(Path dir) {
        AtomicReference<String> callback = new AtomicReference<>();
        AtomicReference<BackgroundScript> browser = new AtomicReference<>();
        CliBridge.Result r = scanned("login", CliBridge.run(cli(dir, new OffsetClock(), uri -> {
            browser.set(BackgroundScript.start("test-browser", () -> {
                URI back = Stack.follow(uri);
                callback.set(back.toString());
                int status = Callbacks.raw(back.getPort(), "GET", back.getRawPath() + "?" + back.getRawQuery(),
                        "127.0.0.1:" + back.getPort());
                assertThat(status).as("the listener's page for the real callback").isEqualTo(200);
            }));
            return true;
        }), null, "login", "--timeout", "30s"));
        assertThat(browser.get()).as("the CLI opened the browser: " + r).isNotNull();
        browser.get().join(Duration.ofSeconds(15)); // the browser's own failure first: it says why a login timed out
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return callback.get();
    }

    @Test
    void cliLoopbackListener(@TempDir Path dir) throws Exception {
        String replay = legitimateLogin(dir);
        TokenSet legit = grant(dir, "default").orElseThrow();
        Tally tally = new Tally("app-cli loopback listener");

        // Run 1: every case that does not belong to this login; the listener must answer each and keep waiting;
        // then a code from another flow with this login's state ends it. That last callback must reach the code
        // exchange (Neon refuses it): the proof that no earlier hostile request consumed this login's state.
        List<Runnable> after = new CopyOnWriteArrayList<>();
        AtomicReference<BackgroundScript> script = new AtomicReference<>();
        CliBridge.Result r1 = scanned("login (hostile)", CliBridge.run(cli(dir, new OffsetClock(), uri -> {
            script.set(BackgroundScript.start("test-hostile-browser", () -> {
                int port = URI.create(Callbacks.query(uri).get("redirect_uri")).getPort();
                String host = "127.0.0.1:" + port;
                String st = WebBrowser.enc(Callbacks.query(uri).get("state"));
                URI old = URI.create(replay);
                Map<String, String[]> cases = new LinkedHashMap<>();
                cases.put("no parameters", new String[] {"GET", "/callback", host});
                cases.put("missing state", new String[] {"GET", "/callback?code=abc123", host});
                cases.put("duplicated state", new String[] {"GET", "/callback?code=abc&state=" + st + "&state=" + st, host});
                cases.put("duplicated code", new String[] {"GET", "/callback?code=a&code=b&state=" + st, host});
                cases.put("oversized state (100 000 chars)", new String[] {"GET", "/callback?code=a&state=" + "A".repeat(100_000), host});
                cases.put("wrong state", new String[] {"GET", "/callback?code=abc&state=" + Callbacks.randomToken(), host});
                cases.put("error without state", new String[] {"GET", "/callback?error=access_denied", host});
                cases.put("broken percent-encoding", new String[] {"GET", "/callback?code=%zz&state=%E0%A4%A", host});
                cases.put("unicode", new String[] {"GET", "/callback?code=" + WebBrowser.enc(UNICODE) + "&state=" + WebBrowser.enc(UNICODE), host});
                cases.put("script injection", new String[] {"GET", "/callback?code=" + WebBrowser.enc(SCRIPT) + "&state=" + WebBrowser.enc(SCRIPT), host});
                cases.put("SQL injection", new String[] {"GET", "/callback?code=" + WebBrowser.enc(SQL) + "&state=" + WebBrowser.enc(SQL), host});
                cases.put("foreign issuer", new String[] {"GET", "/callback?code=abc&state=" + st + "&iss=https%3A%2F%2Fevil.example%2F", host});
                cases.put("replayed callback of an earlier login", new String[] {"GET", old.getRawPath() + "?" + old.getRawQuery(), host});
                cases.put("other path", new String[] {"GET", "/callbackx?code=a&state=" + st, host});
                cases.put("POST", new String[] {"POST", "/callback?code=a&state=" + st, host});
                cases.put("foreign Host header (DNS rebinding)", new String[] {"GET", "/callback?code=a&state=" + st, "evil.example:" + port});
                for (Map.Entry<String, String[]> c : cases.entrySet()) {
                    String[] req = c.getValue();
                    int status = Callbacks.raw(port, req[0], req[1], req[2]);
                    after.add(() -> tally.check(c.getKey() + " (page status " + status + ")", () -> {
                        assertThat(status).as("status").isBetween(400, 499);
                    }));
                }
                String code = Callbacks.codeFromAnotherFlow(uri);
                int status = Callbacks.raw(port, "GET", "/callback?code=" + WebBrowser.enc(code) + "&state=" + st, host);
                after.add(() -> tally.check("code from another flow (ends the login; page status " + status + ")",
                        () -> assertThat(status).as("status (502: Neon refused the exchange)").isEqualTo(502)));
            }));
            return true;
        }), null, "--profile", "hostile", "login", "--timeout", "10s"));
        script.get().join(Duration.ofSeconds(15)); // a failed or stuck script fails the test, with its reason
        for (Runnable a : after) {
            a.run();
        }
        tally.check("run 1 ends with the exchange refusal (the state was still pending), one line, exit 1",
                () -> assertOneLineError(r1, "Neon refused to issue tokens for the code"));

        // Run 2: an expired state. The browser comes back with this login's real code and state, but only after the
        // CLI's clock has moved past the pending authorization's lifetime (--timeout + 1 minute).
        OffsetClock clock = new OffsetClock();
        AtomicReference<BackgroundScript> late = new AtomicReference<>();
        int[] expiredStatus = {0};
        CliBridge.Result r2 = scanned("login (expired)", CliBridge.run(cli(dir, clock, uri -> {
            late.set(BackgroundScript.start("test-late-browser", () -> {
                URI back = Stack.follow(uri);
                clock.advance(Duration.ofHours(2));
                expiredStatus[0] = Callbacks.raw(back.getPort(), "GET", back.getRawPath() + "?" + back.getRawQuery(),
                        "127.0.0.1:" + back.getPort());
            }));
            return true;
        }), null, "--profile", "hostile", "login", "--timeout", "10s"));
        late.get().join(Duration.ofSeconds(15));
        tally.check("expired state (page status " + expiredStatus[0] + ", ends the login, one line)", () -> {
            assertThat(expiredStatus[0]).as("status").isEqualTo(400);
            assertOneLineError(r2, "took too long");
        });

        tally.check("nothing stored", () -> {
            assertThat(grant(dir, "hostile")).isEmpty();
            assertThat(grant(dir, "default").orElseThrow().accessToken().sameAs(legit.accessToken())).isTrue();
        });
        tally.report();
    }

    @Test
    void cliPasteMode(@TempDir Path dir) throws Exception {
        String replay = legitimateLogin(dir);
        TokenSet legit = grant(dir, "default").orElseThrow();
        Tally tally = new Tally("app-cli paste mode");
        Map<String, Function<URI, String>> cases = new LinkedHashMap<>();
        // the argument is the authorization URL the command printed; the result is the line pasted
        cases.put("empty input", u -> "\n\n");
        cases.put("not a URL", u -> "hello there");
        cases.put("javascript: URL", u -> "javascript:alert(document.cookie)");
        cases.put("callback without query", u -> redirect(u));
        cases.put("missing state", u -> redirect(u) + "?code=abc123");
        cases.put("missing code", u -> redirect(u) + "?state=" + WebBrowser.enc(Callbacks.query(u).get("state")));
        cases.put("duplicated state", u -> redirect(u) + "?code=abc&state=" + stateOf(u) + "&state=" + stateOf(u));
        cases.put("oversized line (1 000 000 chars)", u -> redirect(u) + "?code=a&state=" + "A".repeat(1_000_000));
        cases.put("wrong state", u -> redirect(u) + "?code=abc&state=" + Callbacks.randomToken());
        cases.put("error without state", u -> redirect(u) + "?error=access_denied");
        cases.put("broken percent-encoding", u -> redirect(u) + "?code=%zz&state=%E0%A4%A");
        cases.put("raw unicode", u -> redirect(u) + "?code=" + UNICODE + "&state=" + UNICODE);
        cases.put("raw script injection", u -> redirect(u) + "?code=" + SCRIPT + "&state=" + stateOf(u));
        cases.put("encoded script injection", u -> redirect(u) + "?code=" + WebBrowser.enc(SCRIPT) + "&state=" + WebBrowser.enc(SCRIPT));
        cases.put("SQL injection", u -> redirect(u) + "?code=" + WebBrowser.enc(SQL) + "&state=" + WebBrowser.enc(SQL));
        cases.put("replayed callback of an earlier login", u -> replay);
        cases.put("code from another flow", u -> {
            try {
                return redirect(u) + "?code=" + WebBrowser.enc(Callbacks.codeFromAnotherFlow(u)) + "&state=" + stateOf(u);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (Map.Entry<String, Function<URI, String>> c : cases.entrySet()) {
            tally.check(c.getKey(), () -> {
                CliBridge.Result r = scanned("paste " + c.getKey(), CliBridge.run(cli(dir, new OffsetClock(), u -> false),
                        err -> c.getValue().apply(authorizationUrl(err)) + "\n", "--profile", "hostile", "login", "--no-browser"));
                assertOneLineError(r, "");
                assertThat(grant(dir, "hostile")).isEmpty();
            });
        }
        OffsetClock clock = new OffsetClock();
        tally.check("expired state", () -> {
            CliBridge.Result r = scanned("paste expired", CliBridge.run(cli(dir, clock, u -> false), err -> {
                URI back = Stack.follow(authorizationUrl(err));
                clock.advance(Duration.ofHours(2));
                return back + "\n";
            }, "--profile", "hostile", "login", "--no-browser"));
            assertOneLineError(r, "took too long");
            assertThat(grant(dir, "hostile")).isEmpty();
        });
        tally.check("the earlier grant is untouched", () ->
                assertThat(grant(dir, "default").orElseThrow().accessToken().sameAs(legit.accessToken())).isTrue());
        tally.report();
    }

    private static String redirect(URI authorizationUrl) {
        return Callbacks.query(authorizationUrl).get("redirect_uri");
    }

    private static String stateOf(URI authorizationUrl) {
        return WebBrowser.enc(Callbacks.query(authorizationUrl).get("state"));
    }

    private static URI authorizationUrl(String printed) {
        for (String line : printed.split("\n")) {
            String l = line.strip();
            if (l.startsWith("http://") && l.contains("/oauth2/auth?")) {
                return URI.create(l);
            }
        }
        throw new AssertionError("no authorization URL printed:\n" + printed);
    }

    /** Exit 1, exactly one "Error: ..." line on stderr (containing {@code expected}), no stack trace. */
    private static void assertOneLineError(CliBridge.Result r, String expected) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("Error: ")).toList();
        assertThat(errors).as(r.toString()).hasSize(1);
        assertThat(errors.get(0)).contains(expected);
        assertThat(r.all()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.all()).as("no reflected script").doesNotContain(SCRIPT);
    }
}
