package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every API endpoint's responses (success and error) and the requests the tests send are checked against Neon's
 * official API description, read in place from {@code neon.openapi.path}. Nothing is filtered out.
 */
class OpenApiConformanceTest {

    static OpenApiInteractionValidator validator;
    static MutableClock clock;
    static NeonSandbox sandbox;
    static TestHttp http;
    static String token;

    @BeforeAll
    static void start() {
        Path spec = Path.of(System.getProperty("neon.openapi.path",
                "../neon-api-adapter/src/test/resources/neon-api/neon-api-v2.yaml"));
        assertThat(Files.isRegularFile(spec)).as("Neon API description at %s", spec.toAbsolutePath()).isTrue();
        // withResolveCombinators: the description composes responses with allOf (e.g. ProjectsResponse +
        // PaginationResponse + ...). Without merging, the validator checks each part on its own and treats the other
        // parts' properties as "not allowed". Merging validates the composed object as the description means it.
        validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toAbsolutePath().toUri().toString())
                .withResolveRefs(true).withResolveCombinators(true).build();
        clock = MutableClock.startingNow();
        sandbox = NeonSandbox.builder().clock(clock).operationDelay(Duration.ofSeconds(1)).start();
        http = new TestHttp(sandbox);
        token = http.webTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Sends the request, validates request and response against the description, returns the parsed body. */
    private static JsonNode call(String method, String pathAndQuery, String body, int expectedStatus, String bearer) {
        return call(method, pathAndQuery, body, expectedStatus, bearer, true);
    }

    /**
     * For requests the description itself forbids: the request must fail validation (so the test really sends
     * something invalid), the sandbox must refuse it, and the error response must still match the description.
     */
    private static JsonNode callInvalid(String method, String pathAndQuery, String body, int expectedStatus) {
        return call(method, pathAndQuery, body, expectedStatus, token, false);
    }

