package dev.neonoauth.adapter.neon;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.neon.api.AlreadyDeletedException;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.ConnectionUri;
import dev.neonoauth.neon.api.ConnectionUriQuery;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseChange;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.OperationTimeoutException;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import dev.neonoauth.neon.api.RolePassword;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * {@link NeonApi} over Retrofit ({@link NeonV2Service}) and, for the plain reads, {@link ApiGet}s on the same client:
 * the bearer token comes from the core on every call, the scope is checked before
 * anything is sent, lists follow every page, and {@link NeonCallExecutor} applies the retry policy and the error
 * mapping.
 */
final class RetrofitNeonApi implements NeonApi {
    private static final Logger LOG = LoggerFactory.getLogger(RetrofitNeonApi.class);
    /** neon-api-v2.yaml: project, branch and organization ids. */
    private static final Pattern ID = Pattern.compile("^[a-z0-9-]{1,60}$");
    /** neon-api-v2.yaml: operation ids are UUIDs. */
    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** The largest page {@code GET /projects} allows. */
    static final int MAX_PROJECTS_PAGE = 400;
    /** A bound on pages, so that a server that keeps sending new cursors cannot keep us forever. */
    static final int MAX_PAGES = 1000;
    /** neon-api-v2.yaml, BranchUpdateRequest: a branch name is 1 to 256 characters. */
    private static final int MAX_BRANCH_NAME = 256;
    /** Postgres' identifier limit, which Neon applies to role and database names. */
    private static final int MAX_NAME_BYTES = 63;

    private final ApiClient api;
    private final NeonV2Service service;
    private final NeonCallExecutor executor;
    /** The direct GETs (no Retrofit request building per call), one per answer type. */
    private final ApiGet<NeonJson.CurrentUser> currentUser;
    private final ApiGet<NeonJson.Organizations> organizations;
    private final ApiGet<NeonJson.ProjectList> projectList;
    private final ApiGet<NeonJson.ProjectEnvelope> project;
    private final ApiGet<NeonJson.BranchList> branchList;
    private final ApiGet<NeonJson.EndpointList> endpointList;
    private final ApiGet<NeonJson.DatabaseList> databaseList;
    private final ApiGet<NeonJson.RoleList> roleList;
    private final ApiGet<NeonJson.OperationEnvelope> operation;
    /** URLs without parameters, resolved once. */
    private final HttpUrl currentUserUrl;
    private final HttpUrl organizationsUrl;
    /** {@code /projects?limit=<page size>}: the first page of every listing without a search or an organization. */
    private final HttpUrl projectsUrl;
    private final NeonApiConfig config;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int projectsPageSize;

    RetrofitNeonApi(ApiClient api, NeonV2Service service, NeonCallExecutor executor, NeonApiConfig config,
            Sleeper sleeper, Clock clock, int projectsPageSize) {
        if (projectsPageSize < 1 || projectsPageSize > MAX_PROJECTS_PAGE) {
            throw new IllegalArgumentException("projects page size must be 1 to " + MAX_PROJECTS_PAGE);
        }
        this.api = api;
        this.service = service;
        this.currentUser = new ApiGet<>(api, NeonJson.CurrentUser.class);
        this.organizations = new ApiGet<>(api, NeonJson.Organizations.class);
        this.projectList = new ApiGet<>(api, NeonJson.ProjectList.class);
        this.project = new ApiGet<>(api, NeonJson.ProjectEnvelope.class);
        this.branchList = new ApiGet<>(api, NeonJson.BranchList.class);
        this.endpointList = new ApiGet<>(api, NeonJson.EndpointList.class);
        this.databaseList = new ApiGet<>(api, NeonJson.DatabaseList.class);
        this.roleList = new ApiGet<>(api, NeonJson.RoleList.class);
        this.operation = new ApiGet<>(api, NeonJson.OperationEnvelope.class);
        this.currentUserUrl = api.url("/users/me");
        this.organizationsUrl = api.url("/users/me/organizations");
        this.projectsUrl = api.url("/projects").newBuilder()
                .addQueryParameter("limit", Integer.toString(projectsPageSize)).build();
        this.executor = executor;
        this.config = config;
        this.sleeper = sleeper;
        this.clock = clock;
        this.projectsPageSize = projectsPageSize;
    }

    @Override
    public NeonUser currentUser(AccountKey account) {
        return get(account, null, "/users/me", currentUserUrl, currentUser, NeonMapper::user);
    }

