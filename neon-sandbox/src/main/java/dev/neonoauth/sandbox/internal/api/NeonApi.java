package dev.neonoauth.sandbox.internal.api;

import static dev.neonoauth.sandbox.internal.http.HttpSupport.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neonoauth.sandbox.NeonScopes;
import dev.neonoauth.sandbox.SandboxUser;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Branch;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Database;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Endpoint;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Operation;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Project;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Role;
import dev.neonoauth.sandbox.internal.http.HttpSupport;
import dev.neonoauth.sandbox.internal.oauth.TokenService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Neon API v2 at {@code /api/v2}: users, organizations, projects, branches, endpoints, connection URIs, databases,
 * roles and operations, with bearer tokens checked against the OAuth server's own store and scopes enforced per
 * endpoint.
 */
public final class NeonApi {

    public static final String PREFIX = "/api/v2";
    private static final String REQUEST_ID = "X-Request-ID";
    private static final Set<String> SORT_BY = Set.of("name", "created_at", "updated_at");

    /** An authenticated API caller. */
    private record Caller(SandboxUser user, List<String> scopes) {
    }

    @FunctionalInterface
    private interface ApiHandler {
        void handle(Context ctx, Caller caller);
    }

    private final NeonData data;
    private final Views views;
    private final TokenService tokens;
    private final Map<String, SandboxUser> users = new LinkedHashMap<>();
    private final boolean requireOrgId;

