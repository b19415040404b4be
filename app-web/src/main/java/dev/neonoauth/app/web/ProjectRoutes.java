package dev.neonoauth.app.web;

import dev.neonoauth.app.web.tree.BranchTree;
import dev.neonoauth.app.web.view.BranchDetails;
import dev.neonoauth.app.web.view.ConfirmView;
import dev.neonoauth.app.web.view.MessageView;
import dev.neonoauth.app.web.view.OperationRow;
import dev.neonoauth.app.web.view.ProgressView;
import dev.neonoauth.app.web.view.ProjectRow;
import dev.neonoauth.app.web.view.ProjectView;
import dev.neonoauth.app.web.view.ProjectsView;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Organization;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Projects (list, create with progress, rename, delete with confirmation, recover) and the branch tree. */
@Singleton
final class ProjectRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProjectRoutes.class);
    static final List<String> REGIONS = List.of(
            "aws-us-east-1", "aws-us-east-2", "aws-us-west-2", "aws-eu-central-1", "aws-eu-west-2",
            "aws-ap-southeast-1", "aws-ap-southeast-2", "aws-sa-east-1", "azure-eastus2", "azure-westus3", "azure-gwc");
    static final List<Integer> PG_VERSIONS = List.of(14, 15, 16, 17, 18);
    static final int DEFAULT_PG = 17;
    private static final int MAX_OPERATIONS = 20;
    private static final int REFRESH_WHILE_NOT_READY_SECONDS = 3;
    private static final int MAX_CHILDREN_NAMED = 10;
    /** The progress page's heading for each change, by the one-time message shown when it is done. */
    private static final Map<String, String> PROGRESS_HEADINGS = Map.of(
            "project-created", "Setting up the project",
            "project-recovered", "Recovering the project",
            "branch-created", "Creating the branch",
            "branch-deleted", "Deleting the branch",
            "endpoint-created", "Starting the branch's compute");

    private final NeonApi neon;
    private final Guard guard;
    private final Pages pages;
    private final Flash flash;
    private final Connections connections;

    @Inject
    ProjectRoutes(NeonApi neon, Guard guard, Pages pages, Flash flash, Connections connections) {
        this.neon = neon;
        this.guard = guard;
        this.pages = pages;
        this.flash = flash;
        this.connections = connections;
    }

    void list(Context ctx) {
        AccountKey account = guard.account(ctx);
        Optional<String> org = Ids.optionalNeonId(ctx.queryParam("org"));
        List<Project> projects = neon.listProjects(account, new ProjectQuery(org, Optional.empty()));
        List<ProjectRow> rows = projects.stream()
                .map(p -> new ProjectRow(p.id(), p.name(), p.regionId(), p.pgVersion(), BranchTree.formatInstant(p.createdAt())))
                .toList();
        pages.render(ctx, 200, "projects.jte", "Projects",
                new ProjectsView(rows, organizations(account), org, REGIONS, PG_VERSIONS, DEFAULT_PG));
    }

    /** The user's organizations for the filter; an account without any (or without the scope) just has none. */
    private List<Organization> organizations(AccountKey account) {
        try {
            return neon.organizations(account);
        } catch (MissingScopeException | NeonApiException e) {
            return List.of();
        }
    }

    void create(Context ctx) {
        AccountKey account = guard.account(ctx);
        String name = Ids.requireName(ctx.formParam("name"), "project");
        String region = ctx.formParam("region");
        if (region == null || !REGIONS.contains(region)) {
            throw new WebExceptions.BadInputException("Choose one of the listed regions.");
        }
        int pg;
        try {
            pg = Integer.parseInt(Optional.ofNullable(ctx.formParam("pg_version")).orElse(""));
        } catch (NumberFormatException e) {
            throw new WebExceptions.BadInputException("Choose one of the listed Postgres versions.");
        }
        if (!PG_VERSIONS.contains(pg)) {
            throw new WebExceptions.BadInputException("Choose one of the listed Postgres versions.");
        }
        Optional<String> org = Ids.optionalNeonId(ctx.formParam("org"));
        ProjectCreated created = neon.createProject(account,
                new ProjectCreation(Optional.of(name), Optional.of(region), Optional.of(pg), org));
        redirectToProgress(ctx, created.project().id(), created.operations(), "project-created", Optional.empty());
    }

    void progress(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        List<String> ids = ctx.queryParams("op");
        if (ids.size() > MAX_OPERATIONS) {
            throw new WebExceptions.BadInputException("Too many operations.");
        }
        List<OperationRow> rows = new ArrayList<>();
        boolean done = true;
        boolean failed = false;
        for (String id : ids) {
            Operation op = neon.getOperation(account, projectId, Ids.requireNeonId(id));
            done &= op.status().isTerminal();
            failed |= op.status().isFailure();
            rows.add(new OperationRow(op.id(), op.action(), op.status().wireValue(), op.status().isTerminal(),
                    op.status().isFailure(), op.error().orElse("")));
        }
        String then = Optional.ofNullable(ctx.queryParam("then")).filter(PROGRESS_HEADINGS::containsKey)
                .orElse("project-created");
        String target = target(projectId, Ids.optionalNeonId(ctx.queryParam("branch")));
        if (done && !failed) {
            flash.set(ctx, then);
            ctx.redirect(target, HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, 200, "progress.jte", "Working…",
                new ProgressView(projectId, PROGRESS_HEADINGS.get(then), rows, done, failed, target), done ? 0 : 1);
    }

    void rename(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String name = Ids.requireName(ctx.formParam("name"), "project");
        neon.updateProject(account, projectId, ProjectUpdate.rename(name));
        flash.set(ctx, "project-renamed");
        ctx.redirect("/projects/" + projectId, HttpStatus.SEE_OTHER);
    }

    void confirmDelete(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        Project project = neon.getProject(account, projectId);
        pages.render(ctx, 200, "confirm.jte", "Delete project", new ConfirmView(
                "Delete project " + project.name() + "?",
                "This deletes the project " + project.name() + " (" + project.id() + ") with all its branches and data."
                        + " Neon keeps a deleted project for a while, so it can still be recovered.",
                "/projects/" + project.id() + "/delete", "Delete project", "/projects"));
    }

    void delete(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        ProjectChange change = neon.deleteProject(account, projectId);
        pages.render(ctx, 200, "message.jte", "Project deleted", new MessageView("Project deleted",
                "The project " + change.project().name() + " (id " + change.project().id() + ") was deleted. You can recover it for a while.",
                Optional.of("/projects/" + change.project().id() + "/recover"), Optional.of("Recover it")));
    }

    void recover(Context ctx) {
        AccountKey account = guard.account(ctx);
        String fromPath = ctx.pathParamMap().get("id");
        String projectId = Ids.requireNeonId(fromPath != null ? fromPath : Optional.ofNullable(ctx.formParam("project_id"))
                .map(String::strip).orElse(""));
        ProjectChange change = neon.recoverProject(account, projectId);
        redirectToProgress(ctx, change.project().id(), change.operations(), "project-recovered", Optional.empty());
    }

    void show(Context ctx) {
        render(ctx, false);
    }

    /** "Show password": the same page, with the connection string's password (a POST: never cached, never logged). */
    void revealConnection(Context ctx) {
        render(ctx, true);
    }

    private void render(Context ctx, boolean reveal) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        Project project = neon.getProject(account, projectId);
        List<Branch> branches = neon.listBranches(account, projectId);
        Map<String, Branch> byId = branches.stream().collect(Collectors.toMap(Branch::id, Function.identity(), (a, b) -> a));
        Optional<Branch> selected = Ids.optionalNeonId(param(ctx, "branch")).map(byId::get);
        Branch shown = selected.orElseGet(() -> branches.stream().filter(Branch::isDefault).findFirst()
                .orElse(branches.isEmpty() ? null : branches.get(0)));
        if (shown == null) {
            throw new WebExceptions.BadInputException("This project has no branch yet. Reload in a moment.");
        }
        List<ProjectView.BranchOption> parents = branches.stream()
                .map(b -> new ProjectView.BranchOption(b.id(), b.name(), b.id().equals(shown.id())))
                .toList();
        // a branch Neon is still creating: the page refreshes itself until it is ready (not once a password is shown)
        int refresh = shown.currentState().equals("ready") || reveal ? 0 : REFRESH_WHILE_NOT_READY_SECONDS;
        pages.render(ctx, 200, "project.jte", project.name(), new ProjectView(project.id(), project.name(),
                project.regionId(), project.pgVersion(), BranchTree.layout(branches), details(shown, branches, byId),
                shown.id(), connections.of(ctx, account, projectId, shown, reveal), parents), refresh);
    }

    /** A query parameter of a GET, a form field of a POST. */
    static String param(Context ctx, String name) {
        return ctx.method() == HandlerType.POST ? ctx.formParam(name) : ctx.queryParam(name);
    }

    private static BranchDetails details(Branch b, List<Branch> branches, Map<String, Branch> byId) {
        List<String> children = children(b, branches).stream().map(Branch::name).toList();
        List<String> shownChildren = children.size() <= MAX_CHILDREN_NAMED ? children : java.util.stream.Stream.concat(
                children.stream().limit(MAX_CHILDREN_NAMED),
                java.util.stream.Stream.of("and " + (children.size() - MAX_CHILDREN_NAMED) + " more")).toList();
        return new BranchDetails(b.id(), b.name(),
                b.parentId().map(p -> byId.containsKey(p) ? byId.get(p).name() : p).orElse("none (root)"),
                b.isDefault(), b.isProtected(), b.currentState(), BranchTree.formatInstant(b.createdAt()),
                b.logicalSizeBytes().map(BranchTree::formatSize).orElse("unknown"), shownChildren,
                whyNotDeletable(b, children));
    }

    private static List<Branch> children(Branch b, List<Branch> branches) {
        return branches.stream().filter(c -> c.parentId().filter(b.id()::equals).isPresent() && !c.id().equals(b.id()))
                .toList();
    }

    /** Why Neon would refuse to delete the branch, said before the user tries; empty when it can be deleted. */
    static Optional<String> whyNotDeletable(Branch b, List<String> children) {
        if (b.isDefault()) {
            return Optional.of("This is the project's default branch, so it cannot be deleted. Make another branch the"
                    + " default first.");
        }
        if (b.isProtected()) {
            return Optional.of("This branch is protected, so it cannot be deleted. Remove its protection in the Neon"
                    + " console first.");
        }
        if (!children.isEmpty()) {
            return Optional.of("This branch cannot be deleted: " + children.size()
                    + (children.size() == 1 ? " branch was" : " branches were") + " created from it ("
                    + String.join(", ", children.stream().limit(5).toList()) + (children.size() > 5 ? ", …" : "")
                    + "). Delete " + (children.size() == 1 ? "it" : "them") + " first.");
        }
        return Optional.empty();
    }

    void createBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String rawName = ctx.formParam("name");
        Optional<String> name = rawName == null || rawName.isBlank()
                ? Optional.empty() : Optional.of(Ids.requireName(rawName, "branch"));
        Optional<String> parent = Ids.optionalNeonId(ctx.formParam("parent"));
        BranchChange change = neon.createBranch(account, projectId, new BranchCreation(name, parent));
        List<Operation> operations = new ArrayList<>(change.operations());
        operations.addAll(addEndpoint(ctx, account, projectId, change.branch().id()));
        redirectToProgress(ctx, projectId, operations, "branch-created", Optional.of(change.branch().id()));
    }

    /** "Add a compute endpoint", for a branch that has none (its page offers it): then it has a connection string. */
    void createEndpoint(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String branchId = Ids.requireNeonId(ctx.pathParam("branch"));
        EndpointChange change = neon.createEndpoint(account, projectId, EndpointCreation.readWrite(branchId));
        redirectToProgress(ctx, projectId, change.operations(), "endpoint-created", Optional.of(branchId));
    }

    /**
     * A new branch gets a read-write compute endpoint, as in Neon's console, so that it has a connection string at
     * once. When Neon does not accept it now (say, busy with the branch), the branch's page offers to add one later.
     */
    private List<Operation> addEndpoint(Context ctx, AccountKey account, String projectId, String branchId) {
        try {
            return neon.createEndpoint(account, projectId, EndpointCreation.readWrite(branchId)).operations();
        } catch (NeonApiException e) {
            if (e.httpStatus() == 401) {
                throw e;
            }
            LOG.info("request {}: no compute endpoint for the new branch yet (status={} neonRequestId={})",
                    RequestIds.of(ctx), e.httpStatus(), e.requestId().orElse("-"));
            return List.of();
        }
    }

    void confirmDeleteBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        Branch branch = deletableBranch(account, projectId, Ids.requireNeonId(ctx.pathParam("branch")));
        pages.render(ctx, 200, "confirm.jte", "Delete branch", new ConfirmView(
                "Delete branch " + branch.name() + "?",
                "This deletes the branch " + branch.name() + " (" + branch.id() + "), its data and its compute"
                        + " endpoints. It cannot be undone.",
                "/projects/" + projectId + "/branches/" + branch.id() + "/delete", "Delete branch",
                "/projects/" + projectId + "?branch=" + branch.id()));
    }

    void deleteBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        Branch branch = deletableBranch(account, projectId, Ids.requireNeonId(ctx.pathParam("branch")));
        BranchChange change = neon.deleteBranch(account, projectId, branch.id());
        redirectToProgress(ctx, projectId, change.operations(), "branch-deleted", Optional.empty());
    }

    /** The branch, when Neon would delete it; else a page that says why not (before anything is sent to Neon). */
    private Branch deletableBranch(AccountKey account, String projectId, String branchId) {
        List<Branch> branches = neon.listBranches(account, projectId);
        Branch branch = branches.stream().filter(b -> b.id().equals(branchId)).findFirst()
                .orElseThrow(WebExceptions.NotFoundException::new);
        Optional<String> why = whyNotDeletable(branch, children(branch, branches).stream().map(Branch::name).toList());
        if (why.isPresent()) {
            throw new WebExceptions.BadInputException(why.get());
        }
        return branch;
    }

    private static String target(String projectId, Optional<String> branchId) {
        return "/projects/" + projectId + branchId.map(b -> "?branch=" + b).orElse("");
    }

    /**
     * To the progress page while Neon works on the change, then (or at once, when nothing runs) to {@code branchId}'s
     * page or the project's, with the one-time message {@code then}.
     */
    private void redirectToProgress(Context ctx, String projectId, List<Operation> operations, String then,
            Optional<String> branchId) {
        List<Operation> running = operations.stream().filter(o -> !o.status().isTerminal()).limit(MAX_OPERATIONS).toList();
        if (running.isEmpty()) {
            flash.set(ctx, then);
            ctx.redirect(target(projectId, branchId), HttpStatus.SEE_OTHER);
            return;
        }
        String query = running.stream().map(o -> "op=" + URLEncoder.encode(o.id(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&then=" + then + branchId.map(b -> "&branch=" + b).orElse("");
        ctx.redirect("/projects/" + projectId + "/progress?" + query, HttpStatus.SEE_OTHER);
    }
}
