package dev.neonoauth.sandbox.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neonoauth.sandbox.SandboxUser;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Branch;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Database;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Endpoint;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Operation;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Org;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Project;
import dev.neonoauth.sandbox.internal.api.ApiRecords.Role;
import dev.neonoauth.sandbox.internal.store.SandboxStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The Neon account data behind the API: organizations, projects, branches, endpoints, roles, databases, operations. */
public final class NeonData {

    static final Duration RECOVERY_WINDOW = Duration.ofDays(7);

    /** Everything a create call produced, for the 201 response. */
    record Created(Project project, Branch branch, List<Endpoint> endpoints, List<Role> roles, List<Database> databases,
                   List<Operation> operations) {
    }

    /** One object after a change, with the operations the change started. */
    record Change<T>(T item, List<Operation> operations) {
    }

    /** What a connection URI is made of. */
    record Connection(Endpoint endpoint, Role role, Database database) {
    }

    record Page<T>(List<T> items, String next) {
    }

    private final Clock clock;
    private final Duration operationDelay;
    private final NeonIds ids = new NeonIds(new SecureRandom());
    private final SandboxStore store;
    final SandboxStore.Table<Org> orgs;
    final SandboxStore.Table<Project> projects;
    final SandboxStore.Table<Branch> branches;
    final SandboxStore.Table<Endpoint> endpoints;
    final SandboxStore.Table<Role> roles;
    final SandboxStore.Table<Database> databases;
    final SandboxStore.Table<Operation> operations;
    private final AtomicLong databaseIds;
    private final Object lock = new Object();

    public NeonData(SandboxStore store, Clock clock, Duration operationDelay) {
        this.store = store;
        this.clock = clock;
        this.operationDelay = operationDelay;
        this.orgs = store.table("api.orgs", Org.class);
        this.projects = store.table("api.projects", Project.class);
        this.branches = store.table("api.branches", Branch.class);
        this.endpoints = store.table("api.endpoints", Endpoint.class);
        this.roles = store.table("api.roles", Role.class);
        this.databases = store.table("api.databases", Database.class);
        this.operations = store.table("api.operations", Operation.class);
        this.databaseIds = new AtomicLong(databases.values().stream().mapToLong(Database::id).max().orElse(1000L));
    }

    Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- seed

    /** Seeds each user's account once (a persisted store is not seeded again). */
    public void seed(List<SandboxUser> users) {
        synchronized (lock) {
            for (SandboxUser user : users) {
                String key = "seeded." + user.id();
                if (store.meta(key).isPresent()) {
                    continue;
                }
                seedUser(user);
                store.meta(key, "true");
            }
        }
    }

