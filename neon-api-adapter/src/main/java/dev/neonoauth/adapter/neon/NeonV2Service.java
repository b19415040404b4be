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
 * Neon API v2 over Retrofit: the operations of neon-api-v2.yaml this adapter sends with a body, a name in the path or
 * a secret in the answer. The plain reads (user, organizations, projects, branches, endpoints, databases, roles,
 * operations) are {@link ApiGet}s instead, without Retrofit's per-call request building. Each call carries its
 * {@link CallContext} as the request tag; {@link ApiHeadersInterceptor} reads the token from it. Null query parameters
 * are left out.
 */
interface NeonV2Service {

    @POST("projects")
    Call<NeonJson.ProjectCreatedEnvelope> createProject(@Tag CallContext context, @Body NeonJson.ProjectCreateRequest body);

    @PATCH("projects/{project_id}")
    Call<NeonJson.ProjectEnvelope> updateProject(@Tag CallContext context, @Path("project_id") String projectId,
            @Body NeonJson.ProjectUpdateRequest body);

    @DELETE("projects/{project_id}")
    Call<NeonJson.ProjectEnvelope> deleteProject(@Tag CallContext context, @Path("project_id") String projectId);

    @POST("projects/{project_id}/recover")
    Call<NeonJson.ProjectEnvelope> recoverProject(@Tag CallContext context, @Path("project_id") String projectId);

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

    @POST("projects/{project_id}/endpoints")
    Call<NeonJson.EndpointEnvelope> createEndpoint(@Tag CallContext context, @Path("project_id") String projectId,
            @Body NeonJson.EndpointCreateRequest body);

    @GET("projects/{project_id}/connection_uri")
    Call<NeonJson.ConnectionUriBody> getConnectionUri(@Tag CallContext context, @Path("project_id") String projectId,
            @Query("branch_id") String branchId, @Query("endpoint_id") String endpointId,
            @Query("database_name") String databaseName, @Query("role_name") String roleName,
            @Query("pooled") Boolean pooled);

    @POST("projects/{project_id}/branches/{branch_id}/databases")
    Call<NeonJson.DatabaseEnvelope> createDatabase(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.DatabaseCreateRequest body);

    @DELETE("projects/{project_id}/branches/{branch_id}/databases/{database_name}")
    Call<NeonJson.DatabaseEnvelope> deleteDatabase(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("database_name") String databaseName);

    @POST("projects/{project_id}/branches/{branch_id}/roles")
    Call<NeonJson.RoleEnvelope> createRole(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Body NeonJson.RoleCreateRequest body);

    @GET("projects/{project_id}/branches/{branch_id}/roles/{role_name}/reveal_password")
    Call<NeonJson.RolePasswordBody> revealRolePassword(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("role_name") String roleName);

    @POST("projects/{project_id}/branches/{branch_id}/roles/{role_name}/reset_password")
    Call<NeonJson.RoleEnvelope> resetRolePassword(@Tag CallContext context, @Path("project_id") String projectId,
            @Path("branch_id") String branchId, @Path("role_name") String roleName);
}