    @Override
    public List<Organization> organizations(AccountKey account) {
        return get(account, null, "/users/me/organizations", organizationsUrl, organizations, NeonMapper::organizations);
    }

    @Override
    public List<Project> listProjects(AccountKey account, ProjectQuery query) {
        Objects.requireNonNull(query, "query == null");
        query.orgId().ifPresent(id -> requireId(id, "organization id"));
        String search = query.search().filter(s -> !s.isBlank()).orElse(null);
        String orgId = query.orgId().orElse(null);
        Map<String, Project> projects = new LinkedHashMap<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String pageCursor = cursor;
            HttpUrl url = withQuery(projectsUrl, "cursor", pageCursor, "search", search, "org_id", orgId);
            Page<Project> result = get(account, NeonScopes.PROJECTS_READ, "/projects", url, projectList,
                    RetrofitNeonApi::projectPage);
            List<Project> items = result.items();
            items.forEach(p -> projects.putIfAbsent(p.id(), p));
            String next = result.next();
            if (items.isEmpty() || items.size() < projectsPageSize || next == null || next.isBlank() || !cursors.add(next)) {
                return List.copyOf(projects.values());
            }
            cursor = next;
        }
        throw new NeonApiException(200, null, "GET /projects kept returning new pages after " + MAX_PAGES
                + " pages; giving up", null, false, null);
    }

    @Override
    public Project getProject(AccountKey account, String projectId) {
        requireId(projectId, "project id");
        String path = "/projects/" + projectId;
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), project,
                body -> NeonMapper.project(NeonMapper.require(body, "body").project));
    }

    @Override
    public ProjectCreated createProject(AccountKey account, ProjectCreation creation) {
        Objects.requireNonNull(creation, "creation == null");
        creation.orgId().ifPresent(id -> requireId(id, "organization id"));
        NeonJson.ProjectCreateRequest request = new NeonJson.ProjectCreateRequest();
        request.project.name = creation.name().orElse(null);
        request.project.regionId = creation.regionId().orElse(null);
        request.project.pgVersion = creation.pgVersion().orElse(null);
        request.project.orgId = creation.orgId().orElse(null);
        return call(account, NeonScopes.PROJECTS_CREATE, "POST", "/projects", c -> service.createProject(c, request),
                NeonMapper::projectCreated);
    }

    @Override
    public ProjectChange updateProject(AccountKey account, String projectId, ProjectUpdate update) {
        requireId(projectId, "project id");
        Objects.requireNonNull(update, "update == null");
        NeonJson.ProjectUpdateRequest request = new NeonJson.ProjectUpdateRequest();
        request.project.name = update.name().orElse(null);
        request.project.historyRetentionSeconds = update.historyRetentionSeconds().orElse(null);
        update.enableLogicalReplication().ifPresent(enable -> {
            request.project.settings = new NeonJson.ProjectSettings();
            request.project.settings.enableLogicalReplication = enable;
        });
        return call(account, NeonScopes.PROJECTS_UPDATE, "PATCH", "/projects/" + projectId,
                c -> service.updateProject(c, projectId, request), NeonMapper::projectChange);
    }

    @Override
    public ProjectChange deleteProject(AccountKey account, String projectId) {
        requireId(projectId, "project id");
        return call(account, NeonScopes.PROJECTS_DELETE, "DELETE", "/projects/" + projectId,
                c -> service.deleteProject(c, projectId), NeonMapper::projectChange);
    }

    @Override
    public ProjectChange recoverProject(AccountKey account, String projectId) {
        requireId(projectId, "project id");
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", "/projects/" + projectId + "/recover",
                c -> service.recoverProject(c, projectId), NeonMapper::projectChange);
    }

    @Override
    public List<Branch> listBranches(AccountKey account, String projectId) {
        requireId(projectId, "project id");
        Map<String, Branch> branches = new LinkedHashMap<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String pageCursor = cursor;
            String path = "/projects/" + projectId + "/branches";
            Page<Branch> result = get(account, NeonScopes.PROJECTS_READ, path,
                    withQuery(api.url(path), "cursor", pageCursor), branchList, RetrofitNeonApi::branchPage);
            List<Branch> items = result.items();
            items.forEach(b -> branches.putIfAbsent(b.id(), b));
            String next = result.next();
            if (items.isEmpty() || next == null || next.isBlank() || !cursors.add(next)) {
                return List.copyOf(branches.values());
            }
            cursor = next;
        }
        throw new NeonApiException(200, null, "GET /projects/" + projectId + "/branches kept returning new pages after "
                + MAX_PAGES + " pages; giving up", null, false, null);
    }

    @Override
    public BranchChange createBranch(AccountKey account, String projectId, BranchCreation creation) {
        requireId(projectId, "project id");
        Objects.requireNonNull(creation, "creation == null");
        creation.parentId().ifPresent(id -> requireId(id, "parent branch id"));
        NeonJson.BranchCreateRequest request = new NeonJson.BranchCreateRequest();
        request.branch.name = creation.name().filter(n -> !n.isBlank()).orElse(null);
        request.branch.parentId = creation.parentId().orElse(null);
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", "/projects/" + projectId + "/branches",
                c -> service.createBranch(c, projectId, request), NeonMapper::branchChange);
    }

    @Override
    public BranchChange deleteBranch(AccountKey account, String projectId, String branchId) {
        // neon-api-v2.yaml: 204 "the branch doesn't exist or has already been deleted"; BranchChange needs a branch
        return deleteBranchIfExists(account, projectId, branchId).orElseThrow(() -> new AlreadyDeletedException(
                "BRANCH_NOT_FOUND", "DELETE " + branchPath(projectId, branchId)
                        + ": the branch does not exist or was already deleted", null));
    }

    @Override
    public Optional<BranchChange> deleteBranchIfExists(AccountKey account, String projectId, String branchId) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        return call(account, NeonScopes.PROJECTS_DELETE, "DELETE", branchPath(projectId, branchId),
                c -> service.deleteBranch(c, projectId, branchId),
                body -> body == null ? Optional.empty() : Optional.of(NeonMapper.branchChange(body)));
    }

    @Override
    public BranchChange renameBranch(AccountKey account, String projectId, String branchId, String name) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        if (name == null || name.isBlank() || name.length() > MAX_BRANCH_NAME) {
            throw new IllegalArgumentException("a branch name is 1 to " + MAX_BRANCH_NAME + " characters");
        }
        NeonJson.BranchUpdateRequest request = new NeonJson.BranchUpdateRequest();
        request.branch.name = name;
        return call(account, NeonScopes.PROJECTS_UPDATE, "PATCH", branchPath(projectId, branchId),
                c -> service.updateBranch(c, projectId, branchId, request), NeonMapper::branchChange);
    }

    @Override
    public BranchChange setDefaultBranch(AccountKey account, String projectId, String branchId) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", branchPath(projectId, branchId) + "/set_as_default",
                c -> service.setDefaultBranch(c, projectId, branchId), NeonMapper::branchChange);
    }

    @Override
    public BranchChange restoreBranch(AccountKey account, String projectId, String branchId, BranchRestore restore) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        Objects.requireNonNull(restore, "restore == null");
        requireId(restore.sourceBranchId(), "source branch id");
        if (restore.sourceBranchId().equals(branchId)) {
            // neon-api-v2.yaml, BranchRestoreRequest: restoring from the branch's own history needs a point in it,
            // and its state before the restore must be kept under a name
            if (restore.sourceLsn().isEmpty() && restore.sourceTimestamp().isEmpty()) {
                throw new IllegalArgumentException("restoring a branch from its own history needs an LSN or a timestamp");
            }
            if (restore.preserveUnderName().isEmpty()) {
                throw new IllegalArgumentException("restoring a branch from its own history needs preserveUnderName");
            }
        }
        NeonJson.BranchRestoreRequest request = new NeonJson.BranchRestoreRequest();
        request.sourceBranchId = restore.sourceBranchId();
        request.sourceLsn = restore.sourceLsn().orElse(null);
        request.sourceTimestamp = restore.sourceTimestamp().orElse(null);
        request.preserveUnderName = restore.preserveUnderName().orElse(null);
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", branchPath(projectId, branchId) + "/restore",
                c -> service.restoreBranch(c, projectId, branchId, request), NeonMapper::branchChange);
    }

    @Override
    public List<Endpoint> listEndpoints(AccountKey account, String projectId) {
        requireId(projectId, "project id");
        String path = "/projects/" + projectId + "/endpoints";
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), endpointList, NeonMapper::endpoints);
    }

    @Override
    public List<Endpoint> listBranchEndpoints(AccountKey account, String projectId, String branchId) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        String path = branchPath(projectId, branchId) + "/endpoints";
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), endpointList, NeonMapper::endpoints);
    }

    @Override
    public EndpointChange createEndpoint(AccountKey account, String projectId, EndpointCreation creation) {
        requireId(projectId, "project id");
        Objects.requireNonNull(creation, "creation == null");
        requireId(creation.branchId(), "branch id");
        NeonJson.EndpointCreateRequest request = new NeonJson.EndpointCreateRequest();
        request.endpoint.branchId = creation.branchId();
        request.endpoint.type = creation.type();
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", "/projects/" + projectId + "/endpoints",
                c -> service.createEndpoint(c, projectId, request), NeonMapper::endpointChange);
    }

    @Override
    public ConnectionUri getConnectionUri(AccountKey account, String projectId, ConnectionUriQuery query) {
        requireId(projectId, "project id");
        Objects.requireNonNull(query, "query == null");
        query.branchId().ifPresent(id -> requireId(id, "branch id"));
        query.endpointId().ifPresent(id -> requireId(id, "endpoint id"));
        return call(account, NeonScopes.PROJECTS_READ, "GET", "/projects/" + projectId + "/connection_uri",
                c -> service.getConnectionUri(c, projectId, query.branchId().orElse(null), query.endpointId().orElse(null),
                        query.databaseName(), query.roleName(), query.pooled() ? Boolean.TRUE : null),
                NeonMapper::connectionUri);
    }

    @Override
    public List<Database> listDatabases(AccountKey account, String projectId, String branchId) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        String path = branchPath(projectId, branchId) + "/databases";
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), databaseList, NeonMapper::databases);
    }

    @Override
    public DatabaseChange createDatabase(AccountKey account, String projectId, String branchId, DatabaseCreation creation) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        Objects.requireNonNull(creation, "creation == null");
        NeonJson.DatabaseCreateRequest request = new NeonJson.DatabaseCreateRequest();
        request.database.name = creation.name();
        request.database.ownerName = creation.ownerName();
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", branchPath(projectId, branchId) + "/databases",
                c -> service.createDatabase(c, projectId, branchId, request), NeonMapper::databaseChange);
    }

    @Override
    public Optional<DatabaseChange> deleteDatabase(AccountKey account, String projectId, String branchId, String databaseName) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        requireName(databaseName, "database name");
        // neon-api-v2.yaml: 204 "the database doesn't exist or has already been deleted"
        return call(account, NeonScopes.PROJECTS_DELETE, "DELETE", branchPath(projectId, branchId) + "/databases/" + databaseName,
                c -> service.deleteDatabase(c, projectId, branchId, databaseName),
                body -> body == null ? Optional.empty() : Optional.of(NeonMapper.databaseChange(body)));
    }

    @Override
    public List<Role> listRoles(AccountKey account, String projectId, String branchId) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        String path = branchPath(projectId, branchId) + "/roles";
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), roleList, NeonMapper::roles);
    }

    @Override
    public RoleChange createRole(AccountKey account, String projectId, String branchId, RoleCreation creation) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        Objects.requireNonNull(creation, "creation == null");
        NeonJson.RoleCreateRequest request = new NeonJson.RoleCreateRequest();
        request.role.name = creation.name();
        request.role.noLogin = creation.noLogin() ? Boolean.TRUE : null;
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST", branchPath(projectId, branchId) + "/roles",
                c -> service.createRole(c, projectId, branchId, request), NeonMapper::roleChange);
    }

    @Override
    public RolePassword revealRolePassword(AccountKey account, String projectId, String branchId, String roleName) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        requireName(roleName, "role name");
        return call(account, NeonScopes.PROJECTS_READ, "GET",
                branchPath(projectId, branchId) + "/roles/" + roleName + "/reveal_password",
                c -> service.revealRolePassword(c, projectId, branchId, roleName), NeonMapper::rolePassword);
    }

    @Override
    public RoleChange resetRolePassword(AccountKey account, String projectId, String branchId, String roleName) {
        requireId(projectId, "project id");
        requireId(branchId, "branch id");
        requireName(roleName, "role name");
        return call(account, NeonScopes.PROJECTS_UPDATE, "POST",
                branchPath(projectId, branchId) + "/roles/" + roleName + "/reset_password",
                c -> service.resetRolePassword(c, projectId, branchId, roleName), NeonMapper::roleChange);
    }

    @Override
    public Operation getOperation(AccountKey account, String projectId, String operationId) {
        requireId(projectId, "project id");
        if (operationId == null || !UUID.matcher(operationId).matches()) {
            throw new IllegalArgumentException("an operation id is a UUID");
        }
        String path = "/projects/" + projectId + "/operations/" + operationId;
        return get(account, NeonScopes.PROJECTS_READ, path, api.url(path), operation,
                body -> NeonMapper.operation(NeonMapper.require(body, "body").operation));
    }

    @Override
    public List<Operation> awaitOperations(AccountKey account, String projectId, List<Operation> operations, Duration timeout) {
        requireId(projectId, "project id");
        Objects.requireNonNull(operations, "operations == null");
        Objects.requireNonNull(timeout, "timeout == null");
        List<Operation> current = new ArrayList<>(operations);
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            boolean pending = false;
            for (int i = 0; i < current.size(); i++) {
                Operation op = current.get(i);
                if (!op.status().isTerminal()) {
                    Operation fresh = getOperation(account, projectId, op.id());
                    current.set(i, fresh);
                    pending |= !fresh.status().isTerminal();
                }
            }
            if (!pending) {
                return List.copyOf(current);
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline) || Thread.currentThread().isInterrupted()) {
                long open = current.stream().filter(o -> !o.status().isTerminal()).count();
                throw new OperationTimeoutException(open + " of " + current.size() + " operation(s) of project " + projectId
                        + " did not finish within " + timeout, current);
            }
            Duration wait = config.operationPollInterval();
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
        }
    }

    private <J, T> T call(AccountKey account, Scope scope, String method, String path,
            Function<CallContext, Call<J>> call, Function<J, T> mapper) {
        Objects.requireNonNull(account, "account == null");
        return executor.execute(new NeonCallExecutor.Spec<>(account, Optional.ofNullable(scope), method, path,
                c -> call.apply(c)::execute, mapper));
    }

    /**
     * A {@code GET} through an {@link ApiGet}: {@code path} names it in messages, {@code url} is that path under the
     * base URL with its query. Same executor, retry policy and error mapping as {@link #call}.
     */
    private <J, T> T get(AccountKey account, Scope scope, String path, HttpUrl url, ApiGet<J> get, Function<J, T> mapper) {
        Objects.requireNonNull(account, "account == null");
        return executor.execute(new NeonCallExecutor.Spec<>(account, Optional.ofNullable(scope), "GET", path,
                c -> () -> get.execute(c, url), mapper));
    }

    /** {@code url} with the query parameters whose values are not null, in order (as Retrofit's {@code @Query}). */
    private static HttpUrl withQuery(HttpUrl url, String... namesAndValues) {
        HttpUrl.Builder builder = null;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                if (builder == null) {
                    builder = url.newBuilder();
                }
                builder.addQueryParameter(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return builder == null ? url : builder.build();
    }

    /** One page of a list: its items and the cursor of the next page, if any. */
    record Page<T>(List<T> items, String next) {}

    private static Page<Project> projectPage(NeonJson.ProjectList body) {
        NeonMapper.require(body, "body");
        if (body.unavailableProjectIds != null && !body.unavailableProjectIds.isEmpty()) {
            LOG.warn("Neon could not fetch the details of {} project(s) in time; they are missing from the list: {}",
                    body.unavailableProjectIds.size(), body.unavailableProjectIds);
        }
        return new Page<>(NeonMapper.list(body.projects, NeonMapper::project),
                body.pagination == null ? null : body.pagination.cursor);
    }

    private static Page<Branch> branchPage(NeonJson.BranchList body) {
        NeonMapper.require(body, "body");
        return new Page<>(NeonMapper.list(body.branches, NeonMapper::branch),
                body.pagination == null ? null : body.pagination.next);
    }

    private static String branchPath(String projectId, String branchId) {
        return "/projects/" + projectId + "/branches/" + branchId;
    }

    /** Role and database names in a path: 1 to 63 bytes (Postgres' NAMEDATALEN), no control characters. */
    private static void requireName(String name, String what) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a " + what + " is 1 to " + MAX_NAME_BYTES + " bytes without control characters");
        }
    }

    private static void requireId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a Neon " + what + " is 1 to 60 of [a-z0-9-]");
        }
    }
}
