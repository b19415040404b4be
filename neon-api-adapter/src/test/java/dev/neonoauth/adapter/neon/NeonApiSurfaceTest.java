package dev.neonoauth.adapter.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.neon.api.AlreadyDeletedException;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.ConnectionUri;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseChange;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import dev.neonoauth.neon.api.RolePassword;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The branch, endpoint, connection URI, database and role operations of {@link NeonApi}: the exact request sent, the
 * records parsed from the answer, the scope each needs, 204 "already deleted", and 423 retries.
 */
class NeonApiSurfaceTest extends MockNeonServer {
    static final String PROJECT = "shiny-wind-028834";
    static final String MAIN = "br-wispy-meadow-118737";
    static final String BRANCH = "br-icy-dream-250089";
    static final String B = "/api/v2/projects/" + PROJECT + "/branches/" + BRANCH;

    NeonApi api() {
        return get(NeonApi.class);
    }

    @Nested
    class Branches {
        @Test
        void renameBranchPatchesTheName() throws Exception {
            enqueue(200, "branch-renamed.json");

            BranchChange change = api().renameBranch(ACCOUNT, PROJECT, BRANCH, "renamed-branch");

            RecordedRequest request = take();
            assertThat(request.getMethod()).isEqualTo("PATCH");
            assertThat(request.getTarget()).isEqualTo(B);
            assertThat(body(request)).isEqualTo("{\"branch\":{\"name\":\"renamed-branch\"}}");
            assertThat(change.branch().name()).isEqualTo("renamed-branch");
            assertThat(change.endpoints()).isEmpty();
            assertThat(change.operations()).isEmpty();
        }

