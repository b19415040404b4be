package dev.neonoauth.app.cli;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays the user's browser for the login command: it follows the authorization URL without following redirects
 * automatically, signs in and consents (or denies) through the sandbox's forms when there is no headless approval,
 * and finally loads the loopback callback, recording every page it got.
 */
final class TestBrowser implements BrowserLauncher {
    /** A page the browser loaded. */
    record Visit(URI uri, int status, String body) {}

    /** What the user does on the consent page. */
    enum Decision { APPROVE, DENY }

    /** A script run against the authorization URL, in the background, as a person would after the tab opens. */
    @FunctionalInterface
    interface Script {
        void play(TestBrowser browser, URI authorizationUrl) throws Exception;
    }

    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final NeonSandbox sandbox;
    private final Script script;
    private final List<Visit> visits = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    private volatile URI opened;

    TestBrowser(NeonSandbox sandbox) {
        this(sandbox, (b, url) -> b.loadCallback(b.authorize(url, Decision.APPROVE)));
    }

    TestBrowser(NeonSandbox sandbox, Script script) {
        this.sandbox = sandbox;
        this.script = script;
    }

    /** A browser that opens nothing and reports failure (no display). */
    static BrowserLauncher none() {
        return uri -> false;
    }

    @Override
    public boolean open(URI uri) {
        opened = uri;
        done = CompletableFuture.runAsync(() -> {
            try {
                script.play(this, uri);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return true;
    }

    URI opened() {
        return opened;
    }

    List<Visit> visits() {
        return List.copyOf(visits);
    }

    /** Waits for the script to end and rethrows what it threw. */
    void awaitDone() throws Exception {
        done.get(30, TimeUnit.SECONDS);
    }

    /**
     * Follows the authorization URL to the redirect back to the client: directly with headless approval, else
     * through the sign-in form (the default user) and the consent form. Returns the redirect's location.
     */
    URI authorize(URI authorizationUrl, Decision decision) throws IOException, InterruptedException {
        HttpResponse<String> r = get(authorizationUrl);
        URI location = location(authorizationUrl, r);
        if (sandbox.headlessApprovalUser().isPresent() || !location.getPath().equals("/login")) {
            return location;
        }
        String loginChallenge = query(location).get("login_challenge");
        HttpResponse<String> loginPage = get(location);
        check(loginPage.statusCode() == 200, "sign-in page: " + loginPage.statusCode());
        SandboxUser user = SandboxUser.defaultUser();
        HttpResponse<String> afterLogin = post(sandbox.baseUri().resolve("/login"), Map.of(
                "login_challenge", loginChallenge, "email", user.email(), "password", user.password()));
        URI consent = location(sandbox.baseUri(), afterLogin);
        String consentChallenge = query(consent).get("consent_challenge");
        HttpResponse<String> consentPage = get(consent);
        check(consentPage.statusCode() == 200, "consent page: " + consentPage.statusCode());
        HttpResponse<String> afterConsent = post(sandbox.baseUri().resolve("/consent"), Map.of(
                "consent_challenge", consentChallenge, "decision", decision == Decision.APPROVE ? "approve" : "deny"));
        return location(sandbox.baseUri(), afterConsent);
    }

    /** Loads the loopback callback (or any URL) and records the page. */
    Visit loadCallback(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = get(uri);
        Visit v = new Visit(uri, r.statusCode(), r.body());
        visits.add(v);
        return v;
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(URI base, HttpResponse<String> r) {
        check(r.statusCode() == 302 || r.statusCode() == 303, "expected a redirect, got " + r.statusCode() + ": "
                + r.body());
        return base.resolve(r.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The callback URI with one query parameter replaced. */
    static URI withParam(URI uri, String name, String value) {
        Matcher m = Pattern.compile("(^|&)" + Pattern.quote(name) + "=[^&]*").matcher(uri.getRawQuery());
        String query = m.replaceFirst("$1" + name + "=" + enc(value));
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

}
