package dev.neonoauth.adapter.neon;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Tag;

/**
 * Neon API v2, the operations of neon-api-v2.yaml this adapter uses. Each call carries its {@link CallContext} as the
 * request tag; the bearer interceptor reads the token from it. Null query parameters are left out.
 */
interface NeonV2Service {

    @GET("users/me")
    Call<NeonJson.CurrentUser> currentUser(@Tag CallContext context);

    @GET("users/me/organizations")
    Call<NeonJson.Organizations> organizations(@Tag CallContext context);

    @GET("projects")
    Call<NeonJson.ProjectList> listProjects(@Tag CallContext context, @Query("limit") Integer limit,
            @Query("cursor") String cursor, @Query("search") String search, @Query("org_id") String orgId);

    @GET("projects/{project_id}")
    Call<NeonJson.ProjectEnvelope> getProject(@Tag CallContext context, @Path("project_id") String projectId);

    @POST("projects")
    Call<NeonJson.ProjectCreatedEnvelope> createProject(@Tag CallContext context, @Body NeonJson.ProjectCreateRequest body);

    @PATCH("projects/{project_id}")
    Call<NeonJson.ProjectEnvelope> updateProject(@Tag CallContext context, @Path("project_id") String projectId,
            @Body NeonJson.ProjectUpdateRequest body);

    @DELETE("projects/{project_id}")
    Call<NeonJson.ProjectEnvelope> deleteProject(@Tag CallContext context, @Path("project_id") String projectId);

    @POST("projects/{project_id}/recover")
    Call<NeonJson.ProjectEnvelope> recoverProject(@Tag CallContext context, @Path("project_id") String projectId);

    @GET("projects/{project_id}/branches")
    Call<NeonJson.BranchList> listBranches(@Tag CallContext context, @Path("project_id") String projectId,
            @Query("cursor") String cursor);

    @POST("projects/{project_id}/branches")
    Call<NeonJson.BranchEnvelope> createBranch(@Tag CallContext context, @Path("project_id") String projectId,
            @Body NeonJson.BranchCreateRequest body);

    @DELETE("projects/{project_id}/branches/{branch_id}")
    Call<NeonJson.BranchEnvelope> deleteBranch(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId);

    @PATCH("projects/{project_id}/branches/{branch_id}")
    Call<NeonJson.BranchEnvelope> updateBranch(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.BranchUpdateRequest body);

    @POST("projects/{project_id}/branches/{branch_id}/set_as_default")
    Call<NeonJson.BranchEnvelope> setDefaultBranch(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId);

    @POST("projects/{project_id}/branches/{branch_id}/restore")
    Call<NeonJson.BranchEnvelope> restoreBranch(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.BranchRestoreRequest body);

    @GET("projects/{project_id}/endpoints")
    Call<NeonJson.EndpointList> listEndpoints(@Tag CallContext context, @Path("project_id") String projectId);

    @GET("projects/{project_id}/branches/{branch_id}/endpoints")
    Call<NeonJson.EndpointList> listBranchEndpoints(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId);

    @POST("projects/{project_id}/endpoints")
    Call<NeonJson.EndpointEnvelope> createEndpoint(@Tag CallContext context, @Path("project_id") String projectId,
            @Body NeonJson.EndpointCreateRequest body);

    @GET("projects/{project_id}/connection_uri")
    Call<NeonJson.ConnectionUriBody> getConnectionUri(@Tag CallContext context, @Path("project_id") String projectId,
            @Query("branch_id") String branchId, @Query("endpoint_id") String endpointId,
            @Query("database_name") String databaseName, @Query("role_name") String roleName,
            @Query("pooled") Boolean pooled);

    @GET("projects/{project_id}/branches/{branch_id}/databases")
    Call<NeonJson.DatabaseList> listDatabases(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId);

    @POST("projects/{project_id}/branches/{branch_id}/databases")
    Call<NeonJson.DatabaseEnvelope> createDatabase(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.DatabaseCreateRequest body);

    @DELETE("projects/{project_id}/branches/{branch_id}/databases/{database_name}")
    Call<NeonJson.DatabaseEnvelope> deleteDatabase(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("database_name") String databaseName);

    @GET("projects/{project_id}/branches/{branch_id}/roles")
    Call<NeonJson.RoleList> listRoles(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId);

    @POST("projects/{project_id}/branches/{branch_id}/roles")
    Call<NeonJson.RoleEnvelope> createRole(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.RoleCreateRequest body);

    @GET("projects/{project_id}/branches/{branch_id}/roles/{role_name}/reveal_password")
    Call<NeonJson.RolePasswordBody> revealRolePassword(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("role_name") String roleName);

    @POST("projects/{project_id}/branches/{branch_id}/roles/{role_name}/reset_password")
    Call<NeonJson.RoleEnvelope> resetRolePassword(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("role_name") String roleName);

    @GET("projects/{project_id}/operations/{operation_id}")
    Call<NeonJson.OperationEnvelope> getOperation(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("operation_id") String operationId);
}
