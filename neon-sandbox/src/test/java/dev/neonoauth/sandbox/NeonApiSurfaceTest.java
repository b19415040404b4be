package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The branch, endpoint, connection URI, database and role endpoints: data consistent with what a project creates
 * (like Neon: a default branch with a read-write endpoint, database {@code neondb}, role {@code neondb_owner}),
 * Neon's validation and errors, operations where Neon returns them, and 423 while operations run.
 */
class NeonApiSurfaceTest {

    MutableClock clock;
    NeonSandbox sandbox;
    TestHttp http;
    String token;
    String project;
    String main;
    String endpoint;
    String password;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        sandbox = NeonSandbox.builder().clock(clock).operationDelay(Duration.ofSeconds(2)).start();
        http = new TestHttp(sandbox);
        token = http.webTokens().accessToken();
        JsonNode created = ok(http.api("POST", "/projects", token, "{\"project\":{\"name\":\"surface\"}}"), 201);
        project = created.path("project").path("id").asText();
        main = created.path("branch").path("id").asText();
        endpoint = created.path("endpoints").get(0).path("id").asText();
        password = created.path("roles").get(0).path("password").asText();
        settle();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Lets every running operation finish, so the project is not locked. */
    void settle() {
        clock.advance(Duration.ofSeconds(3));
    }

    JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("body %s", r.body()).isEqualTo(status);
        return TestHttp.parse(r.body());
    }

    JsonNode apiError(HttpResponse<String> r, int status) {
        JsonNode e = ok(r, status);
        assertThat(e.path("message").asText()).isNotBlank();
        assertThat(e.path("request_id").asText()).isNotBlank();
        return e;
    }

    HttpResponse<String> api(String method, String path, String body) {
        return http.api(method, "/projects/" + project + path, token, body);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void aNewProjectHasItsDefaultBranchEndpointDatabaseAndOwnerRoleLikeNeon() {
        JsonNode endpoints = ok(api("GET", "/endpoints", null), 200).path("endpoints");
        assertThat(texts(endpoints, "id")).containsExactly(endpoint);
        assertThat(endpoints.get(0).path("type").asText()).isEqualTo("read_write");
        assertThat(endpoints.get(0).path("branch_id").asText()).isEqualTo(main);
        assertThat(texts(ok(api("GET", "/branches/" + main + "/endpoints", null), 200).path("endpoints"), "id"))
                .containsExactly(endpoint);
        JsonNode databases = ok(api("GET", "/branches/" + main + "/databases", null), 200).path("databases");
        assertThat(texts(databases, "name")).containsExactly("neondb");
        assertThat(texts(databases, "owner_name")).containsExactly("neondb_owner");
        JsonNode roles = ok(api("GET", "/branches/" + main + "/roles", null), 200).path("roles");
        assertThat(texts(roles, "name")).containsExactly("neondb_owner");
        assertThat(roles.get(0).has("password")).as("a list never shows passwords").isFalse();
        assertThat(ok(api("GET", "/branches/" + main + "/roles/neondb_owner/reveal_password", null), 200)
                .path("password").asText()).isEqualTo(password).startsWith("npg_");
    }

    @Test
    void theConnectionUriIsNeonsShapeAndPooledUsesThePoolerHost() {
        String uri = ok(api("GET", "/connection_uri?database_name=neondb&role_name=neondb_owner", null), 200).path("uri").asText();
        assertThat(uri).isEqualTo("postgresql://neondb_owner:" + password + "@" + endpoint
                + ".us-east-2.aws.neon.tech/neondb?sslmode=require");
        String pooled = ok(api("GET", "/connection_uri?branch_id=" + main + "&endpoint_id=" + endpoint
                + "&database_name=neondb&role_name=neondb_owner&pooled=true", null), 200).path("uri").asText();
        assertThat(pooled).isEqualTo("postgresql://neondb_owner:" + password + "@" + endpoint
                + "-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require");

        apiError(api("GET", "/connection_uri?role_name=neondb_owner", null), 400);
        apiError(api("GET", "/connection_uri?database_name=neondb", null), 400);
        apiError(api("GET", "/connection_uri?database_name=neondb&role_name=neondb_owner&pooled=yes", null), 400);
        apiError(api("GET", "/connection_uri?database_name=nope&role_name=neondb_owner", null), 404);
        apiError(api("GET", "/connection_uri?database_name=neondb&role_name=nobody", null), 404);
        apiError(api("GET", "/connection_uri?database_name=neondb&role_name=neondb_owner&endpoint_id=ep-not-here", null), 404);
    }

    @Test
    void aBranchWithoutAComputeHasNoConnectionUriUntilAnEndpointIsCreated() {
        String dev = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"dev\"}}"), 201).path("branch").path("id").asText();
        settle();
        String query = "/connection_uri?branch_id=" + dev + "&database_name=neondb&role_name=neondb_owner";
        assertThat(apiError(api("GET", query, null), 404).path("message").asText()).contains("read-write compute endpoint");

        JsonNode created = ok(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\",\"type\":\"read_write\"}}"), 201);
        String ep = created.path("endpoint").path("id").asText();
        assertThat(ep).startsWith("ep-");
        assertThat(created.path("endpoint").path("current_state").asText()).isEqualTo("init");
        assertThat(texts(created.path("operations"), "action")).containsExactly("start_compute");
        assertThat(apiError(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\",\"type\":\"read_only\"}}"), 423)
                .path("message").asText()).contains("conflicting operations");
        settle();

        assertThat(ok(api("GET", query, null), 200).path("uri").asText())
                .as("a child branch has its parent's roles and passwords").contains(":" + password + "@" + ep + ".");
        assertThat(apiError(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\",\"type\":\"read_write\"}}"), 409)
                .path("message").asText()).contains("already has a read-write");
        ok(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\",\"type\":\"read_only\"}}"), 201);
        settle();
        assertThat(ok(api("GET", "/branches/" + dev + "/endpoints", null), 200).path("endpoints")).hasSize(2);
        assertThat(ok(api("GET", "/endpoints", null), 200).path("endpoints")).hasSize(3);
        apiError(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\",\"type\":\"read_only\","
                + "\"region_id\":\"aws-eu-central-1\"}}"), 400);
        apiError(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"br-none-here-00000000\",\"type\":\"read_only\"}}"), 404);
        apiError(api("POST", "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + dev + "\"}}"), 400);
        apiError(api("POST", "/endpoints", null), 400);
        apiError(api("GET", "/branches/br-none-here-00000000/endpoints", null), 404);
    }

    @Test
    void databasesAreCreatedForAnExistingOwnerAndDeletedOnceThen204() {
        JsonNode created = ok(api("POST", "/branches/" + main + "/databases",
                "{\"database\":{\"name\":\"app\",\"owner_name\":\"neondb_owner\"}}"), 201);
        assertThat(created.path("database").path("name").asText()).isEqualTo("app");
        assertThat(created.path("database").path("id").asLong()).isPositive();
        assertThat(texts(created.path("operations"), "action")).as("one per compute of the branch").containsExactly("apply_config");
        assertThat(created.path("operations").get(0).path("endpoint_id").asText()).isEqualTo(endpoint);
        apiError(api("DELETE", "/branches/" + main + "/databases/app", null), 423);
        settle();
        assertThat(texts(ok(api("GET", "/branches/" + main + "/databases", null), 200).path("databases"), "name"))
                .containsExactly("neondb", "app");
        apiError(api("POST", "/branches/" + main + "/databases", "{\"database\":{\"name\":\"app\",\"owner_name\":\"neondb_owner\"}}"), 409);
        apiError(api("POST", "/branches/" + main + "/databases", "{\"database\":{\"name\":\"other\",\"owner_name\":\"nobody\"}}"), 400);
        apiError(api("POST", "/branches/" + main + "/databases", "{\"database\":{\"name\":\"" + "x".repeat(64)
                + "\",\"owner_name\":\"neondb_owner\"}}"), 400);

        JsonNode deleted = ok(api("DELETE", "/branches/" + main + "/databases/app", null), 200);
        assertThat(deleted.path("database").path("name").asText()).isEqualTo("app");
        settle();
        HttpResponse<String> again = api("DELETE", "/branches/" + main + "/databases/app", null);
        assertThat(again.statusCode()).as("already deleted").isEqualTo(204);
        assertThat(again.body()).isEmpty();
        assertThat(texts(ok(api("GET", "/branches/" + main + "/databases", null), 200).path("databases"), "name"))
                .containsExactly("neondb");
    }

    @Test
    void rolesGetAPasswordOnceRevealItAndResetIt() {
        JsonNode created = ok(api("POST", "/branches/" + main + "/roles", "{\"role\":{\"name\":\"app owner\"}}"), 201);
        String first = created.path("role").path("password").asText();
        assertThat(first).startsWith("npg_");
        assertThat(texts(created.path("operations"), "action")).containsExactly("apply_config");
        settle();
        assertThat(texts(ok(api("GET", "/branches/" + main + "/roles", null), 200).path("roles"), "name"))
                .containsExactly("app owner", "neondb_owner");
        assertThat(ok(api("GET", "/branches/" + main + "/roles/app%20owner/reveal_password", null), 200)
                .path("password").asText()).isEqualTo(first);

        JsonNode reset = ok(api("POST", "/branches/" + main + "/roles/app%20owner/reset_password", null), 200);
        String second = reset.path("role").path("password").asText();
        assertThat(second).startsWith("npg_").isNotEqualTo(first);
        assertThat(texts(reset.path("operations"), "action")).containsExactly("apply_config");
        settle();
        assertThat(ok(api("GET", "/connection_uri?database_name=neondb&role_name=app%20owner", null), 200).path("uri").asText())
                .startsWith("postgresql://app%20owner:" + second + "@");

        apiError(api("POST", "/branches/" + main + "/roles", "{\"role\":{\"name\":\"app owner\"}}"), 409);
        apiError(api("POST", "/branches/" + main + "/roles", "{\"role\":{}}"), 400);
        apiError(api("GET", "/branches/" + main + "/roles/nobody/reveal_password", null), 404);
        apiError(api("POST", "/branches/" + main + "/roles/nobody/reset_password", null), 404);
    }

    @Test
    void aNoLoginRoleHasNoPassword() {
        JsonNode created = ok(api("POST", "/branches/" + main + "/roles", "{\"role\":{\"name\":\"reporting\",\"no_login\":true}}"), 201);
        assertThat(created.path("role").has("password")).isFalse();
        settle();
        apiError(api("GET", "/branches/" + main + "/roles/reporting/reveal_password", null), 400);
        apiError(api("GET", "/connection_uri?database_name=neondb&role_name=reporting", null), 400);
        apiError(api("POST", "/branches/" + main + "/roles", "{\"role\":{\"name\":\"x\",\"no_login\":\"yes\"}}"), 400);
    }

    @Test
    void aProjectThatDoesNotStorePasswordsAnswers412() {
        JsonNode created = ok(http.api("POST", "/projects", token, "{\"project\":{\"name\":\"no-passwords\",\"store_passwords\":false}}"), 201);
        String id = created.path("project").path("id").asText();
        String branch = created.path("branch").path("id").asText();
        assertThat(created.path("roles").get(0).path("password").asText()).as("shown once at creation").startsWith("npg_");

        JsonNode e = apiError(http.api("GET", "/projects/" + id + "/branches/" + branch + "/roles/neondb_owner/reveal_password",
                token, null), 412);
        assertThat(e.path("message").asText()).contains("storing passwords is disabled");
        apiError(http.api("GET", "/projects/" + id + "/connection_uri?database_name=neondb&role_name=neondb_owner", token, null), 412);
    }

    @Test
    void rolesOwningADatabaseCannotBeDeletedAndDeletingTwiceIs204() {
        ok(api("POST", "/branches/" + main + "/roles", "{\"role\":{\"name\":\"temp\"}}"), 201);
        settle();
        apiError(api("DELETE", "/branches/" + main + "/roles/neondb_owner", null), 400);
        assertThat(ok(api("DELETE", "/branches/" + main + "/roles/temp", null), 200).path("role").path("name").asText())
                .isEqualTo("temp");
        settle();
        assertThat(api("DELETE", "/branches/" + main + "/roles/temp", null).statusCode()).isEqualTo(204);
    }

    @Test
    void renameAndSetAsDefaultChangeTheBranchWithoutOperations() {
        String dev = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"dev\"}}"), 201).path("branch").path("id").asText();
        settle();

        JsonNode renamed = ok(api("PATCH", "/branches/" + dev, "{\"branch\":{\"name\":\"development\"}}"), 200);
        assertThat(renamed.path("branch").path("name").asText()).isEqualTo("development");
        assertThat(renamed.path("operations")).isEmpty();
        apiError(api("PATCH", "/branches/" + dev, "{\"branch\":{\"name\":\"\"}}"), 400);
        apiError(api("PATCH", "/branches/" + dev, "{}"), 400);
        apiError(api("PATCH", "/branches/br-none-here-00000000", "{\"branch\":{\"name\":\"x\"}}"), 404);

        JsonNode promoted = ok(api("POST", "/branches/" + dev + "/set_as_default", null), 200);
        assertThat(promoted.path("branch").path("default").asBoolean()).isTrue();
        assertThat(promoted.path("operations")).isEmpty();
        assertThat(ok(api("GET", "/branches/" + main, null), 200).path("branch").path("default").asBoolean())
                .as("the previous default is not the default any more").isFalse();
        assertThat(apiError(api("DELETE", "/branches/" + dev, null), 400).path("message").asText()).contains("default");
        assertThat(apiError(api("GET", "/connection_uri?database_name=neondb&role_name=neondb_owner", null), 404)
                .path("message").asText()).as("the connection URI now defaults to the new default branch, which has no compute")
                .contains("read-write compute endpoint");
    }

    @Test
    void deletingABranchTwiceIs204() {
        String dev = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"dev\"}}"), 201).path("branch").path("id").asText();
        settle();
        ok(api("DELETE", "/branches/" + dev, null), 200);
        settle();

        HttpResponse<String> again = api("DELETE", "/branches/" + dev, null);
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(api("DELETE", "/branches/br-never-existed-00000000", null).statusCode()).isEqualTo(204);
        apiError(http.api("DELETE", "/projects/no-such-project/branches/" + dev, token, null), 404);
    }

    @Test
    void restoreFromTheParentsHeadReparentsTheBranch() {
        String dev = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"dev\"}}"), 201).path("branch").path("id").asText();
        settle();
        String other = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"other\"}}"), 201).path("branch").path("id").asText();
        settle();

        JsonNode restored = ok(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + other + "\"}"), 200);

        assertThat(restored.path("branch").path("parent_id").asText()).isEqualTo(other);
        assertThat(restored.path("branch").path("current_state").asText()).isEqualTo("init");
        assertThat(texts(restored.path("operations"), "action")).containsExactly("create_timeline");
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + other + "\"}"), 423);
        settle();
        assertThat(ok(api("GET", "/branches/" + dev, null), 200).path("branch").path("current_state").asText()).isEqualTo("ready");
    }

    @Test
    void restoreFromItsOwnHistoryKeepsThePreviousStateUnderANameThatTakesTheChildren() {
        String dev = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"dev\",\"parent_id\":\"" + main + "\"}}"), 201)
                .path("branch").path("id").asText();
        settle();
        String child = ok(api("POST", "/branches", "{\"branch\":{\"name\":\"child\",\"parent_id\":\"" + dev + "\"}}"), 201)
                .path("branch").path("id").asText();
        settle();
        String when = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                clock.instant().minusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\",\"preserve_under_name\":\"old\"}"), 400);
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\",\"source_timestamp\":\"" + when + "\"}"), 400);
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + main + "\"}"), 400);
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\",\"source_lsn\":\"0/1E19478\","
                + "\"source_timestamp\":\"" + when + "\",\"preserve_under_name\":\"old\"}"), 400);
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev + "\",\"source_timestamp\":\""
                + "2000-01-01T00:00:00Z\",\"preserve_under_name\":\"old\"}"), 400);
        apiError(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"br-none-here-00000000\"}"), 404);

        JsonNode restored = ok(api("POST", "/branches/" + dev + "/restore", "{\"source_branch_id\":\"" + dev
                + "\",\"source_timestamp\":\"" + when + "\",\"preserve_under_name\":\"dev-before-restore\"}"), 200);

        assertThat(texts(restored.path("operations"), "action")).containsExactly("create_timeline", "create_branch");
        settle();
        String backup = null;
        for (JsonNode b : ok(api("GET", "/branches", null), 200).path("branches")) {
            if (b.path("name").asText().equals("dev-before-restore")) {
                backup = b.path("id").asText();
                assertThat(b.path("parent_id").asText()).as("the old state keeps the old parent").isEqualTo(main);
            }
        }
        assertThat(backup).isNotNull();
        assertThat(restored.path("branch").path("parent_id").asText()).isEqualTo(backup);
        assertThat(restored.path("branch").path("parent_timestamp").asText()).isEqualTo(when);
        assertThat(ok(api("GET", "/branches/" + child, null), 200).path("branch").path("parent_id").asText())
                .as("children move to the preserved state").isEqualTo(backup);
        assertThat(texts(ok(api("GET", "/branches/" + backup + "/roles", null), 200).path("roles"), "name"))
                .containsExactly("neondb_owner");
    }

    @Test
    void scopesAreEnforcedOnEveryNewEndpoint() {
        String readOnly = http.webTokens("openid urn:neoncloud:projects:read").accessToken();
        String base = "/projects/" + project;
        String b = base + "/branches/" + main;
        for (String[] call : List.of(
                new String[] {"GET", base + "/endpoints", null, "200"},
                new String[] {"GET", b + "/endpoints", null, "200"},
                new String[] {"GET", base + "/connection_uri?database_name=neondb&role_name=neondb_owner", null, "200"},
                new String[] {"GET", b + "/databases", null, "200"},
                new String[] {"GET", b + "/roles", null, "200"},
                new String[] {"GET", b + "/roles/neondb_owner/reveal_password", null, "200"},
                new String[] {"POST", base + "/endpoints", "{\"endpoint\":{\"branch_id\":\"" + main + "\",\"type\":\"read_only\"}}", "403:update"},
                new String[] {"POST", b + "/databases", "{\"database\":{\"name\":\"x\",\"owner_name\":\"neondb_owner\"}}", "403:update"},
                new String[] {"POST", b + "/roles", "{\"role\":{\"name\":\"x\"}}", "403:update"},
                new String[] {"POST", b + "/roles/neondb_owner/reset_password", null, "403:update"},
                new String[] {"PATCH", b, "{\"branch\":{\"name\":\"x\"}}", "403:update"},
                new String[] {"POST", b + "/set_as_default", null, "403:update"},
                new String[] {"POST", b + "/restore", "{\"source_branch_id\":\"" + main + "\"}", "403:update"},
                new String[] {"DELETE", b + "/databases/neondb", null, "403:delete"},
                new String[] {"DELETE", b + "/roles/neondb_owner", null, "403:delete"})) {
            HttpResponse<String> r = http.api(call[0], call[1], readOnly, call[2]);
            String[] expected = call[3].split(":");
            assertThat(r.statusCode()).as("%s %s: %s", call[0], call[1], r.body()).isEqualTo(Integer.parseInt(expected[0]));
            if (expected.length > 1) {
                assertThat(TestHttp.parse(r.body()).path("message").asText()).contains("urn:neoncloud:projects:" + expected[1]);
            }
        }
    }
}
