package dev.neonoauth.neon.api;

import dev.neonoauth.core.domain.AccountKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Out-port: Neon API v2 on behalf of an account. Each method names the scope it needs; without it the call fails
 * with {@link MissingScopeException} before anything is sent.
 *
 * <p>Failures: {@link ReauthorizationRequiredException} (no usable grant), {@link MissingScopeException},
 * {@link OrganizationRequiredException}, {@link OutcomeUnknownException} (non-idempotent request, no answer),
 * {@link AlreadyDeletedException} (a delete answered 204 where a deleted resource must be returned),
 * {@link NeonApiException} (any other error status, or transport failure after bounded retries).
 *
 * <p>Secrets: role passwords ({@link Role}, {@link RolePassword}) and connection URIs ({@link ConnectionUri}) are
 * returned as records whose {@code toString} redacts them.
 */
public interface NeonApi {

    /** {@code GET /users/me}; needs any grant. */
    NeonUser currentUser(AccountKey account);

    /** {@code GET /users/me/organizations}; needs any grant. */
    List<Organization> organizations(AccountKey account);

    /** {@code GET /projects}, following every page; needs {@code projects:read}. */
    List<Project> listProjects(AccountKey account, ProjectQuery query);

    /** {@code GET /projects/{id}}; needs {@code projects:read}. */
    Project getProject(AccountKey account, String projectId);

    /** {@code POST /projects}; needs {@code projects:create}. Never retried after it may have been sent. */
    ProjectCreated createProject(AccountKey account, ProjectCreation creation);

    /** {@code PATCH /projects/{id}}; needs {@code projects:update}. */
    ProjectChange updateProject(AccountKey account, String projectId, ProjectUpdate update);

    /** {@code DELETE /projects/{id}}; needs {@code projects:delete}. */
    ProjectChange deleteProject(AccountKey account, String projectId);

    /** {@code POST /projects/{id}/recover}; needs {@code projects:update}. */
    ProjectChange recoverProject(AccountKey account, String projectId);

    /** {@code GET /projects/{id}/branches}, following every page; needs {@code projects:read}. */
    List<Branch> listBranches(AccountKey account, String projectId);

    /** {@code POST /projects/{id}/branches}; needs {@code projects:update}. */
    BranchChange createBranch(AccountKey account, String projectId, BranchCreation creation);

    /**
     * {@code DELETE /projects/{id}/branches/{branch_id}}; needs {@code projects:delete}.
     *
     * @throws AlreadyDeletedException when Neon answers 204 (the branch does not exist or was already deleted); use
     *     {@link #deleteBranchIfExists} when that counts as done
     */
    BranchChange deleteBranch(AccountKey account, String projectId, String branchId);

    /**
     * {@code DELETE /projects/{id}/branches/{branch_id}}; needs {@code projects:delete}. Empty when Neon answers 204:
     * the branch does not exist or was already deleted, so deleting twice is not an error.
     */
    Optional<BranchChange> deleteBranchIfExists(AccountKey account, String projectId, String branchId);

    /** {@code PATCH /projects/{id}/branches/{branch_id}} with a new name; needs {@code projects:update}. */
    BranchChange renameBranch(AccountKey account, String projectId, String branchId, String name);

    /**
     * {@code POST /projects/{id}/branches/{branch_id}/set_as_default}; needs {@code projects:update}. The previous
     * default branch stops being the default.
     */
    BranchChange setDefaultBranch(AccountKey account, String projectId, String branchId);

    /** {@code POST /projects/{id}/branches/{branch_id}/restore}; needs {@code projects:update}. */
    BranchChange restoreBranch(AccountKey account, String projectId, String branchId, BranchRestore restore);

    /** {@code GET /projects/{id}/endpoints}: the project's compute endpoints; needs {@code projects:read}. */
    List<Endpoint> listEndpoints(AccountKey account, String projectId);

    /** {@code GET /projects/{id}/branches/{branch_id}/endpoints}; needs {@code projects:read}. */
    List<Endpoint> listBranchEndpoints(AccountKey account, String projectId, String branchId);

    /** {@code POST /projects/{id}/endpoints}; needs {@code projects:update}. */
    EndpointChange createEndpoint(AccountKey account, String projectId, EndpointCreation creation);

    /**
     * {@code GET /projects/{id}/connection_uri}; needs {@code projects:read}. The URI embeds the role's password:
     * {@link ConnectionUri#toString()} never shows it, and neither should the caller's logs.
     */
    ConnectionUri getConnectionUri(AccountKey account, String projectId, ConnectionUriQuery query);

    /** {@code GET /projects/{id}/branches/{branch_id}/databases}; needs {@code projects:read}. */
    List<Database> listDatabases(AccountKey account, String projectId, String branchId);

    /** {@code POST /projects/{id}/branches/{branch_id}/databases}; needs {@code projects:update}. */
    DatabaseChange createDatabase(AccountKey account, String projectId, String branchId, DatabaseCreation creation);

    /**
     * {@code DELETE /projects/{id}/branches/{branch_id}/databases/{database_name}}; needs {@code projects:delete}.
     * Empty when Neon answers 204: the database does not exist or was already deleted.
     */
    Optional<DatabaseChange> deleteDatabase(AccountKey account, String projectId, String branchId, String databaseName);

    /** {@code GET /projects/{id}/branches/{branch_id}/roles}, without passwords; needs {@code projects:read}. */
    List<Role> listRoles(AccountKey account, String projectId, String branchId);

    /**
     * {@code POST /projects/{id}/branches/{branch_id}/roles}; needs {@code projects:update}. The answer's role carries
     * the generated password (unless {@code noLogin}).
     */
    RoleChange createRole(AccountKey account, String projectId, String branchId, RoleCreation creation);

    /**
     * {@code GET /projects/{id}/branches/{branch_id}/roles/{role_name}/reveal_password}; needs {@code projects:read}.
     * Neon answers 412 when the project does not store passwords.
     */
    RolePassword revealRolePassword(AccountKey account, String projectId, String branchId, String roleName);

    /**
     * {@code POST /projects/{id}/branches/{branch_id}/roles/{role_name}/reset_password}; needs {@code projects:update}.
     * The new password is in the answer's role, and works once the operations finish.
     */
    RoleChange resetRolePassword(AccountKey account, String projectId, String branchId, String roleName);

    /** {@code GET /projects/{id}/operations/{operation_id}}; needs {@code projects:read}. */
    Operation getOperation(AccountKey account, String projectId, String operationId);

    /**
     * Polls until every operation is terminal, and returns their final states.
     *
     * @throws OperationTimeoutException when {@code timeout} passes first
     */
    List<Operation> awaitOperations(AccountKey account, String projectId, List<Operation> operations, Duration timeout);
}
