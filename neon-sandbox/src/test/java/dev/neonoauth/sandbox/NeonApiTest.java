package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Neon API v2 behaviour: auth, scopes, seed data, pagination, operations, branches, errors. */
class NeonApiTest {

    MutableClock clock;
    NeonSandbox sandbox;
    TestHttp http;
    String token;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        sandbox = NeonSandbox.builder().clock(clock).operationDelay(Duration.ofSeconds(2)).start();
        http = new TestHttp(sandbox);
        token = http.webTokens().accessToken();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("body %s", r.body()).isEqualTo(status);
        return TestHttp.parse(r.body());
    }

    private JsonNode apiError(HttpResponse<String> r, int status) {
        JsonNode e = ok(r, status);
        assertThat(e.has("code")).isTrue();
        assertThat(e.path("message").asText()).isNotBlank();
        assertThat(e.path("request_id").asText()).isNotBlank();
        return e;
    }

    private String projectId(String name) {
        for (JsonNode p : ok(http.api("GET", "/projects?limit=400", token, null), 200).path("projects")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("id").asText();
            }
        }
        throw new AssertionError("no project " + name);
    }

    @Test
    void usersMeAndOrganizations() {
        JsonNode me = ok(http.api("GET", "/users/me", token, null), 200);
        assertThat(me.path("id").asText()).isEqualTo(SandboxUser.DEFAULT_ID);
        assertThat(me.path("email").asText()).isEqualTo("sandbox@example.com");
        assertThat(me.path("name").asText()).isEqualTo("Sandbox");
        JsonNode orgs = ok(http.api("GET", "/users/me/organizations", token, null), 200);
        assertThat(orgs.path("organizations")).hasSize(1);
        assertThat(orgs.path("organizations").get(0).path("id").asText()).startsWith("org-");
    }

    @Test
    void sharedProjectsAreAnEmptyListNotAProjectNamedShared() {
        // neonctl's "projects list" also asks for /projects/shared; without it, neonctl fails against the sandbox.
        JsonNode shared = ok(http.api("GET", "/projects/shared?limit=100", token, null), 200);
        assertThat(shared.path("projects").isArray()).isTrue();
        assertThat(shared.path("projects")).isEmpty();
        apiError(http.api("GET", "/projects/shared?limit=0", token, null), 400);
        apiError(http.api("GET", "/projects/shared", null, null), 401);
    }

    @Test
    void missingInvalidOrRevokedBearerIs401() {
        HttpResponse<String> none = http.api("GET", "/projects", null, null);
        apiError(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        apiError(http.api("GET", "/projects", "ory_at_made.up", null), 401);
        sandbox.revokeAll();
        apiError(http.api("GET", "/projects", token, null), 401);
    }

    @Test
    void scopesAreEnforcedPerEndpointWith403NamingTheMissingScope() {
        String readOnly = http.webTokens("openid urn:neoncloud:projects:read").accessToken();
        assertThat(http.api("GET", "/projects", readOnly, null).statusCode()).isEqualTo(200);
        JsonNode create = apiError(http.api("POST", "/projects", readOnly, "{\"project\":{}}"), 403);
        assertThat(create.path("message").asText()).contains("urn:neoncloud:projects:create");
        String id = projectId("analytics");
        assertThat(apiError(http.api("PATCH", "/projects/" + id, readOnly, "{\"project\":{\"name\":\"x\"}}"), 403)
                .path("message").asText()).contains("urn:neoncloud:projects:update");
        assertThat(apiError(http.api("DELETE", "/projects/" + id, readOnly, null), 403)
                .path("message").asText()).contains("urn:neoncloud:projects:delete");
        assertThat(apiError(http.api("GET", "/users/me/organizations", readOnly, null), 403)
                .path("message").asText()).contains("urn:neoncloud:orgs:read");
        String createOnly = http.webTokens("urn:neoncloud:projects:create").accessToken();
        assertThat(apiError(http.api("GET", "/projects", createOnly, null), 403).path("message").asText())
                .contains("urn:neoncloud:projects:read");
    }

    @Test
    void seedDataHasThreeProjectsAndABranchTreeThreeLevelsDeepAndTwoWide() {
        JsonNode list = ok(http.api("GET", "/projects", token, null), 200);
        assertThat(list.path("projects")).hasSize(3);
        String app = projectId("sandbox-app");
        JsonNode branches = ok(http.api("GET", "/projects/" + app + "/branches", token, null), 200).path("branches");
        assertThat(branches).hasSize(6);
        java.util.Map<String, String> parent = new java.util.HashMap<>();
        java.util.Map<String, Integer> children = new java.util.HashMap<>();
        String root = null;
        for (JsonNode b : branches) {
            if (b.has("parent_id")) {
                parent.put(b.path("id").asText(), b.path("parent_id").asText());
                children.merge(b.path("parent_id").asText(), 1, Integer::sum);
            } else {
                root = b.path("id").asText();
                assertThat(b.path("default").asBoolean()).isTrue();
            }
        }
        assertThat(root).isNotNull();
        int maxDepth = 0;
        for (String id : parent.keySet()) {
            int depth = 1;
            for (String p = parent.get(id); p != null; p = parent.get(p)) {
                depth++;
            }
            maxDepth = Math.max(maxDepth, depth);
        }
        assertThat(maxDepth).isGreaterThanOrEqualTo(4);
        assertThat(children.values()).anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    @Test
    void projectsPaginateWithCursorOverMoreThanTheLimit() {
        for (int i = 0; i < 9; i++) {
            ok(http.api("POST", "/projects", token, "{\"project\":{\"name\":\"paged-" + i + "\"}}"), 201);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(ok(http.api("GET", "/projects", token, null), 200).path("projects")).as("default limit 10").hasSize(10);
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonNode page = ok(http.api("GET", "/projects?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), token, null), 200);
            JsonNode projects = page.path("projects");
            pageSizes.add(projects.size());
            projects.forEach(p -> assertThat(seen.add(p.path("id").asText())).as("no duplicates across pages").isTrue());
            if (projects.size() < 5) {
                break;
            }
            cursor = page.path("pagination").path("cursor").asText();
        }
        assertThat(seen).hasSize(12);
        assertThat(pageSizes).containsExactly(5, 5, 2);
        assertThat(ok(http.api("GET", "/projects?search=paged-3", token, null), 200).path("projects")).hasSize(1);
        apiError(http.api("GET", "/projects?limit=0", token, null), 400);
        apiError(http.api("GET", "/projects?limit=401", token, null), 400);
    }

    @Test
    void createdProjectsOperationsRunThenFinishAfterTheDelay() {
        JsonNode created = ok(http.api("POST", "/projects", token,
                "{\"project\":{\"name\":\"ops\",\"region_id\":\"aws-eu-central-1\",\"pg_version\":16}}"), 201);
        String id = created.path("project").path("id").asText();
        assertThat(id).matches("[a-z]+-[a-z]+-\\d{8}");
        assertThat(created.path("project").path("pg_version").asInt()).isEqualTo(16);
        assertThat(created.path("connection_uris").get(0).path("connection_uri").asText()).startsWith("postgresql://neondb_owner:");
        assertThat(created.path("branch").path("current_state").asText()).isEqualTo("init");
        JsonNode ops = created.path("operations");
        assertThat(ops).hasSize(2);
        assertThat(ops.findValuesAsText("status")).containsOnly("scheduling");
        String opId = ops.get(0).path("id").asText();
        clock.advance(Duration.ofMillis(600));
        assertThat(ok(http.api("GET", "/projects/" + id + "/operations/" + opId, token, null), 200)
                .path("operation").path("status").asText()).isEqualTo("running");
        // While operations run, mutations are locked (423).
        apiError(http.api("POST", "/projects/" + id + "/branches", token, "{}"), 423);
        clock.advance(Duration.ofSeconds(2));
        JsonNode op = ok(http.api("GET", "/projects/" + id + "/operations/" + opId, token, null), 200).path("operation");
        assertThat(op.path("status").asText()).isEqualTo("finished");
        assertThat(op.path("total_duration_ms").asInt()).isEqualTo(2000);
        JsonNode list = ok(http.api("GET", "/projects/" + id + "/operations", token, null), 200);
        assertThat(list.path("operations").findValuesAsText("status")).containsOnly("finished");
        JsonNode branch = ok(http.api("GET", "/projects/" + id + "/branches/" + created.path("branch").path("id").asText(),
                token, null), 200);
        assertThat(branch.path("branch").path("current_state").asText()).isEqualTo("ready");
    }

    @Test
    void branchTreeCreateAndDelete() {
        String id = projectId("playground");
        String mainId = null;
        for (JsonNode b : ok(http.api("GET", "/projects/" + id + "/branches", token, null), 200).path("branches")) {
            if (b.path("default").asBoolean()) {
                mainId = b.path("id").asText();
            }
        }
        JsonNode child = ok(http.api("POST", "/projects/" + id + "/branches", token,
                "{\"branch\":{\"name\":\"child\",\"parent_id\":\"" + mainId + "\"},\"endpoints\":[{\"type\":\"read_write\"}]}"), 201);
        String childId = child.path("branch").path("id").asText();
        assertThat(childId).startsWith("br-");
        assertThat(child.path("branch").path("parent_id").asText()).isEqualTo(mainId);
        assertThat(child.path("endpoints")).hasSize(1);
        assertThat(child.path("operations").findValuesAsText("action")).containsExactly("create_branch", "start_compute");
        clock.advance(Duration.ofSeconds(3));
        JsonNode grandchild = ok(http.api("POST", "/projects/" + id + "/branches", token,
                "{\"branch\":{\"name\":\"grandchild\",\"parent_id\":\"" + childId + "\"}}"), 201);
        String grandchildId = grandchild.path("branch").path("id").asText();
        clock.advance(Duration.ofSeconds(3));
        assertThat(apiError(http.api("DELETE", "/projects/" + id + "/branches/" + childId, token, null), 400)
                .path("message").asText()).contains("child");
        assertThat(apiError(http.api("DELETE", "/projects/" + id + "/branches/" + mainId, token, null), 400)
                .path("message").asText()).contains("default");
        JsonNode deleted = ok(http.api("DELETE", "/projects/" + id + "/branches/" + grandchildId, token, null), 200);
        assertThat(deleted.path("operations").findValuesAsText("action")).contains("delete_timeline");
        apiError(http.api("GET", "/projects/" + id + "/branches/" + grandchildId, token, null), 404);
        clock.advance(Duration.ofSeconds(3));
        ok(http.api("DELETE", "/projects/" + id + "/branches/" + childId, token, null), 200);
        apiError(http.api("POST", "/projects/" + id + "/branches", token, "{\"branch\":{\"parent_id\":\"br-none-here-00000000\"}}"), 423);
    }

    @Test
    void branchesPaginateWithPaginationNext() {
        String id = projectId("sandbox-app");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(http.api("GET", "/projects/" + id + "/branches?limit=4&sort_by=name&sort_order=asc"
                    + (cursor == null ? "" : "&cursor=" + cursor), token, null), 200);
            page.path("branches").forEach(b -> seen.add(b.path("name").asText()));
            cursor = page.path("pagination").has("next") ? page.path("pagination").path("next").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder("main", "dev", "feature-login", "feature-login-hotfix", "feature-billing", "staging");
    }

    @Test
    void updateDeleteAndRecoverAProject() {
        String id = projectId("analytics");
        JsonNode patched = ok(http.api("PATCH", "/projects/" + id, token, "{\"project\":{\"name\":\"renamed\"}}"), 200);
        assertThat(patched.path("project").path("name").asText()).isEqualTo("renamed");
        assertThat(patched.path("operations")).isEmpty();
        ok(http.api("DELETE", "/projects/" + id, token, null), 200);
        apiError(http.api("GET", "/projects/" + id, token, null), 404);
        JsonNode recoverable = ok(http.api("GET", "/projects?recoverable=true", token, null), 200);
        assertThat(recoverable.path("projects").findValuesAsText("id")).containsExactly(id);
        JsonNode recovered = ok(http.api("POST", "/projects/" + id + "/recover", token, null), 200);
        assertThat(recovered.path("branches")).hasSize(1);
        ok(http.api("GET", "/projects/" + id, token, null), 200);
    }

    @Test
    void notFoundsAndBadRequestsUseTheErrorBody() {
        apiError(http.api("GET", "/projects/no-such-project", token, null), 404);
        String id = projectId("analytics");
        apiError(http.api("GET", "/projects/" + id + "/branches/br-nope-nope-00000000", token, null), 404);
        apiError(http.api("GET", "/projects/" + id + "/operations/0b6b2b46-8f0e-4d1e-9c6a-7c1c7f0f5e11", token, null), 404);
        apiError(http.api("GET", "/no/such/route", token, null), 404);
        apiError(http.api("POST", "/projects", token, "{not json"), 400);
        apiError(http.api("POST", "/projects", token, "{\"project\":{\"region_id\":\"mars-north-1\"}}"), 400);
        apiError(http.api("POST", "/projects", token, "{\"project\":{\"pg_version\":9}}"), 400);
    }

    @Test
    void requestIdEchoesTheClientsXRequestId() {
        HttpResponse<String> r = http.api("GET", "/projects/no-such-project", token, null, "X-Request-ID", "req-1234-abcd");
        assertThat(apiError(r, 404).path("request_id").asText()).isEqualTo("req-1234-abcd");
        assertThat(r.headers().firstValue("X-Request-ID")).hasValue("req-1234-abcd");
        HttpResponse<String> generated = http.api("GET", "/projects/no-such-project", token, null);
        assertThat(apiError(generated, 404).path("request_id").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void orgIdIsRequiredOnlyWhenAskedFor() {
        try (NeonSandbox strict = NeonSandbox.builder().requireOrgId(true).start()) {
            TestHttp h = new TestHttp(strict);
            String t = h.webTokens().accessToken();
            JsonNode e = TestHttp.parse(h.api("GET", "/projects", t, null).body());
            assertThat(e.path("message").asText()).isEqualTo("org_id is required");
            String orgId = TestHttp.parse(h.api("GET", "/users/me/organizations", t, null).body())
                    .path("organizations").get(0).path("id").asText();
            assertThat(h.api("POST", "/projects", t, "{\"project\":{\"name\":\"o\"}}").statusCode()).isEqualTo(400);
            JsonNode created = TestHttp.parse(h.api("POST", "/projects", t, "{\"project\":{\"name\":\"o\",\"org_id\":\"" + orgId + "\"}}").body());
            assertThat(created.path("project").path("org_id").asText()).isEqualTo(orgId);
            JsonNode list = TestHttp.parse(h.api("GET", "/projects?org_id=" + orgId, t, null).body());
            assertThat(list.path("projects").findValuesAsText("name")).containsExactly("o");
        }
    }
}
