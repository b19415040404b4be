package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import dev.neonoauth.neon.api.RoleCreation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with Neon's official API description (vendored in src/test/resources/neon-api/, provenance in SOURCE.md
 * there): every request shape the adapter can send is captured from the wire and validated; every response fixture the tests feed the adapter is
 * validated against its operation's response schema; and the validator is shown to reject what the description
 * rejects, so a non-conforming request fails the build.
 */
class ConformanceTest extends MockNeonServer {
    static final String P = "/api/v2/projects/shiny-wind-028834";
    static final String OP = "a07f8772-1877-4da9-a939-3a3ae62d1d8d";
    static final String B = P + "/branches/br-icy-dream-250089";

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("users-me.json", Method.GET, "/api/v2/users/me", 200),
                Arguments.of("organizations.json", Method.GET, "/api/v2/users/me/organizations", 200),
                Arguments.of("projects-page-1.json", Method.GET, "/api/v2/projects", 200),
                Arguments.of("projects-page-2.json", Method.GET, "/api/v2/projects", 200),
                Arguments.of("projects-empty.json", Method.GET, "/api/v2/projects", 200),
                Arguments.of("project.json", Method.GET, P, 200),
                Arguments.of("project-created.json", Method.POST, "/api/v2/projects", 201),
                Arguments.of("project-updated.json", Method.PATCH, P, 200),
                Arguments.of("project-deleted.json", Method.DELETE, P, 200),
                Arguments.of("project-recovered.json", Method.POST, P + "/recover", 200),
                Arguments.of("branches-page-1.json", Method.GET, P + "/branches", 200),
                Arguments.of("branches-page-2.json", Method.GET, P + "/branches", 200),
                Arguments.of("branch-created.json", Method.POST, P + "/branches", 201),
                Arguments.of("branch-deleted.json", Method.DELETE, P + "/branches/br-icy-dream-250089", 200),
                Arguments.of("operation-running.json", Method.GET, P + "/operations/" + OP, 200),
                Arguments.of("operation-finished.json", Method.GET, P + "/operations/" + OP, 200),
                Arguments.of("operation-2-finished.json", Method.GET, P + "/operations/" + OP, 200),
                Arguments.of("operation-2-failed.json", Method.GET, P + "/operations/" + OP, 200),
                Arguments.of("error-not-found.json", Method.GET, P, 404),
                Arguments.of("error-org-required.json", Method.POST, "/api/v2/projects", 400),
                Arguments.of("error-locked.json", Method.DELETE, P, 423),
                Arguments.of("error-unauthorized.json", Method.GET, "/api/v2/users/me", 401),
                Arguments.of("error-forbidden.json", Method.GET, P, 403),
                Arguments.of("error-rate-limited.json", Method.GET, "/api/v2/users/me/organizations", 429),
                Arguments.of("branch-renamed.json", Method.PATCH, B, 200),
                Arguments.of("branch-set-as-default.json", Method.POST, B + "/set_as_default", 200),
                Arguments.of("branch-restored.json", Method.POST, B + "/restore", 200),
                Arguments.of("endpoints.json", Method.GET, P + "/endpoints", 200),
                Arguments.of("endpoints.json", Method.GET, B + "/endpoints", 200),
                Arguments.of("endpoint-created.json", Method.POST, P + "/endpoints", 201),
                Arguments.of("connection-uri.json", Method.GET, P + "/connection_uri", 200),
                Arguments.of("databases.json", Method.GET, B + "/databases", 200),
                Arguments.of("database-created.json", Method.POST, B + "/databases", 201),
                Arguments.of("database-deleted.json", Method.DELETE, B + "/databases/app", 200),
                Arguments.of("roles.json", Method.GET, B + "/roles", 200),
                Arguments.of("role-created.json", Method.POST, B + "/roles", 201),
                Arguments.of("role-password.json", Method.GET, B + "/roles/neondb_owner/reveal_password", 200),
                Arguments.of("error-password-not-stored.json", Method.GET, B + "/roles/neondb_owner/reveal_password", 412),
                Arguments.of("role-password-reset.json", Method.POST, B + "/roles/neondb_owner/reset_password", 200),
                Arguments.of("error-locked.json", Method.DELETE, B + "/databases/app", 423));
    }

    @ParameterizedTest(name = "{0} is a valid {3} answer to {1} {2}")
    @MethodSource("fixtures")
    void everyResponseFixtureConformsToItsOperation(String fixture, Method method, String path, int status) {
        ValidationReport report = OpenApiContract.validateResponse(method, path, status, Fixtures.read(fixture));

        assertThat(report.getMessages()).as(fixture).isEmpty();
    }

    @Test
    void everyRequestTheAdapterCanSendConforms() throws Exception {
        NeonApi api = get(NeonApi.class);
        List<Runnable> calls = new ArrayList<>();
        calls.add(() -> api.currentUser(ACCOUNT));
        calls.add(() -> api.organizations(ACCOUNT));
        calls.add(() -> api.listProjects(ACCOUNT, ProjectQuery.ALL));
        calls.add(() -> api.listProjects(ACCOUNT, new ProjectQuery(Optional.of("org-morning-bread-81040908"), Optional.of("wind"))));
        calls.add(() -> api.getProject(ACCOUNT, "shiny-wind-028834"));
        calls.add(() -> api.createProject(ACCOUNT, new ProjectCreation(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        calls.add(() -> api.createProject(ACCOUNT, new ProjectCreation(Optional.of("p"), Optional.of("aws-eu-central-1"),
                Optional.of(18), Optional.of("org-morning-bread-81040908"))));
        calls.add(() -> api.updateProject(ACCOUNT, "shiny-wind-028834", ProjectUpdate.rename("renamed")));
        calls.add(() -> api.updateProject(ACCOUNT, "shiny-wind-028834",
                new ProjectUpdate(Optional.empty(), Optional.of(0), Optional.of(false))));
        calls.add(() -> api.deleteProject(ACCOUNT, "shiny-wind-028834"));
        calls.add(() -> api.recoverProject(ACCOUNT, "shiny-wind-028834"));
        calls.add(() -> api.listBranches(ACCOUNT, "shiny-wind-028834"));
        calls.add(() -> api.createBranch(ACCOUNT, "shiny-wind-028834", new BranchCreation(Optional.empty(), Optional.empty())));
        calls.add(() -> api.createBranch(ACCOUNT, "shiny-wind-028834",
                new BranchCreation(Optional.of("dev"), Optional.of("br-wispy-meadow-118737"))));
        calls.add(() -> api.deleteBranch(ACCOUNT, "shiny-wind-028834", "br-icy-dream-250089"));
        calls.add(() -> api.getOperation(ACCOUNT, "shiny-wind-028834", OP));
        String[] answers = {"users-me.json", "organizations.json", "projects-page-2.json", "projects-page-2.json",
                "project.json", "project-created.json", "project-created.json", "project-updated.json",
                "project-updated.json", "project-deleted.json", "project-recovered.json", "branches-page-2.json",
                "branch-created.json", "branch-created.json", "branch-deleted.json", "operation-running.json"};
        int[] statuses = {200, 200, 200, 200, 200, 201, 201, 200, 200, 200, 200, 200, 201, 201, 200, 200};

        for (int i = 0; i < calls.size(); i++) {
            enqueue(statuses[i], answers[i]);
            calls.get(i).run();
            RecordedRequest request = server.takeRequest();
            ValidationReport report = OpenApiContract.validate(request);
            assertThat(report.getMessages()).as("%s %s", request.getMethod(), request.getTarget()).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(16);
    }

    /** A call of the port with the answer the server gives it. */
    record Exchange(Runnable call, int status, String fixture) {}

    @Test
    void everyRequestOfTheBranchEndpointRoleAndDatabaseOperationsConforms() throws Exception {
        NeonApi api = get(NeonApi.class);
        String project = "shiny-wind-028834";
        String branch = "br-icy-dream-250089";
        List<Exchange> exchanges = List.of(
                new Exchange(() -> api.deleteBranchIfExists(ACCOUNT, project, branch), 200, "branch-deleted.json"),
                new Exchange(() -> api.renameBranch(ACCOUNT, project, branch, "renamed-branch"), 200, "branch-renamed.json"),
                new Exchange(() -> api.setDefaultBranch(ACCOUNT, project, branch), 200, "branch-set-as-default.json"),
                new Exchange(() -> api.restoreBranch(ACCOUNT, project, branch, BranchRestore.toHeadOf("br-wispy-meadow-118737")),
                        200, "branch-restored.json"),
                new Exchange(() -> api.restoreBranch(ACCOUNT, project, branch,
                        BranchRestore.toTimestamp(branch, Instant.parse("2025-11-24T08:30:00Z")).preservingUnder("before-restore")),
                        200, "branch-restored.json"),
                new Exchange(() -> api.restoreBranch(ACCOUNT, project, branch, new BranchRestore("br-wispy-meadow-118737",
                        Optional.of("0/1E19478"), Optional.empty(), Optional.empty())), 200, "branch-restored.json"),
                new Exchange(() -> api.listEndpoints(ACCOUNT, project), 200, "endpoints.json"),
                new Exchange(() -> api.listBranchEndpoints(ACCOUNT, project, branch), 200, "endpoints.json"),
                new Exchange(() -> api.createEndpoint(ACCOUNT, project, EndpointCreation.readWrite(branch)), 201, "endpoint-created.json"),
                new Exchange(() -> api.createEndpoint(ACCOUNT, project, EndpointCreation.readOnly(branch)), 201, "endpoint-created.json"),
                new Exchange(() -> api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("neondb", "neondb_owner")),
                        200, "connection-uri.json"),
                new Exchange(() -> api.getConnectionUri(ACCOUNT, project, ConnectionUriQuery.of("app db", "app_owner")
                        .onBranch(branch).onEndpoint("ep-cool-darkness-123456").withPooling(true)), 200, "connection-uri.json"),
                new Exchange(() -> api.listDatabases(ACCOUNT, project, branch), 200, "databases.json"),
                new Exchange(() -> api.createDatabase(ACCOUNT, project, branch, new DatabaseCreation("app", "app_owner")),
                        201, "database-created.json"),
                new Exchange(() -> api.deleteDatabase(ACCOUNT, project, branch, "app"), 200, "database-deleted.json"),
                new Exchange(() -> api.deleteDatabase(ACCOUNT, project, branch, "my db/ü"), 200, "database-deleted.json"),
                new Exchange(() -> api.listRoles(ACCOUNT, project, branch), 200, "roles.json"),
                new Exchange(() -> api.createRole(ACCOUNT, project, branch, RoleCreation.named("app_owner")), 201, "role-created.json"),
                new Exchange(() -> api.createRole(ACCOUNT, project, branch, new RoleCreation("reporting", true)), 201, "role-created.json"),
                new Exchange(() -> api.revealRolePassword(ACCOUNT, project, branch, "neondb_owner"), 200, "role-password.json"),
                new Exchange(() -> api.resetRolePassword(ACCOUNT, project, branch, "neondb_owner"), 200, "role-password-reset.json"));

        for (Exchange exchange : exchanges) {
            enqueue(exchange.status(), exchange.fixture());
            exchange.call().run();
            RecordedRequest request = server.takeRequest();
            ValidationReport report = OpenApiContract.validate(request);
            assertThat(report.getMessages()).as("%s %s", request.getMethod(), request.getTarget()).isEmpty();
            ValidationReport answer = OpenApiContract.validateResponse(Method.valueOf(request.getMethod()),
                    request.getUrl().encodedPath(), exchange.status(), Fixtures.read(exchange.fixture()));
            assertThat(answer.getMessages()).as("%s answers %s", exchange.fixture(), request.getTarget()).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(exchanges.size());
    }

    @Test
    void theValidatorRejectsWhatTheDescriptionRejects() throws Exception {
        enqueue(200, "users-me.json");
        get(NeonApi.class).currentUser(ACCOUNT);
        RecordedRequest real = server.takeRequest();
        assertThat(OpenApiContract.validate(real).hasErrors()).isFalse();

        String bearer = real.getHeaders().get("Authorization");
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.get("/api/v2/projects").withQueryParam("limit", "401")
                .withAuthorization(bearer).build()).hasErrors()).as("limit above 400").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.post("/api/v2/projects").withContentType("application/json")
                .withBody("{\"project\":{\"pg_version\":13}}").withAuthorization(bearer).build()).hasErrors())
                .as("Postgres 13").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.post("/api/v2/projects").withContentType("application/json")
                .withBody("{\"project\":{\"regionId\":\"aws-us-east-2\"}}").withAuthorization(bearer).build()).hasErrors())
                .as("a misspelt field").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.get("/api/v2/projects/Not_An_Id")
                .withAuthorization(bearer).build()).hasErrors()).as("an id outside [a-z0-9-]").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.get("/api/v2/project")
                .withAuthorization(bearer).build()).hasErrors()).as("an unknown path").isTrue();
        assertThat(OpenApiContract.validateResponse(Method.GET, "/api/v2/users/me", 200, "{\"id\":\"x\"}").hasErrors())
                .as("a response without its required fields").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.get(P + "/connection_uri").withQueryParam("role_name", "r")
                .withAuthorization(bearer).build()).hasErrors()).as("a connection URI without database_name").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.post(P + "/endpoints").withContentType("application/json")
                .withBody("{\"endpoint\":{\"branch_id\":\"br-x\",\"type\":\"read-write\"}}").withAuthorization(bearer).build())
                .hasErrors()).as("an endpoint type outside the enum").isTrue();
        assertThat(OpenApiContract.validate(SimpleRequest.Builder.patch(B).withContentType("application/json")
                .withBody("{\"branch\":{\"name\":\"\"}}").withAuthorization(bearer).build()).hasErrors())
                .as("an empty branch name").isTrue();
    }
}
