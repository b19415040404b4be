package dev.neonoauth.adapter.neon;

import com.squareup.moshi.Json;
import java.time.Instant;
import java.util.List;

/**
 * Moshi shapes of Neon API v2 (neon-api-v2.yaml): only the fields this adapter reads or sends, as plain classes with
 * fields (Moshi cannot reach package-private records). Unknown fields are skipped; absent ones stay null and
 * {@link NeonMapper} decides which are required. Request fields left null are not serialised.
 */
final class NeonJson {
    private NeonJson() {}

    /** GeneralError: {@code {code, message, request_id}}. */
    static final class Error {
        @Json(name = "code") Object code;
        @Json(name = "message") Object message;
        @Json(name = "request_id") Object requestId;
    }

    static final class CurrentUser {
        String id;
        String email;
        String name;
        @Json(name = "last_name") String lastName;
        String login;
    }

    static final class Organization {
        String id;
        String name;
        String handle;
    }

    static final class Organizations {
        List<Organization> organizations;
    }

    static final class Project {
        String id;
        String name;
        @Json(name = "region_id") String regionId;
        @Json(name = "pg_version") Integer pgVersion;
        @Json(name = "created_at") Instant createdAt;
        @Json(name = "updated_at") Instant updatedAt;
        @Json(name = "org_id") String orgId;
        @Json(name = "history_retention_seconds") Integer historyRetentionSeconds;
    }

    static final class Pagination {
        String cursor;
        String next;
    }

    static final class ProjectList {
        List<Project> projects;
        @Json(name = "unavailable_project_ids") List<String> unavailableProjectIds;
        Pagination pagination;
    }

    static final class Operation {
        String id;
        @Json(name = "project_id") String projectId;
        @Json(name = "branch_id") String branchId;
        String action;
        String status;
        String error;
        @Json(name = "created_at") Instant createdAt;
        @Json(name = "updated_at") Instant updatedAt;
    }

    static final class Branch {
        String id;
        @Json(name = "project_id") String projectId;
        @Json(name = "parent_id") String parentId;
        String name;
        @Json(name = "default") Boolean isDefault;
        @Json(name = "protected") Boolean isProtected;
        @Json(name = "current_state") String currentState;
        @Json(name = "created_at") Instant createdAt;
        @Json(name = "logical_size") Long logicalSize;
    }

    static final class Endpoint {
        String id;
        @Json(name = "branch_id") String branchId;
        String host;
        String type;
        @Json(name = "current_state") String currentState;
    }

    static final class Role {
        @Json(name = "branch_id") String branchId;
        String name;
        String password;

        @Override
        public String toString() {
            return "Role[" + name + ", password redacted]";
        }
    }

    static final class Database {
        Long id;
        @Json(name = "branch_id") String branchId;
        String name;
        @Json(name = "owner_name") String ownerName;
    }

    static final class ConnectionDetails {
        @Json(name = "connection_uri") String connectionUri;

        @Override
        public String toString() {
            return "ConnectionDetails[redacted]";
        }
    }

    /** Answers that carry a project: GET, PATCH, DELETE and recover ({@code operations}, {@code branches} optional). */
    static final class ProjectEnvelope {
        Project project;
        List<Operation> operations;
        List<Branch> branches;
    }

    /** 201 to {@code POST /projects}. */
    static final class ProjectCreatedEnvelope {
        Project project;
        @Json(name = "connection_uris") List<ConnectionDetails> connectionUris;
        List<Role> roles;
        List<Database> databases;
        List<Operation> operations;
        Branch branch;
        List<Endpoint> endpoints;
    }

    static final class BranchList {
        List<Branch> branches;
        Pagination pagination;
    }

    /**
     * Answers that carry a branch: create (201), delete, update, set as default and restore (200); only create has
     * {@code endpoints}.
     */
    static final class BranchEnvelope {
        Branch branch;
        List<Endpoint> endpoints;
        List<Operation> operations;
    }

    static final class EndpointList {
        List<Endpoint> endpoints;
    }

    /** 201 to {@code POST /projects/{id}/endpoints}. */
    static final class EndpointEnvelope {
        Endpoint endpoint;
        List<Operation> operations;
    }

    /** ConnectionURIResponse: {@code {uri}}, which embeds a password. */
    static final class ConnectionUriBody {
        String uri;

        @Override
        public String toString() {
            return "ConnectionUriBody[redacted]";
        }
    }

    static final class DatabaseList {
        List<Database> databases;
    }

    /** DatabaseOperations: create (201) and delete (200). */
    static final class DatabaseEnvelope {
        Database database;
        List<Operation> operations;
    }

    static final class RoleList {
        List<Role> roles;
    }

    /** RoleOperations: create (201) and password reset (200), whose role carries the new password. */
    static final class RoleEnvelope {
        Role role;
        List<Operation> operations;
    }

    /** RolePasswordResponse. */
    static final class RolePasswordBody {
        String password;

        @Override
        public String toString() {
            return "RolePasswordBody[redacted]";
        }
    }

    static final class OperationEnvelope {
        Operation operation;
    }

    // ---- requests ----

    static final class ProjectCreateRequest {
        ProjectCreateFields project = new ProjectCreateFields();
    }

    static final class ProjectCreateFields {
        String name;
        @Json(name = "region_id") String regionId;
        @Json(name = "pg_version") Integer pgVersion;
        @Json(name = "org_id") String orgId;
    }

    static final class ProjectUpdateRequest {
        ProjectUpdateFields project = new ProjectUpdateFields();
    }

    static final class ProjectUpdateFields {
        String name;
        @Json(name = "history_retention_seconds") Integer historyRetentionSeconds;
        ProjectSettings settings;
    }

    static final class ProjectSettings {
        @Json(name = "enable_logical_replication") Boolean enableLogicalReplication;
    }

    static final class BranchCreateRequest {
        BranchCreateFields branch = new BranchCreateFields();
    }

    static final class BranchCreateFields {
        String name;
        @Json(name = "parent_id") String parentId;
    }

    static final class BranchUpdateRequest {
        BranchUpdateFields branch = new BranchUpdateFields();
    }

    static final class BranchUpdateFields {
        String name;
    }

    static final class BranchRestoreRequest {
        @Json(name = "source_branch_id") String sourceBranchId;
        @Json(name = "source_lsn") String sourceLsn;
        @Json(name = "source_timestamp") Instant sourceTimestamp;
        @Json(name = "preserve_under_name") String preserveUnderName;
    }

    static final class EndpointCreateRequest {
        EndpointCreateFields endpoint = new EndpointCreateFields();
    }

    static final class EndpointCreateFields {
        @Json(name = "branch_id") String branchId;
        String type;
    }

    static final class DatabaseCreateRequest {
        DatabaseCreateFields database = new DatabaseCreateFields();
    }

    static final class DatabaseCreateFields {
        String name;
        @Json(name = "owner_name") String ownerName;
    }

    static final class RoleCreateRequest {
        RoleCreateFields role = new RoleCreateFields();
    }

    static final class RoleCreateFields {
        String name;
        /** Sent only when true. */
        @Json(name = "no_login") Boolean noLogin;
    }
}