    private static JsonNode call(String method, String pathAndQuery, String body, int expectedStatus, String bearer,
                                 boolean requestValid) {
        HttpResponse<String> r = http.api(method, pathAndQuery, bearer, body);
        assertThat(r.statusCode()).as("%s %s -> %s", method, pathAndQuery, r.body()).isEqualTo(expectedStatus);
        URI uri = URI.create("http://x/api/v2" + pathAndQuery);
        SimpleRequest.Builder rb = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getRawPath())
                .withAccept("application/json");
        if (bearer != null) {
            rb.withAuthorization("Bearer " + bearer);
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                rb.withQueryParam(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            rb.withContentType("application/json").withBody(body);
        }
        SimpleResponse response = SimpleResponse.Builder.status(r.statusCode())
                .withContentType(r.headers().firstValue("Content-Type").orElse("application/json"))
                .withBody(r.body()).build();
        Request request = rb.build();
        ValidationReport requestReport = validator.validateRequest(request);
        assertThat(requestReport.hasErrors()).as("request %s %s valid: %s", method, pathAndQuery, requestReport.getMessages())
                .isEqualTo(!requestValid);
        ValidationReport report = requestValid ? validator.validate(request, response)
                : validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method), response);
        assertThat(report.getMessages()).as("%s %s\n%s\nbody: %s", method, pathAndQuery,
                report.getMessages().stream().map(Object::toString).collect(Collectors.joining("\n")), r.body()).isEmpty();
        return TestHttp.parse(r.body());
    }

    private static JsonNode call(String method, String pathAndQuery, String body, int expectedStatus) {
        return call(method, pathAndQuery, body, expectedStatus, token);
    }

    @Test
    void usersEndpoints() {
        call("GET", "/users/me", null, 200);
        call("GET", "/users/me/organizations", null, 200);
        call("GET", "/users/me", null, 401, "ory_at_not.valid");
    }

    @Test
    void projectEndpointsIncludingErrors() {
        JsonNode list = call("GET", "/projects?limit=2", null, 200);
        String cursor = list.path("pagination").path("cursor").asText();
        call("GET", "/projects?limit=2&cursor=" + cursor, null, 200);
        call("GET", "/projects?search=sandbox", null, 200);
        call("GET", "/projects/shared?limit=100", null, 200);
        JsonNode created = call("POST", "/projects", "{\"project\":{\"name\":\"conformance\",\"region_id\":\"aws-us-east-2\","
                + "\"pg_version\":17,\"branch\":{\"name\":\"main\",\"database_name\":\"app\",\"role_name\":\"app_owner\"}}}", 201);
        String id = created.path("project").path("id").asText();
        call("GET", "/projects/" + id, null, 200);
        call("DELETE", "/projects/" + id, null, 423);
        call("PATCH", "/projects/" + id, "{\"project\":{\"name\":\"conformance-renamed\",\"history_retention_seconds\":3600}}", 200);
        clock.advance(Duration.ofSeconds(2));
        call("GET", "/projects/" + id + "/operations", null, 200);
        call("GET", "/projects/" + id + "/operations/" + created.path("operations").get(0).path("id").asText(), null, 200);
        call("GET", "/projects/" + id + "/endpoints", null, 200);
        call("DELETE", "/projects/" + id, null, 200);
        call("GET", "/projects?recoverable=true", null, 200);
        call("POST", "/projects/" + id + "/recover", null, 200);
        call("GET", "/projects/no-such-project", null, 404);
        callInvalid("GET", "/projects?limit=1000", null, 400);
        callInvalid("POST", "/projects", "{\"project\":{\"pg_version\":13}}", 400);
        call("POST", "/projects", "{\"project\":{\"region_id\":\"mars-north-1\"}}", 400);
    }

    @Test
    void branchEndpoints() {
        JsonNode created = call("POST", "/projects", "{\"project\":{\"name\":\"branches\"}}", 201);
        String id = created.path("project").path("id").asText();
        String main = created.path("branch").path("id").asText();
        clock.advance(Duration.ofSeconds(2));
        JsonNode child = call("POST", "/projects/" + id + "/branches", "{\"branch\":{\"name\":\"dev\",\"parent_id\":\""
                + main + "\"},\"endpoints\":[{\"type\":\"read_write\"}]}", 201);
        call("POST", "/projects/" + id + "/branches", "{}", 423);
        clock.advance(Duration.ofSeconds(2));
        call("POST", "/projects/" + id + "/branches", "{\"branch\":{\"name\":\"schema\",\"init_source\":\"schema-only\"}}", 201);
        clock.advance(Duration.ofSeconds(2));
        JsonNode page = call("GET", "/projects/" + id + "/branches?limit=1&sort_by=created_at&sort_order=asc", null, 200);
        call("GET", "/projects/" + id + "/branches?limit=1&sort_by=created_at&sort_order=asc&cursor="
                + page.path("pagination").path("next").asText(), null, 200);
        call("GET", "/projects/" + id + "/branches?search=dev", null, 200);
        String childId = child.path("branch").path("id").asText();
        call("GET", "/projects/" + id + "/branches/" + childId, null, 200);
        call("DELETE", "/projects/" + id + "/branches/" + childId, null, 200);
        call("GET", "/projects/" + id + "/branches/" + childId, null, 404);
        call("DELETE", "/projects/" + id + "/branches/" + main, null, 400);
    }

    @Test
    void endpointConnectionUriDatabaseAndRoleEndpointsIncludingErrors() {
        JsonNode created = call("POST", "/projects", "{\"project\":{\"name\":\"surface\"}}", 201);
        String id = created.path("project").path("id").asText();
        String p = "/projects/" + id;
        String main = created.path("branch").path("id").asText();
        String b = p + "/branches/" + main;
        clock.advance(Duration.ofSeconds(2));

        call("GET", b + "/endpoints", null, 200);
        JsonNode dev = call("POST", p + "/branches", "{\"branch\":{\"name\":\"dev\"}}", 201);
        String devId = dev.path("branch").path("id").asText();
        clock.advance(Duration.ofSeconds(2));
        call("POST", p + "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + devId + "\",\"type\":\"read_write\"}}", 201);
        call("POST", p + "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + devId + "\",\"type\":\"read_only\"}}", 423);
        clock.advance(Duration.ofSeconds(2));
        call("POST", p + "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + devId + "\",\"type\":\"read_write\"}}", 409);
        call("POST", p + "/endpoints", "{\"endpoint\":{\"branch_id\":\"br-none-here-00000000\",\"type\":\"read_only\"}}", 404);
        callInvalid("POST", p + "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + devId + "\",\"type\":\"primary\"}}", 400);
        call("GET", p + "/endpoints", null, 200);
        call("GET", p + "/branches/br-none-here-00000000/endpoints", null, 404);

        call("GET", p + "/connection_uri?database_name=neondb&role_name=neondb_owner", null, 200);
        call("GET", p + "/connection_uri?branch_id=" + devId + "&database_name=neondb&role_name=neondb_owner&pooled=true", null, 200);
        call("GET", p + "/connection_uri?database_name=nope&role_name=neondb_owner", null, 404);
        callInvalid("GET", p + "/connection_uri?role_name=neondb_owner", null, 400);

        call("GET", b + "/databases", null, 200);
        call("POST", b + "/databases", "{\"database\":{\"name\":\"app\",\"owner_name\":\"neondb_owner\"}}", 201);
        call("DELETE", b + "/databases/app", null, 423);
        clock.advance(Duration.ofSeconds(2));
        call("POST", b + "/databases", "{\"database\":{\"name\":\"app\",\"owner_name\":\"neondb_owner\"}}", 409);
        callInvalid("POST", b + "/databases", "{\"database\":{\"name\":\"other\"}}", 400);
        call("DELETE", b + "/databases/app", null, 200);
        clock.advance(Duration.ofSeconds(2));
        call("DELETE", b + "/databases/app", null, 204);

        call("GET", b + "/roles", null, 200);
        call("POST", b + "/roles", "{\"role\":{\"name\":\"app_owner\"}}", 201);
        clock.advance(Duration.ofSeconds(2));
        call("POST", b + "/roles", "{\"role\":{\"name\":\"reporting\",\"no_login\":true}}", 201);
        clock.advance(Duration.ofSeconds(2));
        call("POST", b + "/roles", "{\"role\":{\"name\":\"app_owner\"}}", 409);
        call("GET", b + "/roles/app_owner/reveal_password", null, 200);
        call("GET", b + "/roles/nobody/reveal_password", null, 404);
        call("POST", b + "/roles/app_owner/reset_password", null, 200);
        clock.advance(Duration.ofSeconds(2));
        call("DELETE", b + "/roles/reporting", null, 200);
        clock.advance(Duration.ofSeconds(2));
        call("DELETE", b + "/roles/reporting", null, 204);

        JsonNode stored = call("POST", "/projects", "{\"project\":{\"name\":\"unstored\",\"store_passwords\":false}}", 201);
        call("GET", "/projects/" + stored.path("project").path("id").asText() + "/branches/"
                + stored.path("branch").path("id").asText() + "/roles/neondb_owner/reveal_password", null, 412);
    }

    @Test
    void branchUpdateDefaultRestoreAndDeleteAnswersIncludingErrors() {
        JsonNode created = call("POST", "/projects", "{\"project\":{\"name\":\"branch-ops\"}}", 201);
        String p = "/projects/" + created.path("project").path("id").asText();
        String main = created.path("branch").path("id").asText();
        clock.advance(Duration.ofSeconds(2));
        String dev = call("POST", p + "/branches", "{\"branch\":{\"name\":\"dev\"}}", 201).path("branch").path("id").asText();
        clock.advance(Duration.ofSeconds(2));

        call("PATCH", p + "/branches/" + dev, "{\"branch\":{\"name\":\"development\"}}", 200);
        callInvalid("PATCH", p + "/branches/" + dev, "{\"branch\":{\"name\":\"\"}}", 400);
        call("POST", p + "/branches/" + dev + "/set_as_default", null, 200);
        call("POST", p + "/branches/" + main + "/set_as_default", null, 200);
        call("POST", p + "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + main + "\"}", 200);
        call("POST", p + "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + main + "\"}", 423);
        clock.advance(Duration.ofSeconds(2));
        call("POST", p + "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\",\"source_lsn\":\"0/1E19478\","
                + "\"preserve_under_name\":\"dev-old\"}", 200);
        clock.advance(Duration.ofSeconds(2));
        call("POST", p + "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\"}", 400);
        callInvalid("POST", p + "/branches/" + dev + "/restore", "{\"preserve_under_name\":\"x\"}", 400);
        call("DELETE", p + "/branches/" + dev, null, 200);
        clock.advance(Duration.ofSeconds(2));
        call("DELETE", p + "/branches/" + dev, null, 204);
    }

    @Test
    void scopeAndFaultErrorsHaveTheGeneralErrorShape() {
        String readOnly = http.webTokens("urn:neoncloud:projects:read").accessToken();
        call("POST", "/projects", "{\"project\":{}}", 403, readOnly);
        sandbox.faults().on("GET /api/v2/users/me", FaultRule.status(429).times(1))
                .on("GET /api/v2/users/me", FaultRule.status(503).times(1))
                .on("GET /api/v2/users/me", FaultRule.status(500).times(1));
        call("GET", "/users/me", null, 429);
        call("GET", "/users/me", null, 503);
        call("GET", "/users/me", null, 500);
        call("GET", "/users/me", null, 200);
        sandbox.faults().clear();
    }
}
