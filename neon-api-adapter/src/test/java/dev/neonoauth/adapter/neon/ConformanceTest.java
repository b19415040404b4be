package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
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
 * Conformance with Neon's official API description (../shared/neon-api/neon-api-v2.yaml): every request shape the
 * adapter can send is captured from the wire and validated; every response fixture the tests feed the adapter is
 * validated against its operation's response schema; and the validator is shown to reject what the description
 * rejects, so a non-conforming request fails the build.
 */
class ConformanceTest extends MockNeonServer {
    static final String P = "/api/v2/projects/shiny-wind-028834";
    static final String OP = "a07f8772-1877-4da9-a939-3a3ae62d1d8d";

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
                Arguments.of("error-rate-limited.json", Method.GET, "/api/v2/users/me/organizations", 429));
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
    }
}
