package dev.neonoauth.adapter.neon;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.ConnectionUri;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseChange;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationStatus;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RolePassword;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Neon's JSON to the core's records; a missing required field is a {@link MalformedResponseException}. */
final class NeonMapper {
    private NeonMapper() {}

    static NeonUser user(NeonJson.CurrentUser u) {
        require(u, "user");
        return new NeonUser(require(u.id, "user.id"), require(u.email, "user.email"), text(fullName(u)), text(u.login));
    }

    private static String fullName(NeonJson.CurrentUser u) {
        if (u.name == null || u.name.isBlank()) {
            return null;
        }
        return u.lastName == null || u.lastName.isBlank() ? u.name : u.name + " " + u.lastName;
    }

    static List<Organization> organizations(NeonJson.Organizations body) {
        require(body, "body");
        return list(body.organizations, o -> new Organization(require(o.id, "organization.id"),
                require(o.name, "organization.name"), require(o.handle, "organization.handle")));
    }

    static Project project(NeonJson.Project p) {
        require(p, "project");
        return new Project(require(p.id, "project.id"), require(p.name, "project.name"),
                require(p.regionId, "project.region_id"), require(p.pgVersion, "project.pg_version"),
                require(p.createdAt, "project.created_at"), require(p.updatedAt, "project.updated_at"),
                text(p.orgId), Optional.ofNullable(p.historyRetentionSeconds));
    }

    static ProjectChange projectChange(NeonJson.ProjectEnvelope body) {
        require(body, "body");
        return new ProjectChange(project(body.project), list(body.operations, NeonMapper::operation));
    }

    static ProjectCreated projectCreated(NeonJson.ProjectCreatedEnvelope body) {
        require(body, "body");
        return new ProjectCreated(project(body.project),
                list(body.connectionUris, c -> new ConnectionUri(require(c.connectionUri, "connection_uri"))),
                list(body.roles, NeonMapper::role),
                list(body.databases, NeonMapper::database),
                branch(body.branch),
                list(body.endpoints, NeonMapper::endpoint),
                list(body.operations, NeonMapper::operation));
    }

    static Branch branch(NeonJson.Branch b) {
        require(b, "branch");
        return new Branch(require(b.id, "branch.id"), require(b.projectId, "branch.project_id"), text(b.parentId),
                require(b.name, "branch.name"), Boolean.TRUE.equals(b.isDefault), Boolean.TRUE.equals(b.isProtected),
                require(b.currentState, "branch.current_state"), require(b.createdAt, "branch.created_at"),
                Optional.ofNullable(b.logicalSize));
    }

    static BranchChange branchChange(NeonJson.BranchEnvelope body) {
        require(body, "body");
        return new BranchChange(branch(body.branch), list(body.endpoints, NeonMapper::endpoint),
                list(body.operations, NeonMapper::operation));
    }

    static List<Endpoint> endpoints(NeonJson.EndpointList body) {
        require(body, "body");
        return list(require(body.endpoints, "endpoints"), NeonMapper::endpoint);
    }

    static EndpointChange endpointChange(NeonJson.EndpointEnvelope body) {
        require(body, "body");
        return new EndpointChange(endpoint(body.endpoint), list(body.operations, NeonMapper::operation));
    }

    static ConnectionUri connectionUri(NeonJson.ConnectionUriBody body) {
        require(body, "body");
        return new ConnectionUri(require(body.uri, "uri"));
    }

    static List<Database> databases(NeonJson.DatabaseList body) {
        require(body, "body");
        return list(require(body.databases, "databases"), NeonMapper::database);
    }

    static DatabaseChange databaseChange(NeonJson.DatabaseEnvelope body) {
        require(body, "body");
        return new DatabaseChange(database(body.database), list(body.operations, NeonMapper::operation));
    }

    static List<Role> roles(NeonJson.RoleList body) {
        require(body, "body");
        return list(require(body.roles, "roles"), NeonMapper::role);
    }

    static RoleChange roleChange(NeonJson.RoleEnvelope body) {
        require(body, "body");
        return new RoleChange(role(body.role), list(body.operations, NeonMapper::operation));
    }

    static RolePassword rolePassword(NeonJson.RolePasswordBody body) {
        require(body, "body");
        return new RolePassword(require(body.password, "password"));
    }

    static Operation operation(NeonJson.Operation o) {
        require(o, "operation");
        return new Operation(require(o.id, "operation.id"), require(o.projectId, "operation.project_id"),
                text(o.branchId), require(o.action, "operation.action"),
                OperationStatus.parse(require(o.status, "operation.status")), text(o.error),
                require(o.createdAt, "operation.created_at"), require(o.updatedAt, "operation.updated_at"));
    }

    static Endpoint endpoint(NeonJson.Endpoint e) {
        require(e, "endpoint");
        return new Endpoint(require(e.id, "endpoint.id"), require(e.branchId, "endpoint.branch_id"),
                require(e.host, "endpoint.host"), require(e.type, "endpoint.type"),
                require(e.currentState, "endpoint.current_state"));
    }

    static Role role(NeonJson.Role r) {
        require(r, "role");
        return new Role(require(r.branchId, "role.branch_id"), require(r.name, "role.name"), text(r.password));
    }

    static Database database(NeonJson.Database d) {
        require(d, "database");
        return new Database(require(d.id, "database.id"), require(d.branchId, "database.branch_id"),
                require(d.name, "database.name"), require(d.ownerName, "database.owner_name"));
    }

    static <J, T> List<T> list(List<J> items, Function<J, T> mapper) {
        return items == null ? List.of() : items.stream().map(mapper).toList();
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new MalformedResponseException("Neon's answer has no " + field);
        }
        return value;
    }
}