    public NeonApi(NeonData data, TokenService tokens, List<SandboxUser> users, boolean requireOrgId) {
        this.data = data;
        this.views = new Views(data);
        this.tokens = tokens;
        users.forEach(u -> this.users.put(u.id(), u));
        this.requireOrgId = requireOrgId;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(PREFIX + "/users/me", guarded(null, (ctx, c) -> json(ctx, 200, views.user(c.user()))));
        routes.get(PREFIX + "/users/me/organizations", guarded(NeonScopes.ORGS_READ, (ctx, c) ->
                json(ctx, 200, Map.of("organizations", data.orgsOf(c.user().id()).stream().map(views::org).toList()))));
        routes.get(PREFIX + "/projects", guarded(NeonScopes.PROJECTS_READ, this::listProjects));
        // Projects other accounts shared with this one (neonctl's "projects list" asks for them). The sandbox has no
        // sharing, so the list is always empty; registered before /projects/{project_id} so "shared" is not an id.
        routes.get(PREFIX + "/projects/shared", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            intParam(ctx, "limit", 10, 1, 400);
            json(ctx, 200, Map.of("projects", java.util.List.of()));
        }));
        routes.post(PREFIX + "/projects", guarded(NeonScopes.PROJECTS_CREATE, this::createProject));
        routes.get(PREFIX + "/projects/{project_id}", guarded(NeonScopes.PROJECTS_READ, (ctx, c) ->
                json(ctx, 200, Map.of("project", projectView(project(ctx, c))))));
        routes.patch(PREFIX + "/projects/{project_id}", guarded(NeonScopes.PROJECTS_UPDATE, this::updateProject));
        routes.delete(PREFIX + "/projects/{project_id}", guarded(NeonScopes.PROJECTS_DELETE, (ctx, c) ->
                json(ctx, 200, Map.of("project", projectView(data.deleteProject(c.user().id(), ctx.pathParam("project_id")))))));
        routes.post(PREFIX + "/projects/{project_id}/recover", guarded(NeonScopes.PROJECTS_UPDATE, this::recoverProject));
        routes.get(PREFIX + "/projects/{project_id}/branches", guarded(NeonScopes.PROJECTS_READ, this::listBranches));
        routes.post(PREFIX + "/projects/{project_id}/branches", guarded(NeonScopes.PROJECTS_UPDATE, this::createBranch));
        routes.get(PREFIX + "/projects/{project_id}/branches/{branch_id}", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Branch b = data.branch(project(ctx, c).id(), ctx.pathParam("branch_id"));
            json(ctx, 200, Map.of("branch", views.branch(b), "annotation", views.annotation(b)));
        }));
        routes.delete(PREFIX + "/projects/{project_id}/branches/{branch_id}", guarded(NeonScopes.PROJECTS_DELETE, (ctx, c) -> {
            // neon-api-v2.yaml: 204 "the branch doesn't exist or has already been deleted"
            data.deleteBranch(project(ctx, c), ctx.pathParam("branch_id")).ifPresentOrElse(
                    d -> json(ctx, 200, Map.of("branch", views.branch(d.branch()),
                            "operations", d.operations().stream().map(views::operation).toList())),
                    () -> ctx.status(204));
        }));
        routes.patch(PREFIX + "/projects/{project_id}/branches/{branch_id}", guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) ->
                branchOperations(ctx, data.updateBranch(project(ctx, c), ctx.pathParam("branch_id"), body(ctx, true)), List.of())));
        routes.post(PREFIX + "/projects/{project_id}/branches/{branch_id}/set_as_default", guarded(NeonScopes.PROJECTS_UPDATE,
                (ctx, c) -> branchOperations(ctx, data.setDefaultBranch(project(ctx, c), ctx.pathParam("branch_id")), List.of())));
        routes.post(PREFIX + "/projects/{project_id}/branches/{branch_id}/restore", guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) -> {
            NeonData.Change<Branch> restored = data.restoreBranch(project(ctx, c), ctx.pathParam("branch_id"), body(ctx, true));
            branchOperations(ctx, restored.item(), restored.operations());
        }));
        routes.get(PREFIX + "/projects/{project_id}/endpoints", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Project p = project(ctx, c);
            json(ctx, 200, Map.of("endpoints", data.endpointsOf(p.id()).stream()
                    .map(e -> views.endpoint(e, p.regionId())).toList()));
        }));
        routes.post(PREFIX + "/projects/{project_id}/endpoints", guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) -> {
            Project p = project(ctx, c);
            NeonData.Change<Endpoint> created = data.createEndpoint(p, body(ctx, true));
            json(ctx, 201, Map.of("endpoint", views.endpoint(created.item(), p.regionId()),
                    "operations", created.operations().stream().map(views::operation).toList()));
        }));
        routes.get(PREFIX + "/projects/{project_id}/branches/{branch_id}/endpoints", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Project p = project(ctx, c);
            Branch b = data.branch(p.id(), ctx.pathParam("branch_id"));
            json(ctx, 200, Map.of("endpoints", data.endpointsOfBranch(p.id(), b.id()).stream()
                    .map(e -> views.endpoint(e, p.regionId())).toList()));
        }));
        routes.get(PREFIX + "/projects/{project_id}/connection_uri", guarded(NeonScopes.PROJECTS_READ, this::connectionUri));
        routes.get(PREFIX + "/projects/{project_id}/branches/{branch_id}/databases", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Branch b = data.branch(project(ctx, c).id(), ctx.pathParam("branch_id"));
            json(ctx, 200, Map.of("databases", data.databasesOf(b.id()).stream().map(views::database).toList()));
        }));
        routes.post(PREFIX + "/projects/{project_id}/branches/{branch_id}/databases", guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) ->
                databaseOperations(ctx, 201, data.createDatabase(project(ctx, c), ctx.pathParam("branch_id"), body(ctx, true)))));
        routes.delete(PREFIX + "/projects/{project_id}/branches/{branch_id}/databases/{database_name}",
                guarded(NeonScopes.PROJECTS_DELETE, (ctx, c) -> data.deleteDatabase(project(ctx, c), ctx.pathParam("branch_id"),
                        ctx.pathParam("database_name")).ifPresentOrElse(d -> databaseOperations(ctx, 200, d), () -> ctx.status(204))));
        routes.get(PREFIX + "/projects/{project_id}/branches/{branch_id}/roles", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Branch b = data.branch(project(ctx, c).id(), ctx.pathParam("branch_id"));
            json(ctx, 200, Map.of("roles", data.rolesOf(b.id()).stream().map(r -> views.role(r, false)).toList()));
        }));
        routes.post(PREFIX + "/projects/{project_id}/branches/{branch_id}/roles", guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) ->
                roleOperations(ctx, 201, data.createRole(project(ctx, c), ctx.pathParam("branch_id"), body(ctx, true)))));
        routes.delete(PREFIX + "/projects/{project_id}/branches/{branch_id}/roles/{role_name}",
                guarded(NeonScopes.PROJECTS_DELETE, (ctx, c) -> data.deleteRole(project(ctx, c), ctx.pathParam("branch_id"),
                        ctx.pathParam("role_name")).ifPresentOrElse(r -> roleOperations(ctx, 200, r), () -> ctx.status(204))));
        routes.get(PREFIX + "/projects/{project_id}/branches/{branch_id}/roles/{role_name}/reveal_password",
                guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> json(ctx, 200, Map.of("password",
                        data.loginRole(project(ctx, c), ctx.pathParam("branch_id"), ctx.pathParam("role_name")).password()))));
        routes.post(PREFIX + "/projects/{project_id}/branches/{branch_id}/roles/{role_name}/reset_password",
                guarded(NeonScopes.PROJECTS_UPDATE, (ctx, c) -> roleOperations(ctx, 200,
                        data.resetPassword(project(ctx, c), ctx.pathParam("branch_id"), ctx.pathParam("role_name")))));
        routes.get(PREFIX + "/projects/{project_id}/operations", guarded(NeonScopes.PROJECTS_READ, this::listOperations));
        routes.get(PREFIX + "/projects/{project_id}/operations/{operation_id}", guarded(NeonScopes.PROJECTS_READ, (ctx, c) -> {
            Operation o = data.operation(project(ctx, c).id(), ctx.pathParam("operation_id"));
            json(ctx, 200, Map.of("operation", views.operation(o)));
        }));
    }

    /** Writes an API error as {@code {code, message, request_id}}. */
    public static void writeError(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId(ctx));
        body.put("code", code);
        body.put("message", message);
        json(ctx, status, body);
    }

    /** The client's {@code X-Request-ID}, or a generated one (stable for the request). */
    public static String requestId(Context ctx) {
        String existing = ctx.attribute(REQUEST_ID);
        if (existing != null) {
            return existing;
        }
        String fromClient = ctx.header(REQUEST_ID);
        String id = fromClient != null && !fromClient.isBlank() && fromClient.length() <= 200 ? fromClient : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID, id);
        return id;
    }

    private io.javalin.http.Handler guarded(String scope, ApiHandler handler) {
        return ctx -> {
            requestId(ctx);
            String header = ctx.header("Authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
            TokenService.Validation v = tokens.validateAccessToken(token);
            if (!(v instanceof TokenService.Validation.Valid valid)) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                writeError(ctx, 401, "UNAUTHORIZED", token == null
                        ? "authentication required: send 'Authorization: Bearer <access token>'"
                        : "authentication failed: the access token is " + ((TokenService.Validation.Invalid) v).reason());
                return;
            }
            SandboxUser user = users.get(valid.token().userId());
            if (user == null) {
                writeError(ctx, 401, "UNAUTHORIZED", "authentication failed: the token's user no longer exists");
                return;
            }
            if (scope != null && !valid.token().scopes().contains(scope)) {
                writeError(ctx, 403, "FORBIDDEN", "the access token lacks the required scope " + scope);
                return;
            }
            try {
                handler.handle(ctx, new Caller(user, valid.token().scopes()));
            } catch (ApiException e) {
                writeError(ctx, e.status(), e.code(), e.getMessage());
            }
        };
    }

    private Project project(Context ctx, Caller c) {
        return data.project(c.user().id(), ctx.pathParam("project_id"));
    }

    private Map<String, Object> projectView(Project p) {
        return views.project(p, users.get(p.ownerId()));
    }

    private void listProjects(Context ctx, Caller c) {
        int limit = intParam(ctx, "limit", 10, 1, 400);
        String orgId = ctx.queryParam("org_id");
        if (orgId != null && !orgId.matches("^[a-z0-9-]{1,60}$")) {
            throw ApiException.badRequest("org_id: invalid format");
        }
        if (orgId == null && requireOrgId && !data.orgsOf(c.user().id()).isEmpty()) {
            throw ApiException.badRequest("org_id is required");
        }
        boolean recoverable = "true".equals(ctx.queryParam("recoverable"));
        NeonData.Page<Project> page = data.listProjects(c.user().id(), orgId, ctx.queryParam("search"),
                ctx.queryParam("cursor"), limit, recoverable);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projects", page.items().stream().map(views::projectListItem).toList());
        if (page.next() != null) {
            body.put("pagination", Map.of("cursor", page.next()));
        }
        body.put("applications", Map.of());
        body.put("integrations", Map.of());
        json(ctx, 200, body);
    }

    private void createProject(Context ctx, Caller c) {
        NeonData.Created created = data.createProject(c.user(), body(ctx, true), requireOrgId);
        Project p = created.project();
        Endpoint endpoint = created.endpoints().get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", projectView(p));
        body.put("connection_uris", List.of(views.connectionDetails(endpoint, p.regionId(), created.roles().get(0),
                created.databases().get(0))));
        body.put("roles", created.roles().stream().map(r -> views.role(r, true)).toList());
        body.put("databases", created.databases().stream().map(views::database).toList());
        body.put("operations", created.operations().stream().map(views::operation).toList());
        body.put("branch", views.branch(created.branch()));
        body.put("endpoints", created.endpoints().stream().map(e -> views.endpoint(e, p.regionId())).toList());
        json(ctx, 201, body);
    }

    private void updateProject(Context ctx, Caller c) {
        Project p = data.updateProject(c.user().id(), ctx.pathParam("project_id"), body(ctx, true));
        json(ctx, 200, Map.of("project", projectView(p), "operations", List.of()));
    }

    private void recoverProject(Context ctx, Caller c) {
        Project p = data.recoverProject(c.user().id(), ctx.pathParam("project_id"));
        json(ctx, 200, Map.of("project", projectView(p),
                "branches", data.branchesOf(p.id(), false).stream().map(views::branch).toList()));
    }

    private void listBranches(Context ctx, Caller c) {
        Project p = project(ctx, c);
        String sortBy = ctx.queryParam("sort_by") == null ? "updated_at" : ctx.queryParam("sort_by");
        if (!SORT_BY.contains(sortBy)) {
            throw ApiException.badRequest("sort_by: must be one of name, created_at, updated_at");
        }
        String sortOrder = ctx.queryParam("sort_order") == null ? "desc" : ctx.queryParam("sort_order");
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw ApiException.badRequest("sort_order: must be asc or desc");
        }
        Integer limit = ctx.queryParam("limit") == null ? null : intParam(ctx, "limit", 0, 1, 10000);
        NeonData.Page<Branch> page = data.listBranches(p.id(), ctx.queryParam("search"), sortBy, sortOrder,
                ctx.queryParam("cursor"), limit, "true".equals(ctx.queryParam("include_deleted")));
        Map<String, Object> pagination = new LinkedHashMap<>();
        if (page.next() != null) {
            pagination.put("next", page.next());
        }
        pagination.put("sort_by", sortBy);
        pagination.put("sort_order", sortOrder);
        Map<String, Object> annotations = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branches", page.items().stream().map(views::branch).toList());
        body.put("annotations", annotations);
        body.put("pagination", pagination);
        json(ctx, 200, body);
    }

    private void createBranch(Context ctx, Caller c) {
        Project p = project(ctx, c);
        NeonData.Created created = data.createBranch(p, body(ctx, false));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branch", views.branch(created.branch()));
        body.put("endpoints", created.endpoints().stream().map(e -> views.endpoint(e, p.regionId())).toList());
        body.put("operations", created.operations().stream().map(views::operation).toList());
        body.put("roles", created.roles().stream().map(r -> views.role(r, false)).toList());
        body.put("databases", created.databases().stream().map(views::database).toList());
        json(ctx, 201, body);
    }

    /** {@code GET /projects/{id}/connection_uri}: {@code database_name} and {@code role_name} are required. */
    private void connectionUri(Context ctx, Caller c) {
        Project p = project(ctx, c);
        String branchId = idParam(ctx, "branch_id");
        String endpointId = idParam(ctx, "endpoint_id");
        String database = ctx.queryParam("database_name");
        String role = ctx.queryParam("role_name");
        if (database == null || database.isEmpty()) {
            throw ApiException.badRequest("database_name: required");
        }
        if (role == null || role.isEmpty()) {
            throw ApiException.badRequest("role_name: required");
        }
        String pooledParam = ctx.queryParam("pooled");
        if (pooledParam != null && !pooledParam.equals("true") && !pooledParam.equals("false")) {
            throw ApiException.badRequest("pooled: must be true or false");
        }
        NeonData.Connection connection = data.connection(p, branchId, endpointId, database, role);
        json(ctx, 200, Map.of("uri", Views.connectionUri(connection.endpoint(), p.regionId(), connection.role(),
                connection.database(), "true".equals(pooledParam))));
    }

    private void branchOperations(Context ctx, Branch branch, List<Operation> operations) {
        json(ctx, 200, Map.of("branch", views.branch(branch), "operations", operations.stream().map(views::operation).toList()));
    }

    private void databaseOperations(Context ctx, int status, NeonData.Change<Database> change) {
        json(ctx, status, Map.of("database", views.database(change.item()),
                "operations", change.operations().stream().map(views::operation).toList()));
    }

    /** RoleOperations: the role with its password (create and reset reveal it once, as Neon does). */
    private void roleOperations(Context ctx, int status, NeonData.Change<Role> change) {
        json(ctx, status, Map.of("role", views.role(change.item(), true),
                "operations", change.operations().stream().map(views::operation).toList()));
    }

    private static String idParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null && !value.matches("^[a-z0-9-]{1,60}$")) {
            throw ApiException.badRequest(name + ": invalid format");
        }
        return value;
    }

    private void listOperations(Context ctx, Caller c) {
        Project p = project(ctx, c);
        int limit = intParam(ctx, "limit", 10, 1, 1000);
        NeonData.Page<Operation> page = data.listOperations(p.id(), ctx.queryParam("cursor"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operations", page.items().stream().map(views::operation).toList());
        if (page.next() != null) {
            body.put("pagination", Map.of("cursor", page.next()));
        }
        json(ctx, 200, body);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw ApiException.badRequest(name + ": must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": must be an integer");
        }
    }

    private static JsonNode body(Context ctx, boolean required) {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw ApiException.badRequest("request body is required");
            }
            return null;
        }
        try {
            JsonNode node = HttpSupport.JSON.readTree(raw);
            if (!node.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON");
        }
    }

}
