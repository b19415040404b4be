package dev.neonoauth.neon.api;

import dev.neonoauth.core.domain.AccountKey;
import java.time.Duration;
import java.util.List;

/**
 * Out-port: Neon API v2 on behalf of an account. Each method names the scope it needs; without it the call fails
 * with {@link MissingScopeException} before anything is sent.
 *
 * <p>Failures: {@link ReauthorizationRequiredException} (no usable grant), {@link MissingScopeException},
 * {@link OrganizationRequiredException}, {@link OutcomeUnknownException} (non-idempotent request, no answer),
 * {@link NeonApiException} (any other error status, or transport failure after bounded retries).
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

    /** {@code DELETE /projects/{id}/branches/{branch_id}}; needs {@code projects:delete}. */
    BranchChange deleteBranch(AccountKey account, String projectId, String branchId);

    /** {@code GET /projects/{id}/operations/{operation_id}}; needs {@code projects:read}. */
    Operation getOperation(AccountKey account, String projectId, String operationId);

    /**
     * Polls until every operation is terminal, and returns their final states.
     *
     * @throws OperationTimeoutException when {@code timeout} passes first
     */
    List<Operation> awaitOperations(AccountKey account, String projectId, List<Operation> operations, Duration timeout);
}