        @Test
        void aBranchNameIsOneTo256Characters() {
            assertThatThrownBy(() -> api().renameBranch(ACCOUNT, PROJECT, BRANCH, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> api().renameBranch(ACCOUNT, PROJECT, BRANCH, "x".repeat(257)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        void setDefaultBranchPostsWithoutABody() throws Exception {
            enqueue(200, "branch-set-as-default.json");

            BranchChange change = api().setDefaultBranch(ACCOUNT, PROJECT, BRANCH);

            RecordedRequest request = take();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getTarget()).isEqualTo(B + "/set_as_default");
            assertThat(request.getBodySize()).isZero();
            assertThat(change.branch().isDefault()).isTrue();
        }

        @Test
        void restoreBranchSendsTheSourceAndThePointInTime() throws Exception {
            enqueue(200, "branch-restored.json");
            enqueue(200, "branch-restored.json");

            BranchChange change = api().restoreBranch(ACCOUNT, PROJECT, BRANCH, BranchRestore.toHeadOf(MAIN));
            api().restoreBranch(ACCOUNT, PROJECT, BRANCH,
                    BranchRestore.toTimestamp(BRANCH, Instant.parse("2025-11-24T08:30:00Z")).preservingUnder("before-restore"));

            RecordedRequest toHead = take();
            assertThat(toHead.getTarget()).isEqualTo(B + "/restore");
            assertThat(body(toHead)).isEqualTo("{\"source_branch_id\":\"" + MAIN + "\"}");
            assertThat(body(take())).isEqualTo("{\"preserve_under_name\":\"before-restore\",\"source_branch_id\":\"" + BRANCH
                    + "\",\"source_timestamp\":\"2025-11-24T08:30:00Z\"}");
            assertThat(change.operations()).extracting(Operation::action).containsExactly("create_timeline");
        }

        @Test
        void restoringFromItsOwnHistoryNeedsAPointAndANameForTheOldState() {
            assertThatThrownBy(() -> api().restoreBranch(ACCOUNT, PROJECT, BRANCH, BranchRestore.toHeadOf(BRANCH)
                    .preservingUnder("old"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LSN or a timestamp");
            assertThatThrownBy(() -> api().restoreBranch(ACCOUNT, PROJECT, BRANCH,
                    BranchRestore.toTimestamp(BRANCH, Instant.parse("2025-11-24T08:30:00Z"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preserveUnderName");
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        void deletingABranchThatIsAlreadyGoneIsEmptyNotAnError() throws Exception {
            server.enqueue(new MockResponse.Builder().code(204).build());
            enqueue(200, "branch-deleted.json");

            assertThat(api().deleteBranchIfExists(ACCOUNT, PROJECT, BRANCH)).isEmpty();
            assertThat(api().deleteBranchIfExists(ACCOUNT, PROJECT, BRANCH)).get()
                    .satisfies(change -> assertThat(change.branch().id()).isEqualTo(BRANCH));

            assertThat(take().getMethod()).isEqualTo("DELETE");
            take();
        }

        @Test
        void deleteBranchReportsA204AsAlreadyDeleted() throws Exception {
            server.enqueue(new MockResponse.Builder().code(204).build());

            AlreadyDeletedException e = catchThrowableOfType(AlreadyDeletedException.class,
                    () -> api().deleteBranch(ACCOUNT, PROJECT, BRANCH));

            assertThat(e.httpStatus()).isEqualTo(204);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("does not exist or was already deleted");
            take();
        }
    }

    @Nested
    class Endpoints {
        @Test
        void listEndpointsOfTheProjectAndOfABranch() throws Exception {
            enqueue(200, "endpoints.json");
            enqueue(200, "endpoints.json");

            List<Endpoint> all = api().listEndpoints(ACCOUNT, PROJECT);
            api().listBranchEndpoints(ACCOUNT, PROJECT, BRANCH);

            assertThat(all).extracting(Endpoint::id).containsExactly("ep-cool-darkness-123456", "ep-steep-bush-777093");
            assertThat(all.get(1).type()).isEqualTo("read_only");
            assertThat(all.get(0).host()).isEqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
            assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/endpoints");
            assertThat(take().getTarget()).isEqualTo(B + "/endpoints");
        }

        @Test
        void createEndpointSendsTheBranchAndType() throws Exception {
            enqueue(201, "endpoint-created.json");

            EndpointChange change = api().createEndpoint(ACCOUNT, PROJECT, EndpointCreation.readWrite(BRANCH));

            RecordedRequest request = take();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/endpoints");
            assertThat(body(request)).isEqualTo("{\"endpoint\":{\"branch_id\":\"" + BRANCH + "\",\"type\":\"read_write\"}}");
            assertThat(change.endpoint().currentState()).isEqualTo("init");
            assertThat(change.operations()).extracting(Operation::action).containsExactly("start_compute");
        }
    }

    @Nested
    class ConnectionUris {
        @Test
        void theDefaultQueryNamesOnlyTheDatabaseAndRole() throws Exception {
            enqueue(200, "connection-uri.json");

            ConnectionUri uri = api().getConnectionUri(ACCOUNT, PROJECT, ConnectionUriQuery.of("neondb", "neondb_owner"));

            assertThat(take().getTarget())
                    .isEqualTo("/api/v2/projects/" + PROJECT + "/connection_uri?database_name=neondb&role_name=neondb_owner");
            assertThat(uri.uri()).startsWith("postgresql://neondb_owner:").contains("-pooler.").endsWith("?sslmode=require");
            assertThat(uri.toString()).doesNotContain("npg_").doesNotContain("postgresql://");
        }

        @Test
        void branchEndpointAndPoolingAreSentWhenAskedFor() throws Exception {
            enqueue(200, "connection-uri.json");

            api().getConnectionUri(ACCOUNT, PROJECT, ConnectionUriQuery.of("app db", "app_owner").onBranch(BRANCH)
                    .onEndpoint("ep-steep-bush-777093").withPooling(true));

            assertThat(take().getTarget()).isEqualTo("/api/v2/projects/" + PROJECT + "/connection_uri?branch_id=" + BRANCH
                    + "&endpoint_id=ep-steep-bush-777093&database_name=app%20db&role_name=app_owner&pooled=true");
        }

        @Test
        void anAnswerWithoutTheUriIsUnreadable() throws Exception {
            server.enqueue(json(200, "{}"));

            NeonApiException e = catchThrowableOfType(NeonApiException.class,
                    () -> api().getConnectionUri(ACCOUNT, PROJECT, ConnectionUriQuery.of("neondb", "neondb_owner")));

            assertThat(e.getMessage()).contains("could not be read").contains("uri");
            take();
        }
    }

    @Nested
    class Databases {
        @Test
        void listAndCreate() throws Exception {
            enqueue(200, "databases.json");
            enqueue(201, "database-created.json");

            List<Database> databases = api().listDatabases(ACCOUNT, PROJECT, BRANCH);
            DatabaseChange created = api().createDatabase(ACCOUNT, PROJECT, BRANCH, new DatabaseCreation("app", "app_owner"));

            assertThat(databases).extracting(Database::name).containsExactly("neondb", "app");
            assertThat(take().getTarget()).isEqualTo(B + "/databases");
            RecordedRequest create = take();
            assertThat(create.getMethod()).isEqualTo("POST");
            assertThat(body(create)).isEqualTo("{\"database\":{\"name\":\"app\",\"owner_name\":\"app_owner\"}}");
            assertThat(created.database().ownerName()).isEqualTo("app_owner");
            assertThat(created.operations()).extracting(Operation::action).containsExactly("apply_config");
        }

        @Test
        void deleteEncodesTheNameAndTreats204AsAlreadyDeleted() throws Exception {
            enqueue(200, "database-deleted.json");
            server.enqueue(new MockResponse.Builder().code(204).build());

            Optional<DatabaseChange> deleted = api().deleteDatabase(ACCOUNT, PROJECT, BRANCH, "my db/ü");
            Optional<DatabaseChange> again = api().deleteDatabase(ACCOUNT, PROJECT, BRANCH, "my db/ü");

            assertThat(deleted).get().satisfies(d -> assertThat(d.database().name()).isEqualTo("app"));
            assertThat(again).isEmpty();
            RecordedRequest request = take();
            assertThat(request.getMethod()).isEqualTo("DELETE");
            assertThat(request.getTarget()).isEqualTo(B + "/databases/my%20db%2F%C3%BC");
            take();
        }

        @Test
        void namesOutsideWhatPostgresAcceptsAreRejectedBeforeSending() {
            assertThatThrownBy(() -> api().deleteDatabase(ACCOUNT, PROJECT, BRANCH, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> api().deleteDatabase(ACCOUNT, PROJECT, BRANCH, "x".repeat(64)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> api().revealRolePassword(ACCOUNT, PROJECT, BRANCH, "a\u0000b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> api().listDatabases(ACCOUNT, PROJECT, "../../users/me"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Nested
    class Roles {
        @Test
        void listHasNoPasswords() throws Exception {
            enqueue(200, "roles.json");

            List<Role> roles = api().listRoles(ACCOUNT, PROJECT, BRANCH);

            assertThat(roles).extracting(Role::name).containsExactly("neondb_owner", "app_owner");
            assertThat(roles).allSatisfy(r -> assertThat(r.password()).isEmpty());
            assertThat(take().getTarget()).isEqualTo(B + "/roles");
        }

        @Test
        void createReturnsTheGeneratedPasswordRedactedInToString() throws Exception {
            enqueue(201, "role-created.json");
            enqueue(201, "role-created.json");

            RoleChange created = api().createRole(ACCOUNT, PROJECT, BRANCH, RoleCreation.named("app_owner"));
            api().createRole(ACCOUNT, PROJECT, BRANCH, new RoleCreation("reporting", true));

            assertThat(body(take())).isEqualTo("{\"role\":{\"name\":\"app_owner\"}}");
            assertThat(body(take())).isEqualTo("{\"role\":{\"name\":\"reporting\",\"no_login\":true}}");
            assertThat(created.role().password()).contains("npg_N3wR0leSecret");
            assertThat(created.toString()).doesNotContain("npg_N3wR0leSecret");
        }

        @Test
        void revealAndResetPassword() throws Exception {
            enqueue(200, "role-password.json");
            enqueue(200, "role-password-reset.json");

            RolePassword password = api().revealRolePassword(ACCOUNT, PROJECT, BRANCH, "neondb_owner");
            RoleChange reset = api().resetRolePassword(ACCOUNT, PROJECT, BRANCH, "neondb_owner");

            assertThat(password.value()).isEqualTo("npg_S3cr3tPassw0rd");
            assertThat(password.toString()).doesNotContain("npg_");
            RecordedRequest reveal = take();
            assertThat(reveal.getMethod()).isEqualTo("GET");
            assertThat(reveal.getTarget()).isEqualTo(B + "/roles/neondb_owner/reveal_password");
            RecordedRequest resetRequest = take();
            assertThat(resetRequest.getMethod()).isEqualTo("POST");
            assertThat(resetRequest.getTarget()).isEqualTo(B + "/roles/neondb_owner/reset_password");
            assertThat(resetRequest.getBodySize()).isZero();
            assertThat(reset.role().password()).contains("npg_R3setPassw0rd");
            assertThat(reset.operations()).extracting(Operation::action).containsExactly("apply_config", "suspend_compute");
        }

        @Test
        void aProjectThatDoesNotStorePasswordsAnswers412() throws Exception {
            enqueue(412, "error-password-not-stored.json");

            NeonApiException e = catchThrowableOfType(NeonApiException.class,
                    () -> api().revealRolePassword(ACCOUNT, PROJECT, BRANCH, "neondb_owner"));

            assertThat(e.httpStatus()).isEqualTo(412);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("storing passwords is disabled");
            take();
        }
    }

    @Nested
    class Scopes {
        @Test
        void readsNeedProjectsReadAndFailBeforeSendingWithoutIt() {
            tokens.connect(ACCOUNT, TOKEN, ScopeSet.of(Scope.OPENID, NeonScopes.PROJECTS_UPDATE, NeonScopes.PROJECTS_DELETE));
            NeonApi api = api();

            for (Consumer<NeonApi> read : List.<Consumer<NeonApi>>of(
                    a -> a.listEndpoints(ACCOUNT, PROJECT),
                    a -> a.listBranchEndpoints(ACCOUNT, PROJECT, BRANCH),
                    a -> a.getConnectionUri(ACCOUNT, PROJECT, ConnectionUriQuery.of("neondb", "neondb_owner")),
                    a -> a.listDatabases(ACCOUNT, PROJECT, BRANCH),
                    a -> a.listRoles(ACCOUNT, PROJECT, BRANCH),
                    a -> a.revealRolePassword(ACCOUNT, PROJECT, BRANCH, "neondb_owner"))) {
                assertThat(catchThrowableOfType(MissingScopeException.class, () -> read.accept(api)).missingScope())
                        .isEqualTo(NeonScopes.PROJECTS_READ);
            }
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        void changesNeedProjectsUpdateAndDeletesProjectsDelete() {
            tokens.connect(ACCOUNT, TOKEN, ScopeSet.of(Scope.OPENID, NeonScopes.PROJECTS_READ));
            NeonApi api = api();

            for (Consumer<NeonApi> change : List.<Consumer<NeonApi>>of(
                    a -> a.renameBranch(ACCOUNT, PROJECT, BRANCH, "x"),
                    a -> a.setDefaultBranch(ACCOUNT, PROJECT, BRANCH),
                    a -> a.restoreBranch(ACCOUNT, PROJECT, BRANCH, BranchRestore.toHeadOf(MAIN)),
                    a -> a.createEndpoint(ACCOUNT, PROJECT, EndpointCreation.readWrite(BRANCH)),
                    a -> a.createDatabase(ACCOUNT, PROJECT, BRANCH, new DatabaseCreation("app", "app_owner")),
                    a -> a.createRole(ACCOUNT, PROJECT, BRANCH, RoleCreation.named("app_owner")),
                    a -> a.resetRolePassword(ACCOUNT, PROJECT, BRANCH, "neondb_owner"))) {
                assertThat(catchThrowableOfType(MissingScopeException.class, () -> change.accept(api)).missingScope())
                        .isEqualTo(NeonScopes.PROJECTS_UPDATE);
            }
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.deleteDatabase(ACCOUNT, PROJECT, BRANCH, "app")).missingScope()).isEqualTo(NeonScopes.PROJECTS_DELETE);
            assertThat(catchThrowableOfType(MissingScopeException.class,
                    () -> api.deleteBranchIfExists(ACCOUNT, PROJECT, BRANCH)).missingScope()).isEqualTo(NeonScopes.PROJECTS_DELETE);
            assertThat(server.getRequestCount()).isZero();
        }
    }

    /** 423 "conflicting operations" means Neon did nothing: every method retries it, deletes and reads included. */
    @Nested
    class Locked {
        @Test
        void aDeleteOfADatabaseIsRetriedAfter423() throws Exception {
            enqueue(423, "error-locked.json");
            enqueue(200, "database-deleted.json");

            assertThat(api().deleteDatabase(ACCOUNT, PROJECT, BRANCH, "app")).isPresent();

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
            assertThat(take().getMethod()).isEqualTo("DELETE");
            assertThat(take().getMethod()).isEqualTo("DELETE");
        }

        @Test
        void aDeleteOfABranchIsRetriedAfter423() throws Exception {
            enqueue(423, "error-locked.json");
            enqueue(423, "error-locked.json");
            enqueue(200, "branch-deleted.json");

            assertThat(api().deleteBranch(ACCOUNT, PROJECT, BRANCH).branch().id()).isEqualTo(BRANCH);

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
            assertThat(server.getRequestCount()).isEqualTo(3);
        }

        @Test
        void aReadIsRetriedAfter423() throws Exception {
            enqueue(423, "error-locked.json");
            enqueue(200, "roles.json");

            assertThat(api().listRoles(ACCOUNT, PROJECT, BRANCH)).hasSize(2);

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }
}
