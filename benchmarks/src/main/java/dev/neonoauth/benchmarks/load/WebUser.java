package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One simulated browser on a shared {@link HttpClient}: its own cookies (kept here, not in the client, so thousands of
 * users share one client), redirects not followed, every status checked. Not thread-safe: one user, one thread at a
 * time.
 */
final class WebUser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http;
    private final URI app;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    WebUser(HttpClient http, URI app) {
        this.http = http;
        this.app = app;
    }

    /**
     * The whole login: landing page, Connect (POST start with the CSRF token), the sandbox's authorization endpoint
     * (headless approval answers 303 to the callback at once), the callback (token exchange, session rotation), and
     * the first projects page (an authorized API call).
     */
    void login() {
        URI authorize = start();
        HttpResponse<String> sandbox = send(HttpRequest.newBuilder(authorize).GET(), false);
        if (sandbox.statusCode() / 100 != 3) {
            throw new IllegalStateException("sandbox authorize answered " + sandbox.statusCode() + " (expected a redirect)");
        }
        URI callback = authorize.resolve(location(sandbox));
        if (callback.getPort() != app.getPort()) {
            throw new IllegalStateException("sandbox did not redirect to the app: " + callback.getHost() + ":" + callback.getPort());
        }
        HttpResponse<String> back = send(HttpRequest.newBuilder(callback).GET(), true);
        expect(back, 303, "callback");
        if (!location(back).equals("/projects")) {
            throw new IllegalStateException("callback redirected to " + location(back));
        }
        projectsPage();
    }

    /** Landing page and Connect only: a pending authorization that is never completed (abandoned login). */
    URI start() {
        HttpResponse<String> landing = send(HttpRequest.newBuilder(app.resolve("/")).GET(), true);
        expect(landing, 200, "landing page");
        Matcher m = CSRF.matcher(landing.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the landing page");
        }
        String form = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> start = send(HttpRequest.newBuilder(app.resolve("/api/oauth/start"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), true);
        expect(start, 303, "start");
        return URI.create(location(start));
    }

    /** {@code GET /projects}: app-web calls {@code NeonApi.listProjects} (token from the store, API call) and renders. */
    void projectsPage() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(app.resolve("/projects")).GET(), true);
        expect(page, 200, "projects page");
        if (!page.body().contains("sandbox-app")) {
            throw new IllegalStateException("projects page without the seeded project");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean toApp) {
        if (toApp && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (toApp) {
                for (String c : r.headers().allValues("Set-Cookie")) {
                    String pair = c.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        String value = pair.substring(eq + 1);
                        if (value.isEmpty() || c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                            cookies.remove(pair.substring(0, eq));
                        } else {
                            cookies.put(pair.substring(0, eq), value);
                        }
                    }
                }
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + " (expected " + status + ")");
        }
    }

    private static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location header"));
    }
}
