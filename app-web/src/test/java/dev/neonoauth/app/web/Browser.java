package dev.neonoauth.app.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A minimal browser for in-process tests: a cookie jar, redirects not followed, form posts, CSRF token scraping. */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    final URI base;
    final CookieManager cookies;
    private final HttpClient client;

    Browser(URI base) {
        this(base, new CookieManager());
    }

    private Browser(URI base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The same browser (its cookie jar: cookies stay with their hosts) addressing another origin. */
    Browser at(URI otherBase) {
        return new Browser(otherBase, cookies);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts with the CSRF token of the page at {@code pagePath}. */
    HttpResponse<String> postFrom(String pagePath, String action, Map<String, String> fields) {
        String token = csrf(get(pagePath).body());
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", token);
        return post(action, form);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in page:\n" + html);
        }
        return m.group(1);
    }

    Optional<String> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("neon_session") || c.getName().equals("__Host-neon_session"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Copies this browser's cookies into {@code other} for the same host (a browser moving between instances). */
    void shareCookiesWith(Browser other) {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            other.cookies.getCookieStore().add(other.base, c);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static URI location(HttpResponse<?> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location header; status " + response.statusCode())));
    }

    /**
     * Connect Neon through the fake authorization server: POST the landing page's form, then come back to the
     * callback with a code, as Neon would after "approve". Extra callback parameters (e.g. a narrowed scope) are
     * appended. Returns the callback's response.
     */
    HttpResponse<String> connect(Map<String, String> startForm, String extraCallbackQuery) {
        HttpResponse<String> start = postFrom("/", "/api/oauth/start", startForm);
        if (start.statusCode() != 303) {
            throw new AssertionError("start answered " + start.statusCode() + ":\n" + start.body());
        }
        Map<String, String> auth = query(location(start));
        return get("/api/oauth/callback?code=test-code-" + auth.get("state").substring(0, 8) + "&state="
                + URLEncoder.encode(auth.get("state"), StandardCharsets.UTF_8)
                + (extraCallbackQuery.contains("scope=") ? ""
                        : "&scope=" + URLEncoder.encode(auth.get("scope"), StandardCharsets.UTF_8))
                + extraCallbackQuery);
    }

    HttpResponse<String> connect() {
        return connect(Map.of(), "");
    }
}