    private void seedUser(SandboxUser user) {
        Random r = new Random(user.id().hashCode());
        NeonIds seedIds = new NeonIds(r);
        Instant base = now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));
        String orgId = seedIds.org();
        orgs.put(orgId, new Org(orgId, user.name() + "'s Sandbox Org", user.name().toLowerCase(Locale.ROOT) + "-sandbox-org",
                "free_v3", List.of(user.id()), base, base));

        Project app = seedProject(seedIds, user, "sandbox-app", "aws-us-east-2", 17, base.plus(Duration.ofDays(1)));
        Branch main = seedBranch(seedIds, app, null, "main", true, base.plus(Duration.ofDays(1)), true);
        Branch dev = seedBranch(seedIds, app, main, "dev", false, base.plus(Duration.ofDays(2)), true);
        Branch login = seedBranch(seedIds, app, dev, "feature-login", false, base.plus(Duration.ofDays(3)), false);
        seedBranch(seedIds, app, login, "feature-login-hotfix", false, base.plus(Duration.ofDays(4)), false);
        seedBranch(seedIds, app, dev, "feature-billing", false, base.plus(Duration.ofDays(5)), false);
        seedBranch(seedIds, app, main, "staging", false, base.plus(Duration.ofDays(6)), true);

        Project analytics = seedProject(seedIds, user, "analytics", "aws-eu-central-1", 16, base.plus(Duration.ofDays(7)));
        seedBranch(seedIds, analytics, null, "main", true, base.plus(Duration.ofDays(7)), true);

        Project playground = seedProject(seedIds, user, "playground", "aws-us-west-2", 17, base.plus(Duration.ofDays(8)));
        Branch pMain = seedBranch(seedIds, playground, null, "main", true, base.plus(Duration.ofDays(8)), true);
        seedBranch(seedIds, playground, pMain, "experiment", false, base.plus(Duration.ofDays(9)), false);
    }

    private Project seedProject(NeonIds seedIds, SandboxUser user, String name, String region, int pg, Instant at) {
        Project p = new Project(seedIds.project(), user.id(), null, name, region, pg, 86400, true, "console", at, at, null);
        projects.put(p.id(), p);
        return p;
    }

    private Branch seedBranch(NeonIds seedIds, Project p, Branch parent, String name, boolean isDefault, Instant at,
                              boolean withEndpoint) {
        Branch b = new Branch(seedIds.branch(), p.id(), parent == null ? null : parent.id(), name, isDefault,
                parent == null ? null : "parent-data", parent == null ? null : seedIds.lsn(),
                parent == null ? null : at, at, at, null);
        branches.put(b.id(), b);
        addOperation(p.id(), b.id(), null, parent == null ? "create_timeline" : "create_branch", at, Duration.ZERO);
        if (parent == null) {
            roles.put(roleKey(b.id(), "neondb_owner"), new Role(b.id(), "neondb_owner", false, ids.password(), false, at, at));
            long dbId = databaseIds.incrementAndGet();
            databases.put(Long.toString(dbId), new Database(dbId, b.id(), "neondb", "neondb_owner", at, at));
        } else {
            copyRolesAndDatabases(parent.id(), b.id(), at);
        }
        if (withEndpoint) {
            Endpoint e = new Endpoint(seedIds.endpoint(), p.id(), b.id(), "read_write", 0.25, 2, at, at, null);
            endpoints.put(e.id(), e);
            addOperation(p.id(), b.id(), e.id(), "start_compute", at, Duration.ZERO);
        }
        return b;
    }

    // ---------------------------------------------------------------- organizations and access

    List<Org> orgsOf(String userId) {
        return orgs.values().stream().filter(o -> o.memberIds().contains(userId))
                .sorted(Comparator.comparing(Org::createdAt).thenComparing(Org::id)).toList();
    }

    private boolean canAccess(String userId, Project p) {
        if (p.orgId() == null) {
            return p.ownerId().equals(userId);
        }
        return orgs.get(p.orgId()).map(o -> o.memberIds().contains(userId)).orElse(false);
    }

    Project project(String userId, String projectId) {
        return projects.get(projectId).filter(p -> p.deletedAt() == null && canAccess(userId, p))
                .orElseThrow(() -> ApiException.notFound("project not found"));
    }

    boolean isLocked(String projectId) {
        Instant now = now();
        return operations.values().stream().anyMatch(o -> o.projectId().equals(projectId) && now.isBefore(o.finishesAt()));
    }

    // ---------------------------------------------------------------- projects

    Page<Project> listProjects(String userId, String orgId, String search, String cursor, int limit, boolean recoverable) {
        Instant now = now();
        if (orgId != null && orgsOf(userId).stream().noneMatch(o -> o.id().equals(orgId))) {
            throw ApiException.notFound("organization not found");
        }
        Comparator<Project> order = Comparator.comparing(Project::createdAt).reversed().thenComparing(Project::id);
        List<Project> all = projects.values().stream()
                .filter(p -> canAccess(userId, p))
                .filter(p -> orgId == null ? p.orgId() == null : orgId.equals(p.orgId()))
                .filter(p -> recoverable
                        ? p.deletedAt() != null && now.isBefore(p.deletedAt().plus(RECOVERY_WINDOW))
                        : p.deletedAt() == null)
                .filter(p -> search == null || search.isEmpty()
                        || p.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
                        || p.id().contains(search.toLowerCase(Locale.ROOT)))
                .sorted(order).toList();
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            Project boundary = projects.get(cursor).orElseThrow(() -> ApiException.badRequest("invalid cursor"));
            start = (int) all.stream().filter(p -> order.compare(p, boundary) <= 0).count();
        }
        List<Project> page = all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
        String next = page.isEmpty() ? cursor : page.get(page.size() - 1).id();
        return new Page<>(page, next);
    }

    Created createProject(SandboxUser user, JsonNode body, boolean requireOrgId) {
        JsonNode p = body.path("project");
        if (!p.isObject()) {
            throw ApiException.badRequest("request body must contain a 'project' object");
        }
        String orgId = optionalText(p, "org_id");
        if (orgId != null && orgsOf(user.id()).stream().noneMatch(o -> o.id().equals(orgId))) {
            throw ApiException.badRequest("organization not found or not accessible: " + orgId);
        }
        if (orgId == null && requireOrgId && !orgsOf(user.id()).isEmpty()) {
            throw ApiException.badRequest("org_id is required");
        }
        String region = Optional.ofNullable(optionalText(p, "region_id")).orElse(Regions.DEFAULT);
        if (!Regions.isKnown(region)) {
            throw ApiException.badRequest("region_id: unknown region '" + region + "'");
        }
        int pg = optionalInt(p, "pg_version", 17);
        if (pg < 14 || pg > 18) {
            throw ApiException.badRequest("pg_version: must be between 14 and 18");
        }
        int retention = optionalInt(p, "history_retention_seconds", 86400);
        if (retention < 0 || retention > 2_592_000) {
            throw ApiException.badRequest("history_retention_seconds: must be between 0 and 2592000");
        }
        String name = optionalText(p, "name");
        if (name != null && (name.isEmpty() || name.length() > 256)) {
            throw ApiException.badRequest("name: must be 1 to 256 characters");
        }
        JsonNode b = p.path("branch");
        String branchName = Optional.ofNullable(optionalText(b, "name")).orElse("main");
        String databaseName = Optional.ofNullable(optionalText(b, "database_name")).orElse("neondb");
        String roleName = Optional.ofNullable(optionalText(b, "role_name")).orElse(databaseName + "_owner");
        boolean storePasswords = !p.has("store_passwords") || p.get("store_passwords").asBoolean(true);
        synchronized (lock) {
            Instant now = now();
            String id = ids.project();
            Project project = new Project(id, user.id(), orgId, name == null ? id : name, region, pg, retention,
                    storePasswords, "console", now, now, null);
            projects.put(id, project);
            Branch branch = new Branch(ids.branch(), id, null, branchName, true, null, null, null, now, now, null);
            branches.put(branch.id(), branch);
            Role role = new Role(branch.id(), roleName, false, ids.password(), false, now, now);
            roles.put(roleKey(branch.id(), roleName), role);
            long dbId = databaseIds.incrementAndGet();
            Database db = new Database(dbId, branch.id(), databaseName, roleName, now, now);
            databases.put(Long.toString(dbId), db);
            Endpoint endpoint = new Endpoint(ids.endpoint(), id, branch.id(), "read_write", 0.25, 2, now, now, null);
            endpoints.put(endpoint.id(), endpoint);
            List<Operation> ops = List.of(
                    addOperation(id, branch.id(), null, "create_timeline", now, operationDelay),
                    addOperation(id, branch.id(), endpoint.id(), "start_compute", now, operationDelay));
            return new Created(project, branch, List.of(endpoint), List.of(role), List.of(db), ops);
        }
    }

    Project updateProject(String userId, String projectId, JsonNode body) {
        JsonNode p = body.path("project");
        if (!p.isObject()) {
            throw ApiException.badRequest("request body must contain a 'project' object");
        }
        synchronized (lock) {
            Project current = project(userId, projectId);
            String name = Optional.ofNullable(optionalText(p, "name")).orElse(current.name());
            if (name.isEmpty() || name.length() > 256) {
                throw ApiException.badRequest("name: must be 1 to 256 characters");
            }
            int retention = optionalInt(p, "history_retention_seconds", current.historyRetentionSeconds());
            if (retention < 0 || retention > 2_592_000) {
                throw ApiException.badRequest("history_retention_seconds: must be between 0 and 2592000");
            }
            Project updated = current.withChanges(name, retention, now());
            projects.put(updated.id(), updated);
            return updated;
        }
    }

    Project deleteProject(String userId, String projectId) {
        synchronized (lock) {
            Project current = project(userId, projectId);
            if (isLocked(projectId)) {
                throw ApiException.locked();
            }
            Instant now = now();
            Project deleted = current.withDeletedAt(now, now);
            projects.put(deleted.id(), deleted);
            return deleted;
        }
    }

    Project recoverProject(String userId, String projectId) {
        synchronized (lock) {
            Project p = projects.get(projectId).filter(x -> canAccess(userId, x))
                    .orElseThrow(() -> ApiException.notFound("project not found"));
            if (p.deletedAt() == null) {
                throw ApiException.badRequest("project is not deleted");
            }
            if (!now().isBefore(p.deletedAt().plus(RECOVERY_WINDOW))) {
                throw ApiException.notFound("project not found");
            }
            Project recovered = p.withDeletedAt(null, now());
            projects.put(recovered.id(), recovered);
            return recovered;
        }
    }

    // ---------------------------------------------------------------- branches

    List<Branch> branchesOf(String projectId, boolean includeDeleted) {
        return branches.values().stream().filter(b -> b.projectId().equals(projectId))
                .filter(b -> includeDeleted || b.deletedAt() == null).toList();
    }

    Page<Branch> listBranches(String projectId, String search, String sortBy, String sortOrder, String cursor,
                              Integer limit, boolean includeDeleted) {
        Comparator<Branch> order = switch (sortBy) {
            case "name" -> Comparator.comparing(Branch::name);
            case "created_at" -> Comparator.comparing(Branch::createdAt);
            default -> Comparator.comparing(Branch::updatedAt);
        };
        if ("desc".equals(sortOrder)) {
            order = order.reversed();
        }
        order = order.thenComparing(Branch::id);
        List<Branch> all = branchesOf(projectId, includeDeleted).stream()
                .filter(b -> search == null || search.isEmpty()
                        || b.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
                        || b.id().contains(search))
                .sorted(order).toList();
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            String lastId = decodeBranchCursor(cursor, sortBy, sortOrder);
            Branch boundary = branches.get(lastId).orElseThrow(() -> ApiException.badRequest("invalid cursor"));
            Comparator<Branch> o = order;
            start = (int) all.stream().filter(b -> o.compare(b, boundary) <= 0).count();
        }
        int size = limit == null ? all.size() : limit;
        List<Branch> page = all.subList(Math.min(start, all.size()), Math.min(start + size, all.size()));
        boolean more = start + page.size() < all.size();
        String next = more && !page.isEmpty() ? encodeBranchCursor(page.get(page.size() - 1).id(), sortBy, sortOrder) : null;
        return new Page<>(page, next);
    }

    private static String encodeBranchCursor(String lastId, String sortBy, String sortOrder) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((sortBy + "|" + sortOrder + "|" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeBranchCursor(String cursor, String sortBy, String sortOrder) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals(sortBy) || !parts[1].equals(sortOrder)) {
                throw ApiException.badRequest("invalid cursor: it belongs to another sort order");
            }
            return parts[2];
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid cursor");
        }
    }

    Branch branch(String projectId, String branchId) {
        return branches.get(branchId).filter(b -> b.projectId().equals(projectId) && b.deletedAt() == null)
                .orElseThrow(() -> ApiException.notFound("branch not found"));
    }

    Created createBranch(Project project, JsonNode body) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body.path("branch");
        synchronized (lock) {
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            String parentId = optionalText(b, "parent_id");
            Branch parent = parentId == null
                    ? branchesOf(project.id(), false).stream().filter(Branch::isDefault).findFirst()
                            .orElseThrow(() -> ApiException.badRequest("project has no default branch"))
                    : branches.get(parentId).filter(x -> x.projectId().equals(project.id()) && x.deletedAt() == null)
                            .orElseThrow(() -> ApiException.notFound("parent branch not found"));
            String initSource = Optional.ofNullable(optionalText(b, "init_source")).orElse("parent-data");
            if (!Set.of("parent-data", "schema-only").contains(initSource)) {
                throw ApiException.badRequest("init_source: must be 'parent-data' or 'schema-only'");
            }
            Instant now = now();
            String id = ids.branch();
            String name = Optional.ofNullable(optionalText(b, "name")).orElse(id);
            if (name.isEmpty() || name.length() > 256) {
                throw ApiException.badRequest("name: must be 1 to 256 characters");
            }
            boolean schemaOnly = "schema-only".equals(initSource);
            Branch branch = new Branch(id, project.id(), schemaOnly ? null : parent.id(), name, false, initSource,
                    schemaOnly ? null : ids.lsn(), schemaOnly ? null : now, now, now, null);
            branches.put(id, branch);
            copyRolesAndDatabases(parent.id(), id, now);
            List<Operation> ops = new ArrayList<>();
            ops.add(addOperation(project.id(), id, null, "create_branch", now, operationDelay));
            List<Endpoint> created = new ArrayList<>();
            JsonNode eps = body == null ? null : body.path("endpoints");
            if (eps != null && eps.isArray()) {
                for (JsonNode e : eps) {
                    String type = optionalText(e, "type");
                    if (!"read_write".equals(type) && !"read_only".equals(type)) {
                        throw ApiException.badRequest("endpoints[].type: must be 'read_write' or 'read_only'");
                    }
                    double min = e.path("autoscaling_limit_min_cu").asDouble(0.25);
                    double max = e.path("autoscaling_limit_max_cu").asDouble(Math.max(min, 2));
                    Endpoint endpoint = new Endpoint(ids.endpoint(), project.id(), id, type, min, max, now, now, null);
                    endpoints.put(endpoint.id(), endpoint);
                    created.add(endpoint);
                    ops.add(addOperation(project.id(), id, endpoint.id(), "start_compute", now, operationDelay));
                }
            }
            return new Created(project, branch, created, rolesOf(id), databasesOf(id), ops);
        }
    }

    record Deleted(Branch branch, List<Operation> operations) {
    }

    /** Empty when the branch does not exist or was already deleted (Neon answers 204). */
    Optional<Deleted> deleteBranch(Project project, String branchId) {
        synchronized (lock) {
            Optional<Branch> existing = branches.get(branchId)
                    .filter(x -> x.projectId().equals(project.id()) && x.deletedAt() == null);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            Branch b = existing.get();
            if (b.isDefault()) {
                throw ApiException.badRequest("cannot delete the project's default branch");
            }
            if (branchesOf(project.id(), false).stream().anyMatch(c -> b.id().equals(c.parentId()))) {
                throw ApiException.badRequest("cannot delete a branch that has child branches");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            Instant now = now();
            List<Operation> ops = new ArrayList<>();
            for (Endpoint e : endpointsOf(project.id())) {
                if (e.branchId().equals(b.id())) {
                    endpoints.put(e.id(), e.withDeletedAt(now));
                    ops.add(addOperation(project.id(), b.id(), e.id(), "suspend_compute", now, operationDelay));
                }
            }
            ops.add(addOperation(project.id(), b.id(), null, "delete_timeline", now, operationDelay));
            Branch deleted = b.withDeletedAt(now);
            branches.put(deleted.id(), deleted);
            return Optional.of(new Deleted(deleted, ops));
        }
    }

    /** {@code PATCH .../branches/{branch_id}}: the name; protection and expiry are not emulated. */
    Branch updateBranch(Project project, String branchId, JsonNode body) {
        JsonNode b = body.path("branch");
        if (!b.isObject()) {
            throw ApiException.badRequest("request body must contain a 'branch' object");
        }
        if (b.has("protected") && b.get("protected").asBoolean(false)) {
            throw ApiException.badRequest("protected: the sandbox does not emulate protected branches");
        }
        if (b.hasNonNull("expires_at")) {
            throw ApiException.badRequest("expires_at: the sandbox does not emulate branch expiry");
        }
        String name = optionalText(b, "name");
        if (name != null && (name.isEmpty() || name.length() > 256)) {
            throw ApiException.badRequest("name: must be 1 to 256 characters");
        }
        synchronized (lock) {
            Branch current = branch(project.id(), branchId);
            if (name == null) {
                return current;
            }
            Branch renamed = current.withName(name, now());
            branches.put(renamed.id(), renamed);
            return renamed;
        }
    }

    /** {@code POST .../set_as_default}: the previous default branch stops being the default. */
    Branch setDefaultBranch(Project project, String branchId) {
        synchronized (lock) {
            Branch target = branch(project.id(), branchId);
            if (target.isDefault()) {
                return target;
            }
            Instant now = now();
            for (Branch b : branchesOf(project.id(), false)) {
                if (b.isDefault()) {
                    branches.put(b.id(), b.withDefault(false, now));
                }
            }
            Branch newDefault = target.withDefault(true, now);
            branches.put(newDefault.id(), newDefault);
            return newDefault;
        }
    }

    /**
     * {@code POST .../restore} (BranchRestoreRequest): the branch gets the source's history (at an LSN, a timestamp
     * or the head) as its new parent point; {@code preserve_under_name} keeps the previous state as a new branch,
     * which takes over the children (and, when the branch is restored from its own history, becomes its parent).
     */
    Change<Branch> restoreBranch(Project project, String branchId, JsonNode body) {
        String sourceId = optionalText(body, "source_branch_id");
        if (sourceId == null) {
            throw ApiException.badRequest("source_branch_id: required");
        }
        String lsn = optionalText(body, "source_lsn");
        String rawTimestamp = optionalText(body, "source_timestamp");
        String preserveUnder = optionalText(body, "preserve_under_name");
        if (lsn != null && rawTimestamp != null) {
            throw ApiException.badRequest("source_lsn and source_timestamp: give one of them, not both");
        }
        if (lsn != null && !lsn.matches("^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$")) {
            throw ApiException.badRequest("source_lsn: not an LSN (like 0/1E19478)");
        }
        if (preserveUnder != null && (preserveUnder.isEmpty() || preserveUnder.length() > 256)) {
            throw ApiException.badRequest("preserve_under_name: must be 1 to 256 characters");
        }
        Instant timestamp = rawTimestamp == null ? null : parseTimestamp(rawTimestamp, "source_timestamp");
        synchronized (lock) {
            Branch target = branch(project.id(), branchId);
            Branch source = branches.get(sourceId).filter(x -> x.projectId().equals(project.id()) && x.deletedAt() == null)
                    .orElseThrow(() -> ApiException.notFound("source branch not found"));
            boolean ownHistory = source.id().equals(target.id());
            if (ownHistory && lsn == null && timestamp == null) {
                throw ApiException.badRequest("source_lsn or source_timestamp is required to restore a branch from its own history");
            }
            List<Branch> children = branchesOf(project.id(), false).stream()
                    .filter(c -> target.id().equals(c.parentId())).toList();
            if ((ownHistory || !children.isEmpty()) && preserveUnder == null) {
                throw ApiException.badRequest("preserve_under_name is required when the branch has children or is restored "
                        + "from its own history");
            }
            Instant now = now();
            if (timestamp != null && (timestamp.isAfter(now) || timestamp.isBefore(source.createdAt())
                    || timestamp.isBefore(now.minusSeconds(project.historyRetentionSeconds())))) {
                throw ApiException.badRequest("source_timestamp: outside the source branch's history (its creation, and at "
                        + "most history_retention_seconds back)");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            List<Operation> ops = new ArrayList<>();
            String newParent = source.id();
            if (preserveUnder != null) {
                Branch backup = new Branch(ids.branch(), project.id(), target.parentId(), preserveUnder, false,
                        target.initSource(), target.parentLsn(), target.parentTimestamp(), now, now, null);
                branches.put(backup.id(), backup);
                copyRolesAndDatabases(target.id(), backup.id(), now);
                for (Branch child : children) {
                    branches.put(child.id(), child.withParent(backup.id(), child.parentLsn(), child.parentTimestamp(), now));
                }
                ops.add(addOperation(project.id(), backup.id(), null, "create_branch", now, operationDelay));
                if (ownHistory) {
                    newParent = backup.id();
                }
            }
            Branch restored = target.withParent(newParent, lsn != null ? lsn.toUpperCase(Locale.ROOT) : ids.lsn(),
                    lsn != null ? null : timestamp != null ? timestamp : now, now);
            branches.put(restored.id(), restored);
            ops.add(0, addOperation(project.id(), restored.id(), null, "create_timeline", now, operationDelay));
            return new Change<>(restored, ops);
        }
    }

    Branch defaultBranch(String projectId) {
        return branchesOf(projectId, false).stream().filter(Branch::isDefault).findFirst()
                .orElseThrow(() -> ApiException.notFound("project has no default branch"));
    }

    List<Endpoint> endpointsOfBranch(String projectId, String branchId) {
        return endpointsOf(projectId).stream().filter(e -> e.branchId().equals(branchId)).toList();
    }

    /** {@code POST /projects/{id}/endpoints} (EndpointCreateRequest): at most one read-write endpoint per branch. */
    Change<Endpoint> createEndpoint(Project project, JsonNode body) {
        JsonNode e = body.path("endpoint");
        if (!e.isObject()) {
            throw ApiException.badRequest("request body must contain an 'endpoint' object");
        }
        String branchId = optionalText(e, "branch_id");
        if (branchId == null) {
            throw ApiException.badRequest("endpoint.branch_id: required");
        }
        String type = optionalText(e, "type");
        if (!"read_write".equals(type) && !"read_only".equals(type)) {
            throw ApiException.badRequest("endpoint.type: must be 'read_write' or 'read_only'");
        }
        String region = optionalText(e, "region_id");
        if (region != null && !region.equals(project.regionId())) {
            throw ApiException.badRequest("endpoint.region_id: only the project's region " + project.regionId() + " is permitted");
        }
        double min = e.path("autoscaling_limit_min_cu").asDouble(0.25);
        double max = e.path("autoscaling_limit_max_cu").asDouble(Math.max(min, 2));
        if (min < 0.25 || max < min) {
            throw ApiException.badRequest("autoscaling limits: the minimum is at least 0.25 and not above the maximum");
        }
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            if ("read_write".equals(type) && endpointsOfBranch(project.id(), branch.id()).stream()
                    .anyMatch(x -> x.type().equals("read_write"))) {
                throw new ApiException(409, "CONFLICT", "the branch already has a read-write compute endpoint");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            Instant now = now();
            Endpoint endpoint = new Endpoint(ids.endpoint(), project.id(), branch.id(), type, min, max, now, now, null);
            endpoints.put(endpoint.id(), endpoint);
            return new Change<>(endpoint, List.of(addOperation(project.id(), branch.id(), endpoint.id(), "start_compute",
                    now, operationDelay)));
        }
    }

    /**
     * {@code GET /projects/{id}/connection_uri}: the branch (default: the project's default branch), its endpoint
     * (default: its read-write one), a database and a role of that branch that can log in.
     */
    Connection connection(Project project, String branchId, String endpointId, String databaseName, String roleName) {
        synchronized (lock) {
            Branch branch = branchId == null ? defaultBranch(project.id()) : branch(project.id(), branchId);
            List<Endpoint> candidates = endpointsOfBranch(project.id(), branch.id());
            Endpoint endpoint = endpointId == null
                    ? candidates.stream().filter(e -> e.type().equals("read_write")).findFirst()
                            .orElseThrow(() -> ApiException.notFound("the branch has no read-write compute endpoint"))
                    : candidates.stream().filter(e -> e.id().equals(endpointId)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("endpoint not found on the branch"));
            Database database = database(branch.id(), databaseName)
                    .orElseThrow(() -> ApiException.notFound("database not found"));
            Role role = loginRole(project, branch.id(), roleName);
            return new Connection(endpoint, role, database);
        }
    }

    Optional<Database> database(String branchId, String name) {
        return databasesOf(branchId).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** {@code POST .../databases} (DatabaseCreateRequest): a new name, owned by a role of the branch. */
    Change<Database> createDatabase(Project project, String branchId, JsonNode body) {
        JsonNode d = body.path("database");
        if (!d.isObject()) {
            throw ApiException.badRequest("request body must contain a 'database' object");
        }
        String name = postgresName(optionalText(d, "name"), "database.name");
        String owner = postgresName(optionalText(d, "owner_name"), "database.owner_name");
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            if (role(branch.id(), owner).isEmpty()) {
                throw ApiException.badRequest("database.owner_name: the branch has no role '" + owner + "'");
            }
            if (database(branch.id(), name).isPresent()) {
                throw new ApiException(409, "CONFLICT", "database '" + name + "' already exists");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            Instant now = now();
            long dbId = databaseIds.incrementAndGet();
            Database db = new Database(dbId, branch.id(), name, owner, now, now);
            databases.put(Long.toString(dbId), db);
            return new Change<>(db, applyConfig(project, branch.id(), now));
        }
    }

    /** {@code DELETE .../databases/{name}}; empty when the database does not exist (Neon answers 204). */
    Optional<Change<Database>> deleteDatabase(Project project, String branchId, String name) {
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            Optional<Database> db = database(branch.id(), name);
            if (db.isEmpty()) {
                return Optional.empty();
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            databases.remove(Long.toString(db.get().id()));
            return Optional.of(new Change<>(db.get(), applyConfig(project, branch.id(), now())));
        }
    }

    Optional<Role> role(String branchId, String name) {
        return roles.get(roleKey(branchId, name));
    }

    /** {@code POST .../roles} (RoleCreateRequest): a new name; a password unless {@code no_login}. */
    Change<Role> createRole(Project project, String branchId, JsonNode body) {
        JsonNode r = body.path("role");
        if (!r.isObject()) {
            throw ApiException.badRequest("request body must contain a 'role' object");
        }
        String name = postgresName(optionalText(r, "name"), "role.name");
        JsonNode noLoginNode = r.get("no_login");
        if (noLoginNode != null && !noLoginNode.isNull() && !noLoginNode.isBoolean()) {
            throw ApiException.badRequest("role.no_login: must be a boolean");
        }
        boolean noLogin = noLoginNode != null && noLoginNode.asBoolean(false);
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            if (role(branch.id(), name).isPresent()) {
                throw new ApiException(409, "CONFLICT", "role '" + name + "' already exists");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            Instant now = now();
            Role role = new Role(branch.id(), name, false, noLogin ? null : ids.password(), noLogin, now, now);
            roles.put(roleKey(branch.id(), name), role);
            return new Change<>(role, applyConfig(project, branch.id(), now));
        }
    }

    /** {@code DELETE .../roles/{name}}; empty when the role does not exist (Neon answers 204). */
    Optional<Change<Role>> deleteRole(Project project, String branchId, String name) {
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            Optional<Role> role = role(branch.id(), name);
            if (role.isEmpty()) {
                return Optional.empty();
            }
            if (databasesOf(branch.id()).stream().anyMatch(d -> d.ownerName().equals(name))) {
                throw ApiException.badRequest("role '" + name + "' owns databases; delete them or change their owner first");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            roles.remove(roleKey(branch.id(), name));
            return Optional.of(new Change<>(role.get(), applyConfig(project, branch.id(), now())));
        }
    }

    /** A role that can log in, for {@code reveal_password} and {@code connection_uri}: 404, 412 or 400 otherwise. */
    Role loginRole(Project project, String branchId, String name) {
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            Role role = role(branch.id(), name).orElseThrow(() -> ApiException.notFound("role not found"));
            if (!project.storePasswords()) {
                throw new ApiException(412, "PRECONDITION_FAILED", "storing passwords is disabled for this project");
            }
            if (role.noLogin()) {
                throw ApiException.badRequest("role '" + name + "' cannot log in (no_login), so it has no password");
            }
            if (role.password() == null) {
                // a role kept in a data file of a sandbox that did not store passwords yet
                role = role.withPassword(ids.password(), role.updatedAt());
                roles.put(roleKey(branch.id(), name), role);
            }
            return role;
        }
    }

    /** {@code POST .../reset_password}: a new password, effective when the operations finish. */
    Change<Role> resetPassword(Project project, String branchId, String name) {
        synchronized (lock) {
            Branch branch = branch(project.id(), branchId);
            Role role = role(branch.id(), name).orElseThrow(() -> ApiException.notFound("role not found"));
            if (role.noLogin()) {
                throw ApiException.badRequest("role '" + name + "' cannot log in (no_login), so it has no password");
            }
            if (isLocked(project.id())) {
                throw ApiException.locked();
            }
            Instant now = now();
            Role reset = role.withPassword(ids.password(), now);
            roles.put(roleKey(branch.id(), name), reset);
            return new Change<>(reset, applyConfig(project, branch.id(), now));
        }
    }

    /** Neon applies role and database changes to the branch's computes: one {@code apply_config} per endpoint. */
    private List<Operation> applyConfig(Project project, String branchId, Instant now) {
        return endpointsOfBranch(project.id(), branchId).stream()
                .map(e -> addOperation(project.id(), branchId, e.id(), "apply_config", now, operationDelay)).toList();
    }

    /** Role and database names: 1 to 63 bytes (Postgres' NAMEDATALEN), no control characters. */
    private static String postgresName(String value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field + ": required");
        }
        if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > 63
                || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field + ": must be 1 to 63 bytes without control characters");
        }
        return value;
    }

    private static Instant parseTimestamp(String value, String field) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(field + ": not an RFC 3339 date-time");
        }
    }

    // ---------------------------------------------------------------- endpoints, roles, databases, operations

    List<Endpoint> endpointsOf(String projectId) {
        return endpoints.values().stream().filter(e -> e.projectId().equals(projectId) && e.deletedAt() == null)
                .sorted(Comparator.comparing(Endpoint::createdAt).thenComparing(Endpoint::id)).toList();
    }

    List<Role> rolesOf(String branchId) {
        return roles.values().stream().filter(r -> r.branchId().equals(branchId))
                .sorted(Comparator.comparing(Role::name)).toList();
    }

    List<Database> databasesOf(String branchId) {
        return databases.values().stream().filter(d -> d.branchId().equals(branchId))
                .sorted(Comparator.comparingLong(Database::id)).toList();
    }

    List<Operation> operationsOf(String projectId) {
        return operations.values().stream().filter(o -> o.projectId().equals(projectId))
                .sorted(Comparator.comparing(Operation::createdAt).reversed().thenComparing(Operation::id)).toList();
    }

    Page<Operation> listOperations(String projectId, String cursor, int limit) {
        List<Operation> all = operationsOf(projectId);
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            List<String> idsInOrder = all.stream().map(Operation::id).toList();
            int at = idsInOrder.indexOf(cursor);
            if (at < 0) {
                throw ApiException.badRequest("invalid cursor");
            }
            start = at + 1;
        }
        List<Operation> page = all.subList(Math.min(start, all.size()), Math.min(start + limit, all.size()));
        return new Page<>(page, page.isEmpty() ? cursor : page.get(page.size() - 1).id());
    }

    Operation operation(String projectId, String operationId) {
        return operations.get(operationId).filter(o -> o.projectId().equals(projectId))
                .orElseThrow(() -> ApiException.notFound("operation not found"));
    }

    /** Endpoint state: {@code init} while its start operation runs, {@code active} for five minutes, then {@code idle}. */
    String endpointState(Endpoint e, Instant now) {
        Optional<Operation> start = operations.values().stream()
                .filter(o -> e.id().equals(o.endpointId()) && o.action().equals("start_compute")).findFirst();
        if (start.isPresent() && now.isBefore(start.get().finishesAt())) {
            return "init";
        }
        Instant activeSince = start.map(Operation::finishesAt).orElse(e.createdAt());
        return now.isBefore(activeSince.plus(Duration.ofMinutes(5))) ? "active" : "idle";
    }

    /** Branch state: {@code init} while one of its create operations runs, then {@code ready}. */
    boolean branchInitializing(Branch b, Instant now) {
        return operations.values().stream().anyMatch(o -> b.id().equals(o.branchId())
                && (o.action().equals("create_branch") || o.action().equals("create_timeline"))
                && now.isBefore(o.finishesAt()));
    }

    private Operation addOperation(String projectId, String branchId, String endpointId, String action, Instant at,
                                   Duration delay) {
        Operation op = new Operation(UUID.randomUUID().toString(), projectId, branchId, endpointId, action, at,
                at.plus(delay.dividedBy(4)), at.plus(delay));
        operations.put(op.id(), op);
        return op;
    }

    private void copyRolesAndDatabases(String fromBranch, String toBranch, Instant at) {
        for (Role r : rolesOf(fromBranch)) {
            roles.put(roleKey(toBranch, r.name()), r.copyTo(toBranch, at));
        }
        for (Database d : databasesOf(fromBranch)) {
            long dbId = databaseIds.incrementAndGet();
            databases.put(Long.toString(dbId), new Database(dbId, toBranch, d.name(), d.ownerName(), at, at));
        }
    }

    private static String roleKey(String branchId, String name) {
        return branchId + "/" + name;
    }

    static String optionalText(JsonNode node, String field) {
        if (node == null || !node.has(field) || node.get(field).isNull()) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + ": must be a string");
        }
        return v.asText();
    }

    static int optionalInt(JsonNode node, String field, int fallback) {
        if (node == null || !node.has(field) || node.get(field).isNull()) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber()) {
            throw ApiException.badRequest(field + ": must be an integer");
        }
        return v.asInt();
    }
}
