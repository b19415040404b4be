package dev.neonoauth.benchmarks.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A minimal browser: a cookie jar, no automatic redirects, raw queries and form bodies, CSRF scraping. */
final class WebBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    final URI base;
    private final HttpClient client;

    WebBrowser(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String rawPathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + rawPathAndQuery.substring(1))).GET());
    }

    /** Posts a raw, already encoded body (so duplicated or broken parameters can be sent). */
    HttpResponse<String> postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return postRaw(path, encode(form));
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String csrf(String pagePath) {
        HttpResponse<String> page = get(pagePath);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF field on " + pagePath + " (" + page.statusCode() + ")");
        }
        return m.group(1);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI location(HttpResponse<?> r) {
        List<String> l = r.headers().allValues("Location");
        if (l.isEmpty()) {
            throw new AssertionError("no Location; status " + r.statusCode());
        }
        return URI.create(l.get(0));
    }
}
