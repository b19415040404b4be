package dev.neonoauth.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests for another host than the redirect URI's are sent there before a session exists, so that the session
 * cookie and the callback from Neon meet on one host (http://localhost:PORT is what most people type; embedded mode's
 * redirect URI is on http://127.0.0.1:PORT).
 */
class CanonicalOriginTest {

    @Test
    void aRequestForLocalhostIsRedirectedToTheCanonicalOriginBeforeASessionExists() {
        try (TestApp app = new TestApp()) {
            int port = app.running.port();
            RawHttp.Response r = RawHttp.get(port, "localhost:" + port, "/projects/p-1?branch=br-2&notice=renamed");
            assertThat(r.status()).as(r.whole()).isEqualTo(302);
            assertThat(r.header("Location")).contains("http://127.0.0.1:" + port + "/projects/p-1?branch=br-2&notice=renamed");
            assertThat(r.headers("Set-Cookie")).as("no session for the wrong host").isEmpty();
            assertThat(app.sessions.size()).isZero();
            assertThat(r.header("Content-Security-Policy")).isPresent();
            assertThat(r.header("Cache-Control")).contains("no-store");

            RawHttp.Response landing = RawHttp.get(port, "127.0.0.1:" + port, "/");
            assertThat(landing.status()).isEqualTo(200);
            assertThat(landing.headers("Set-Cookie")).hasSize(1);
        }
    }

    @Test
    void aFormPostedToAnotherHostIsRedirectedWithItsMethodAndBody() {
        try (TestApp app = new TestApp()) {
            int port = app.running.port();
            RawHttp.Response r = RawHttp.send(port, "POST /api/oauth/start HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\nConnection: close\r\n\r\n"
                    + "csrf=x");
            assertThat(r.status()).as(r.whole()).isEqualTo(308);
            assertThat(r.header("Location")).contains("http://127.0.0.1:" + port + "/api/oauth/start");
            assertThat(app.pending.size()).isZero();
            assertThat(app.sessions.size()).isZero();
        }
    }

    @Test
    void healthChecksAnswerWhateverHostTheyName() {
        try (TestApp app = new TestApp()) {
            RawHttp.Response r = RawHttp.get(app.running.port(), "10.1.2.3:8080", "/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void behindATrustedProxyTheForwardedHostDecidesAndOtherwiseItIsIgnored() {
        try (TestApp trusted = new TestApp(Map.of("TRUST_PROXY", "true"))) {
            int port = trusted.running.port();
            String canonical = "127.0.0.1:" + port;
            assertThat(RawHttp.get(port, "app-web.internal:3000", "/", "X-Forwarded-Host: " + canonical).status())
                    .isEqualTo(200);
            RawHttp.Response other = RawHttp.get(port, canonical, "/", "X-Forwarded-Host: localhost:" + port);
            assertThat(other.status()).isEqualTo(302);
            assertThat(other.header("Location")).contains("http://" + canonical + "/");
        }
        try (TestApp direct = new TestApp()) {
            int port = direct.running.port();
            assertThat(RawHttp.get(port, "127.0.0.1:" + port, "/", "X-Forwarded-Host: evil.example").status())
                    .as("X-Forwarded-Host without TRUST_PROXY").isEqualTo(200);
        }
    }

    @Test
    void theHostAndThePortItNamesAreCompared() {
        CanonicalOrigin embedded = CanonicalOrigin.of(URI.create("http://127.0.0.1:3000/api/oauth/callback"));
        assertThat(embedded.redirectFor("127.0.0.1:3000", "/x")).isEmpty();
        assertThat(embedded.redirectFor("localhost:3000", "/x?y=1")).contains("http://127.0.0.1:3000/x?y=1");
        assertThat(embedded.redirectFor("127.0.0.1:3001", "/")).contains("http://127.0.0.1:3000/");
        assertThat(embedded.redirectFor(null, "/")).contains("http://127.0.0.1:3000/");
        assertThat(embedded.redirectFor("[::1]:3000", "/")).contains("http://127.0.0.1:3000/");
        assertThat(embedded.redirectFor("localhost:3000", "//evil.example/")).contains("http://127.0.0.1:3000//evil.example/");

        CanonicalOrigin deployed = CanonicalOrigin.of(URI.create("https://App.Example.com/api/oauth/callback"));
        assertThat(deployed.origin()).isEqualTo("https://app.example.com");
        assertThat(deployed.redirectFor("app.example.com", "/")).isEmpty();
        assertThat(deployed.redirectFor("APP.example.com:443", "/")).isEmpty();
        assertThat(deployed.redirectFor("app.example.com:80", "/")).isEqualTo(Optional.of("https://app.example.com/"));
        assertThat(deployed.redirectFor("www.app.example.com", "/a")).contains("https://app.example.com/a");

        CanonicalOrigin v6 = CanonicalOrigin.of(URI.create("http://[::1]:8080/api/oauth/callback"));
        assertThat(v6.redirectFor("[::1]:8080", "/")).isEmpty();
        assertThat(CanonicalOrigin.statusFor("GET")).isEqualTo(302);
        assertThat(CanonicalOrigin.statusFor("HEAD")).isEqualTo(302);
        assertThat(CanonicalOrigin.statusFor("POST")).isEqualTo(308);
    }
}
