package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers the routes do not write: an unknown route is the app's styled 404 page, and what Jetty answers itself before
 * a request reaches the app (a malformed request line, a URI or headers over its limits) carries the same security
 * headers as every page of the app, and names no server software.
 */
class ErrorResponsesTest {
    private static TestApp app;
    private static RawHttp.Response page;

    @BeforeAll
    static void start() {
        app = new TestApp();
        page = RawHttp.get(port(), host(), "/");
        assertThat(page.status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static int port() {
        return app.running.port();
    }

    private static String host() {
        return "127.0.0.1:" + port();
    }

    /** Every header the app's own pages carry, with the same value. */
    private static void assertSecurityHeadersOfTheApp(String what, RawHttp.Response r) {
        for (String name : List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy")) {
            assertThat(r.header(name)).as("%s: %s%n%s", what, name, r.whole()).isEqualTo(page.header(name));
        }
        assertThat(r.header("Cache-Control")).as(what).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(r.header("X-Request-ID")).as(what).isPresent();
        assertThat(r.header("Server")).as(what).isEmpty();
    }

    private static void assertTheAppsStyledPage(String what, RawHttp.Response r) {
        assertThat(r.header("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(Leaks.withoutAppScript(r.body())).as(what).contains("<!DOCTYPE html>").contains("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                .contains("<section class=\"error\" id=\"error\" data-status=\"" + r.status() + "\">")
                .doesNotContain("<script").doesNotContain("style=");
        Leaks.assertNone(what, r.whole());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownRoutes")
    void anUnknownRouteIsTheAppsStyledNotFoundPage(String method, String path) {
        RawHttp.Response r = RawHttp.send(port(), method + " " + path + " HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
        assertTheAppsStyledPage(method + " " + path, r);
        assertThat(r.body()).contains("<h1>Not found</h1>").doesNotContain("Endpoint");
        assertSecurityHeadersOfTheApp(path, r);
    }

    static List<Arguments> unknownRoutes() {
        return List.of(Arguments.of("GET", "/nope"), Arguments.of("GET", "/static/nope.css"),
                Arguments.of("PUT", "/"), Arguments.of("GET", "/projects/x/y/z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsJettyRefuses")
    void whatJettyAnswersItselfCarriesTheAppsSecurityHeaders(String what, int status, String request) {
        RawHttp.Response r = RawHttp.send(port(), request);
        assertThat(r.status()).as(r.whole()).isEqualTo(status);
        assertSecurityHeadersOfTheApp(what, r);
        assertTheAppsStyledPage(what, r);
    }

    static List<Arguments> requestsJettyRefuses() {
        String host = "Host: 127.0.0.1\r\n";
        return List.of(
                Arguments.of("20 KB of headers", 431,
                        "GET / HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"),
                Arguments.of("a 10 KB URI", 414,
                        "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"),
                Arguments.of("a malformed request line", 400, "GARBAGE\r\n\r\n"),
                Arguments.of("an unknown HTTP version", 505, "GET / HTTP/7.1\r\n" + host + "\r\n"),
                Arguments.of("two Host headers", 400,
                        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"),
                Arguments.of("JSON asked for", 431, "GET / HTTP/1.1\r\n" + host + "Accept: application/json\r\nX-Big: "
                        + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
    }
}
