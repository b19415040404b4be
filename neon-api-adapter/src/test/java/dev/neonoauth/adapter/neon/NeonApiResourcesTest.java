package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationStatus;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Every resource call of {@link NeonApi}: the exact request sent, and the records parsed from the answer. */
class NeonApiResourcesTest extends MockNeonServer {
    static final String PROJECT = "shiny-wind-028834";
    static final String OP1 = "a07f8772-1877-4da9-a939-3a3ae62d1d8d";

    @Test
    void currentUserSendsTheBearerTokenAndStandardHeaders() throws Exception {
        enqueue(200, "users-me.json");

        NeonUser user = get(NeonApi.class).currentUser(ACCOUNT);

        assertThat(user).isEqualTo(new NeonUser("b8d3a7ce-5a8c-4b79-a0e4-26c1b4a5d8e1", "casey@example.com",
                Optional.of("Casey Jones"), Optional.of("casey")));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/v2/users/me");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).matches("neon-oauth-java/[0-9A-Za-z.+_-]+");
        assertThat(request.getHeaders().get("User-Agent")).isNotEqualTo("neon-oauth-java/dev");
        assertThat(request.getHeaders().get("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(tokens.currentTokenCalls()).isEqualTo(1);
    }

    @Test
    void everyCallGetsItsOwnRequestIdAndAskesForTheTokenAgain() throws Exception {
        enqueue(200, "users-me.json");
        enqueue(200, "users-me.json");
        NeonApi api = get(NeonApi.class);

        api.currentUser(ACCOUNT);
        api.currentUser(ACCOUNT);

        assertThat(take().getHeaders().get("X-Request-ID")).isNotEqualTo(take().getHeaders().get("X-Request-ID"));
        assertThat(tokens.currentTokenCalls()).isEqualTo(2);
    }

    @Test
    void organizations() throws Exception {
        enqueue(200, "organizations.json");

        List<Organization> organizations = get(NeonApi.class).organizations(ACCOUNT);

        assertThat(organizations).containsExactly(
                new Organization("org-morning-bread-81040908", "Morning Bread", "morning-bread-81040908"),
                new Organization("org-silent-river-11223344", "Silent River", "silent-river-11223344"));
        assertThat(take().getTarget()).isEqualTo("/api/v2/users/me/organizations");
    }

    @Test
    void listProjectsFollowsEveryCursorPageWithTheFilters() throws Exception {
        enqueue(200, "projects-page-1.json");
        enqueue(200, "projects-page-2.json");

        List<Project> projects = get(NeonApi.class).listProjects(ACCOUNT,
                new ProjectQuery(Optional.of("org-morning-bread-81040908"), Optional.of("shiny wind")));

        assertThat(projects).extracting(Project::id)
                .containsExactly("shiny-wind-028834", "bold-cloud-468218", "quiet-sea-123456");
        assertThat(projects.get(1).name()).isEqualTo("billing-prod");
        assertThat(projects.get(0).orgId()).contains("org-morning-bread-81040908");
        assertThat(projects.get(0).pgVersion()).isEqualTo(17);
        assertThat(projects.get(0).createdAt()).isEqualTo(Instant.parse("2025-11-23T17:42:25Z"));
        RecordedRequest first = take();
        assertThat(first.getTarget())
                .isEqualTo("/api/v2/projects?limit=2&search=shiny%20wind&org_id=org-morning-bread-81040908");
        RecordedRequest second = take();
        assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("bold-cloud-468218");
        assertThat(second.getUrl().queryParameter("org_id")).isEqualTo("org-morning-bread-81040908");
        assertThat(second.getUrl().queryParameter("search")).isEqualTo("shiny wind");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void listProjectsStopsAtAnEmptyPage() throws Exception {
        enqueue(200, "projects-page-1.json");
        enqueue(200, "projects-empty.json");

        List<Project> projects = get(NeonApi.class).listProjects(ACCOUNT, ProjectQuery.ALL);

        assertThat(projects).hasSize(2);
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects?limit=2");
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects?limit=2&cursor=bold-cloud-468218");
    }

    @Test
    void listProjectsStopsWhenTheCursorRepeats() throws Exception {
        enqueue(200, "projects-page-1.json");
        enqueue(200, "projects-page-1.json");

        List<Project> projects = get(NeonApi.class).listProjects(ACCOUNT, ProjectQuery.ALL);

        assertThat(projects).extracting(Project::id).containsExactly("shiny-wind-028834", "bold-cloud-468218");
        assertThat(server.getRequestCount()).isEqualTo(2);
        take();
        take();
    }

    @Test
    void listProjectsAsksForFullPagesOf400ByDefault() throws Exception {
        inject(b -> b, RetrofitNeonApi.MAX_PROJECTS_PAGE);
        enqueue(200, "projects-page-2.json");

        assertThat(get(NeonApi.class).listProjects(ACCOUNT, ProjectQuery.ALL)).hasSize(1);

        assertThat(take().getTarget()).isEqualTo("/api/v2/projects?limit=400");
    }

    @Test
    void getProject() throws Exception {
        enqueue(200, "project.json");

        Project project = get(NeonApi.class).getProject(ACCOUNT, PROJECT);

        assertThat(project.id()).isEqualTo(PROJECT);
        assertThat(project.regionId()).isEqualTo("aws-us-east-2");
        assertThat(project.historyRetentionSeconds()).contains(86400);
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT);
    }

    @Test
    void createProjectSendsNameRegionVersionAndOrganization() throws Exception {
        server.enqueue(json(201, Fixtures.read("project-created.json")));

        ProjectCreated created = get(NeonApi.class).createProject(ACCOUNT, new ProjectCreation(Optional.of("myproject"),
                Optional.of("aws-us-east-2"), Optional.of(17), Optional.of("org-morning-bread-81040908")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        // Moshi writes fields in name order
        assertThat(body(request)).isEqualTo("{\"project\":{\"name\":\"myproject\",\"org_id\":\"org-morning-bread-81040908\","
                + "\"pg_version\":17,\"region_id\":\"aws-us-east-2\"}}");
        assertThat(created.project().name()).isEqualTo("myproject");
        assertThat(created.connectionUris()).singleElement()
                .satisfies(uri -> assertThat(uri.uri()).startsWith("postgresql://neondb_owner:"));
        assertThat(created.roles()).singleElement().satisfies(role -> {
            assertThat(role.name()).isEqualTo("neondb_owner");
            assertThat(role.password()).isPresent();
        });
        assertThat(created.databases()).singleElement()
                .satisfies(db -> assertThat(db.ownerName()).isEqualTo("neondb_owner"));
        assertThat(created.branch().isDefault()).isTrue();
        assertThat(created.branch().parentId()).isEmpty();
        assertThat(created.endpoints()).singleElement()
                .satisfies(e -> assertThat(e.host()).isEqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech"));
        assertThat(created.operations()).extracting(Operation::status)
                .containsExactly(OperationStatus.RUNNING, OperationStatus.SCHEDULING);
    }

    @Test
    void createProjectWithDefaultsSendsAnEmptyProjectObject() throws Exception {
        server.enqueue(json(201, Fixtures.read("project-created.json")));

        get(NeonApi.class).createProject(ACCOUNT,
                new ProjectCreation(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(body(take())).isEqualTo("{\"project\":{}}");
    }

    @Test
    void updateProjectPatchesNameAndSettings() throws Exception {
        enqueue(200, "project-updated.json");

        ProjectChange change = get(NeonApi.class).updateProject(ACCOUNT, PROJECT,
                new ProjectUpdate(Optional.of("renamed-project"), Optional.of(604800), Optional.of(true)));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT);
        assertThat(body(request)).isEqualTo("{\"project\":{\"history_retention_seconds\":604800,\"name\":\"renamed-project\","
                + "\"settings\":{\"enable_logical_replication\":true}}}");
        assertThat(change.project().name()).isEqualTo("renamed-project");
        assertThat(change.operations()).extracting(Operation::action).containsExactly("apply_config");
    }

    @Test
    void deleteProject() throws Exception {
        enqueue(200, "project-deleted.json");

        ProjectChange change = get(NeonApi.class).deleteProject(ACCOUNT, PROJECT);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT);
        assertThat(change.project().id()).isEqualTo(PROJECT);
        assertThat(change.operations()).isEmpty();
    }

    @Test
    void recoverProject() throws Exception {
        enqueue(200, "project-recovered.json");

        ProjectChange change = get(NeonApi.class).recoverProject(ACCOUNT, PROJECT);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/recover");
        assertThat(request.getBodySize()).isZero();
        assertThat(change.project().updatedAt()).isEqualTo(Instant.parse("2025-11-26T10:00:00Z"));
    }

    @Test
    void listBranchesFollowsNextAndKeepsTheParentIdsOfTheTree() throws Exception {
        enqueue(200, "branches-page-1.json");
        enqueue(200, "branches-page-2.json");

        List<Branch> branches = get(NeonApi.class).listBranches(ACCOUNT, PROJECT);

        assertThat(branches).extracting(Branch::id)
                .containsExactly("br-wispy-meadow-118737", "br-icy-dream-250089", "br-patient-sun-777777");
        assertThat(branches.get(0).parentId()).isEmpty();
        assertThat(branches.get(0).isDefault()).isTrue();
        assertThat(branches.get(1).parentId()).contains("br-wispy-meadow-118737");
        assertThat(branches.get(2).parentId()).as("a schema-only branch is a new root").isEmpty();
        assertThat(branches.get(0).logicalSizeBytes()).contains(30785536L);
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/branches");
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/branches?cursor=br-icy-dream-250089");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void createBranchFromAParent() throws Exception {
        server.enqueue(json(201, Fixtures.read("branch-created.json")));

        BranchChange change = get(NeonApi.class).createBranch(ACCOUNT, PROJECT,
                new BranchCreation(Optional.of("feature-login"), Optional.of("br-wispy-meadow-118737")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/branches");
        assertThat(body(request)).isEqualTo("{\"branch\":{\"name\":\"feature-login\",\"parent_id\":\"br-wispy-meadow-118737\"}}");
        assertThat(change.branch().parentId()).contains("br-wispy-meadow-118737");
        assertThat(change.branch().currentState()).isEqualTo("init");
        assertThat(change.operations()).extracting(Operation::action).containsExactly("create_branch");
    }

    @Test
    void createBranchFromTheDefaultBranch() throws Exception {
        server.enqueue(json(201, Fixtures.read("branch-created.json")));

        get(NeonApi.class).createBranch(ACCOUNT, PROJECT, new BranchCreation(Optional.empty(), Optional.empty()));

        assertThat(body(take())).isEqualTo("{\"branch\":{}}");
    }

    @Test
    void deleteBranch() throws Exception {
        enqueue(200, "branch-deleted.json");

        BranchChange change = get(NeonApi.class).deleteBranch(ACCOUNT, PROJECT, "br-icy-dream-250089");

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/branches/br-icy-dream-250089");
        assertThat(change.branch().id()).isEqualTo("br-icy-dream-250089");
        assertThat(change.operations()).extracting(Operation::action).containsExactly("delete_timeline");
    }

    @Test
    void getOperation() throws Exception {
        enqueue(200, "operation-running.json");

        Operation operation = get(NeonApi.class).getOperation(ACCOUNT, PROJECT, OP1);

        assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(operation.action()).isEqualTo("create_timeline");
        assertThat(operation.branchId()).contains("br-wispy-meadow-118737");
        assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/operations/" + OP1);
    }

    @Test
    void idsThatTheDescriptionForbidsAreRejectedBeforeSending() {
        NeonApi api = get(NeonApi.class);

        assertThatThrownBy(() -> api.getProject(ACCOUNT, "../users/me")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.deleteBranch(ACCOUNT, PROJECT, "BR_UPPER")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.getOperation(ACCOUNT, PROJECT, "not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
