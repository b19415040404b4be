package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.TokenStore;
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
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
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
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import dev.neonoauth.neon.api.RolePassword;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory Neon API for the fast tests: projects, branches and operations, with the adapter's contract on scopes
 * (checked against the stored grant before anything happens) and on errors. A project whose id starts with
 * {@code fail-} answers 500 with a request id; operations finish after {@link #pollsToFinish} reads. While
 * {@link #failure} is set, every call fails with what it supplies (Neon's API down, or refusing the token).
 */
final class FakeNeonApi implements NeonApi {
    static final String FAILING_REQUEST_ID = "neon-req-7f3a";
    private final TokenStore tokens;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Map<String, Project> deleted = new ConcurrentHashMap<>();
    private final Map<String, Branch> branches = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    volatile int pollsToFinish = 1;
    /** Operations that finish from now on fail (Neon's operation error), instead of finishing. */
    volatile boolean operationsFail;
    volatile Duration listLatency = Duration.ZERO;
    volatile Supplier<RuntimeException> failure;

    FakeNeonApi(TokenStore tokens) {
        this.tokens = tokens;
    }

    private void require(AccountKey account, Scope scope) {
        Supplier<RuntimeException> failing = failure;
        if (failing != null) {
            throw failing.get();
        }
        TokenSet set = tokens.load(account).orElseThrow(() -> new ReauthorizationRequiredException("not connected"));
        if (scope != null && !set.grantedScopes().contains(scope)) {
            throw new MissingScopeException(scope);
        }
    }

    private String id(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    @Override
    public NeonUser currentUser(AccountKey account) {
        require(account, null);
        return new NeonUser("user-1", "sandbox@example.com", Optional.of("Sandbox User"), Optional.empty());
    }

    @Override
    public List<Organization> organizations(AccountKey account) {
        require(account, null);
        return List.of();
    }

    @Override
    public List<Project> listProjects(AccountKey account, ProjectQuery query) {
        require(account, NeonScopes.PROJECTS_READ);
        if (!listLatency.isZero()) {
            try {
                Thread.sleep(listLatency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return projects.values().stream().sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }

    @Override
    public Project getProject(AccountKey account, String projectId) {
        require(account, NeonScopes.PROJECTS_READ);
        if (projectId.startsWith("fail-")) {
            throw new NeonApiException(500, "INTERNAL_ERROR", "internal error", FAILING_REQUEST_ID, true, null);
        }
        Project p = projects.get(projectId);
        if (p == null) {
            throw new NeonApiException(404, "PROJECT_NOT_FOUND", "project not found", "neon-req-404", false, null);
        }
        return p;
    }

    @Override
    public ProjectCreated createProject(AccountKey account, ProjectCreation creation) {
        require(account, NeonScopes.PROJECTS_CREATE);
        Instant now = Instant.now();
        Project p = new Project(id("proj"), creation.name().orElse("project"), creation.regionId().orElse("aws-us-east-2"),
                creation.pgVersion().orElse(17), now, now, creation.orgId(), Optional.empty());
        projects.put(p.id(), p);
        Branch main = new Branch(id("br"), p.id(), Optional.empty(), "main", true, false, "ready", now, Optional.of(30_000_000L));
        branches.put(main.id(), main);
        Operation op = new Operation(id("op"), p.id(), Optional.of(main.id()), "start_compute", OperationStatus.RUNNING,
                Optional.empty(), now, now);
        operations.put(op.id(), op);
        return new ProjectCreated(p, List.of(), List.of(), List.of(), main, List.of(), List.of(op));
    }

    @Override
    public ProjectChange updateProject(AccountKey account, String projectId, ProjectUpdate update) {
        require(account, NeonScopes.PROJECTS_UPDATE);
        Project p = getProject(account, projectId);
        Project renamed = new Project(p.id(), update.name().orElse(p.name()), p.regionId(), p.pgVersion(), p.createdAt(),
                Instant.now(), p.orgId(), p.historyRetentionSeconds());
        projects.put(p.id(), renamed);
        return new ProjectChange(renamed, List.of());
    }

    @Override
    public ProjectChange deleteProject(AccountKey account, String projectId) {
        require(account, NeonScopes.PROJECTS_DELETE);
        Project p = getProject(account, projectId);
        projects.remove(projectId);
        deleted.put(projectId, p);
        return new ProjectChange(p, List.of());
    }

    @Override
    public ProjectChange recoverProject(AccountKey account, String projectId) {
        require(account, NeonScopes.PROJECTS_UPDATE);
        Project p = deleted.remove(projectId);
        if (p == null) {
            throw new NeonApiException(404, "PROJECT_NOT_FOUND", "project not found", "neon-req-404", false, null);
        }
        projects.put(p.id(), p);
        return new ProjectChange(p, List.of());
    }

    @Override
    public List<Branch> listBranches(AccountKey account, String projectId) {
        getProject(account, projectId);
        return branches.values().stream().filter(b -> b.projectId().equals(projectId)).toList();
    }

    @Override
    public BranchChange createBranch(AccountKey account, String projectId, BranchCreation creation) {
        require(account, NeonScopes.PROJECTS_UPDATE);
        getProject(account, projectId);
        String parent = creation.parentId().orElseGet(() -> branches.values().stream()
                .filter(b -> b.projectId().equals(projectId) && b.isDefault()).findFirst().orElseThrow().id());
        String id = id("br");
        Branch b = new Branch(id, projectId, Optional.of(parent), creation.name().orElse(id), false, false, "init",
                Instant.now(), Optional.empty());
        branches.put(id, b);
        Operation op = new Operation(id("op"), projectId, Optional.of(id), "create_branch", OperationStatus.RUNNING,
                Optional.empty(), b.createdAt(), b.createdAt());
        operations.put(op.id(), op);
        return new BranchChange(b, List.of(), List.of(op));
    }

    @Override
    public BranchChange deleteBranch(AccountKey account, String projectId, String branchId) {
        require(account, NeonScopes.PROJECTS_DELETE);
        Branch b = branches.remove(branchId);
        if (b == null) {
            throw new NeonApiException(404, "BRANCH_NOT_FOUND", "branch not found", "neon-req-404", false, null);
        }
        return new BranchChange(b, List.of(), List.of());
    }

    @Override
    public Operation getOperation(AccountKey account, String projectId, String operationId) {
        require(account, NeonScopes.PROJECTS_READ);
        Operation op = operations.get(operationId);
        if (op == null) {
            throw new NeonApiException(404, "NOT_FOUND", "operation not found", "neon-req-404", false, null);
        }
        int seen = polls.merge(operationId, 1, Integer::sum);
        if (seen > pollsToFinish && !op.status().isTerminal()) {
            op = new Operation(op.id(), op.projectId(), op.branchId(), op.action(),
                    operationsFail ? OperationStatus.FAILED : OperationStatus.FINISHED,
                    operationsFail ? Optional.of("compute could not be started") : Optional.empty(), op.createdAt(),
                    Instant.now());
            operations.put(op.id(), op);
        }
        return op;
    }

    @Override
    public List<Operation> awaitOperations(AccountKey account, String projectId, List<Operation> ops, Duration timeout) {
        List<Operation> done = new ArrayList<>();
        for (Operation op : ops) {
            done.add(getOperation(account, projectId, op.id()));
        }
        return done;
    }

    // The rest of the port: app-web does not call it, so the fake need not play it.

    private static UnsupportedOperationException unused(String operation) {
        return new UnsupportedOperationException(operation + " is not used by app-web");
    }

    @Override
    public Optional<BranchChange> deleteBranchIfExists(AccountKey account, String projectId, String branchId) {
        throw unused("deleteBranchIfExists");
    }

    @Override
    public BranchChange renameBranch(AccountKey account, String projectId, String branchId, String name) {
        throw unused("renameBranch");
    }

    @Override
    public BranchChange setDefaultBranch(AccountKey account, String projectId, String branchId) {
        throw unused("setDefaultBranch");
    }

    @Override
    public BranchChange restoreBranch(AccountKey account, String projectId, String branchId, BranchRestore restore) {
        throw unused("restoreBranch");
    }

    @Override
    public List<Endpoint> listEndpoints(AccountKey account, String projectId) {
        throw unused("listEndpoints");
    }

    @Override
    public List<Endpoint> listBranchEndpoints(AccountKey account, String projectId, String branchId) {
        require(account, NeonScopes.PROJECTS_READ);
        return List.of(new Endpoint("ep-" + branchId, branchId, "ep-" + branchId + ".example", "read_write", "idle"));
    }

    @Override
    public EndpointChange createEndpoint(AccountKey account, String projectId, EndpointCreation creation) {
        require(account, NeonScopes.PROJECTS_UPDATE);
        Instant now = Instant.now();
        Operation op = new Operation(id("op"), projectId, Optional.of(creation.branchId()), "start_compute",
                OperationStatus.RUNNING, Optional.empty(), now, now);
        operations.put(op.id(), op);
        return new EndpointChange(new Endpoint("ep-" + creation.branchId(), creation.branchId(),
                "ep-" + creation.branchId() + ".example", creation.type(), "init"), List.of(op));
    }

    /** The password of every role in the fake: tests check it is masked until asked for. */
    static final String PASSWORD = "npg_s3cretFakePassw0rd";

    @Override
    public ConnectionUri getConnectionUri(AccountKey account, String projectId, ConnectionUriQuery query) {
        require(account, NeonScopes.PROJECTS_READ);
        getProject(account, projectId);
        String branch = query.branchId().orElseThrow();
        return new ConnectionUri("postgresql://" + query.roleName() + ":" + PASSWORD + "@ep-" + branch
                + (query.pooled() ? "-pooler" : "") + ".eu-central-1.aws.neon.tech/" + query.databaseName()
                + "?sslmode=require");
    }

    @Override
    public List<Database> listDatabases(AccountKey account, String projectId, String branchId) {
        require(account, NeonScopes.PROJECTS_READ);
        return List.of(new Database(1, branchId, "neondb", "neondb_owner"), new Database(2, branchId, "analytics",
                "analyst"));
    }

    @Override
    public DatabaseChange createDatabase(AccountKey account, String projectId, String branchId, DatabaseCreation creation) {
        throw unused("createDatabase");
    }

    @Override
    public Optional<DatabaseChange> deleteDatabase(AccountKey account, String projectId, String branchId,
            String databaseName) {
        throw unused("deleteDatabase");
    }

    @Override
    public List<Role> listRoles(AccountKey account, String projectId, String branchId) {
        require(account, NeonScopes.PROJECTS_READ);
        return List.of(new Role(branchId, "neondb_owner", Optional.empty()), new Role(branchId, "analyst",
                Optional.empty()));
    }

    @Override
    public RoleChange createRole(AccountKey account, String projectId, String branchId, RoleCreation creation) {
        throw unused("createRole");
    }

    @Override
    public RolePassword revealRolePassword(AccountKey account, String projectId, String branchId, String roleName) {
        throw unused("revealRolePassword");
    }

    @Override
    public RoleChange resetRolePassword(AccountKey account, String projectId, String branchId, String roleName) {
        throw unused("resetRolePassword");
    }

    /** Adds a project directly, as if created elsewhere (e.g. in the Neon console). */
    Project addProject(String name) {
        Instant now = Instant.now();
        Project p = new Project(id("proj"), name, "aws-eu-central-1", 16, now, now, Optional.empty(), Optional.empty());
        projects.put(p.id(), p);
        Branch main = new Branch(id("br"), p.id(), Optional.empty(), "main", true, false, "ready", now, Optional.empty());
        branches.put(main.id(), main);
        return p;
    }

    /**
     * Adds {@code count} branches under the project's default branch, as a bushy tree several levels deep: every
     * 17th protected, every 11th still being created ({@code init}), with sizes.
     */
    void addBranches(String projectId, int count) {
        Branch main = branches.values().stream().filter(b -> b.projectId().equals(projectId) && b.isDefault())
                .findFirst().orElseThrow();
        List<Branch> added = new ArrayList<>();
        Instant start = main.createdAt().plusSeconds(1);
        for (int i = 1; i <= count; i++) {
            Branch parent = i <= 24 ? main : added.get((i * 7) % Math.min(added.size(), 24 + i / 3));
            Branch b = new Branch(id("br"), projectId, Optional.of(parent.id()), "feature-" + i + (i % 5 == 0
                    ? "-with-a-long-descriptive-name" : ""), false, i % 17 == 0, i % 11 == 0 ? "init" : "ready",
                    start.plusSeconds(i), Optional.of(1_000_000L * i));
            branches.put(b.id(), b);
            added.add(b);
        }
    }

    static ScopeSet readOnly() {
        return ScopeSet.of(Scope.OPENID, NeonScopes.OFFLINE, Scope.OFFLINE_ACCESS, NeonScopes.PROJECTS_READ);
    }
}
