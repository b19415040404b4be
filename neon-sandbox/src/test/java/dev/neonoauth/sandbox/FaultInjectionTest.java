package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of fault, per route, deterministic, changeable at run time. */
class FaultInjectionTest {

    NeonSandbox sandbox;
    TestHttp http;
    String token;

    @BeforeEach
    void start() {
        sandbox = NeonSandbox.builder().start();
        http = new TestHttp(sandbox);
        token = http.webTokens().accessToken();
        sandbox.metrics().reset();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statusFaultsForTheNextNRequestsThenNormal() {
        sandbox.faults().on("GET /api/v2/projects", FaultRule.status(429).retryAfter(Duration.ofSeconds(2)).times(1))
                .on("GET /api/v2/projects", FaultRule.status(423).times(1))
                .on("GET /api/v2/projects", FaultRule.status(502).times(1));
        HttpResponse<String> limited = http.api("GET", "/projects", token, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(TestHttp.parse(limited.body()).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(http.api("GET", "/projects", token, null).statusCode()).isEqualTo(423);
        assertThat(http.api("GET", "/projects", token, null).statusCode()).isEqualTo(502);
        assertThat(http.api("GET", "/projects", token, null).statusCode()).isEqualTo(200);
        assertThat(http.api("GET", "/users/me", token, null).statusCode()).as("other routes unaffected").isEqualTo(200);
        assertThat(sandbox.metrics().faultsInjected()).isEqualTo(3);
        assertThat(sandbox.metrics().apiRequests()).isEqualTo(5);
    }

    @Test
    void tokenEndpointFaultsUseTheOAuthErrorFormat() {
        sandbox.faults().on("POST /oauth2/token", FaultRule.status(503).times(1));
        HttpResponse<String> r = http.refresh(SandboxClient.DEFAULT_WEB_CLIENT_ID, SandboxClient.DEFAULT_WEB_CLIENT_SECRET, "ory_rt_x.y");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode e = TestHttp.parse(r.body());
        assertThat(e.path("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(e.size()).isEqualTo(2);
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
    }

    @Test
    void latencyDelaysButAnswers() {
        sandbox.faults().on("GET /api/v2/users/me", FaultRule.latency(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(http.api("GET", "/users/me", token, null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void droppedConnectionGivesTheClientAnIoError() {
        sandbox.faults().on("POST /api/v2/projects", FaultRule.dropConnection().times(1));
        HttpRequest post = HttpRequest.newBuilder(URI.create(sandbox.apiBaseUri() + "/projects"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project\":{}}")).build();
        assertThatThrownBy(() -> http.send(post)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(http.send(post).statusCode()).isEqualTo(201);
    }

    @Test
    void truncatedBodyIsInvalidJson() {
        sandbox.faults().on("GET /api/v2/projects/{id}", FaultRule.truncatedBody().times(1));
        String id = TestHttp.parse(http.api("GET", "/projects", token, null).body()).path("projects").get(0).path("id").asText();
        HttpResponse<String> cut = http.api("GET", "/projects/" + id, token, null);
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> TestHttp.parse(cut.body())).isInstanceOf(UncheckedIOException.class);
        JsonNode whole = TestHttp.parse(http.api("GET", "/projects/" + id, token, null).body());
        assertThat(whole.path("project").path("id").asText()).isEqualTo(id);
    }

    @Test
    void probabilityWithASeedIsReproducible() {
        int first = countFailures(42);
        int second = countFailures(42);
        assertThat(first).isEqualTo(second).isBetween(5, 35);
    }

    private int countFailures(long seed) {
        sandbox.faults().clear().seed(seed).on("GET /api/v2/users/me", FaultRule.status(500).withProbability(0.5));
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            if (http.api("GET", "/users/me", token, null).statusCode() == 500) {
                failures++;
            }
        }
        return failures;
    }

    @Test
    void shortTokenLifetimesAtRunTime() {
        sandbox.faults().accessTokenLifetime(Duration.ofSeconds(7));
        assertThat(http.webTokens().expiresIn()).isEqualTo(7);
        sandbox.faults().clear();
        assertThat(http.webTokens().expiresIn()).isEqualTo(3600);
    }

    @Test
    void planFromJsonAsTheStandaloneJarReadsIt() {
        FaultPlan plan = FaultPlan.parse("""
                {"seed": 7, "accessTokenLifetime": "30s",
                 "rules": [
                   {"route": "POST /oauth2/token", "latency": "10ms"},
                   {"route": "* /api/v2/*", "status": 503, "times": 2},
                   {"route": "GET /api/v2/users/me", "drop": true, "probability": 0.0},
                   {"route": "GET /api/v2/projects/{id}", "truncate": true}
                 ]}""");
        assertThat(plan.entries()).hasSize(4);
        assertThat(plan.accessTokenLifetimeOverride()).hasValue(Duration.ofSeconds(30));
        sandbox.faults().replaceWith(plan);
        assertThat(http.api("GET", "/users/me", token, null).statusCode()).isEqualTo(503);
        assertThat(http.api("DELETE", "/projects/x", token, null).statusCode()).isEqualTo(503);
        assertThat(http.api("GET", "/users/me", token, null).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> FaultPlan.parse("{\"rules\":[{\"route\":\"GET /x\"}]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.none().on("projects", FaultRule.status(500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRouteMatchesStar() {
        sandbox.faults().on("*", FaultRule.status(500).times(1));
        HttpResponse<String> r = http.get("/.well-known/openid-configuration");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(TestHttp.parse(r.body()).path("error").asText()).isEqualTo("server_error");
        assertThat(http.get("/.well-known/openid-configuration").statusCode()).isEqualTo(200);
    }
}
