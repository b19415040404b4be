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
    static final List<String> REGIONS = List.of(
            "aws-us-east-1", "aws-us-east-2", "aws-us-west-2", "aws-eu-central-1", "aws-eu-west-2",
            "aws-ap-southeast-1", "aws-ap-southeast-2", "aws-sa-east-1", "azure-eastus2", "azure-westus3", "azure-gwc");
    static final List<Integer> PG_VERSIONS = List.of(14, 15, 16, 17, 18);
    static final int DEFAULT_PG = 17;
    private static final int MAX_OPERATIONS = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "renamed", "The project was renamed.",
            "recovered", "The project was recovered.",
            "branch-deleted", "The branch was deleted.");

    private final NeonApi neon;
    private final Guard guard;
    private final Pages pages;

    @Inject
    ProjectRoutes(NeonApi neon, Guard guard, Pages pages) {
        this.neon = neon;
        this.guard = guard;
        this.pages = pages;
    }

    void list(Context ctx) {
        AccountKey account = guard.account(ctx);
        Optional<String> org = Ids.optionalNeonId(ctx.queryParam("org"));
        List<Project> projects = neon.listProjects(account, new ProjectQuery(org, Optional.empty()));
        List<ProjectRow> rows = projects.stream()
                .map(p -> new ProjectRow(p.id(), p.name(), p.regionId(), p.pgVersion(), BranchTree.formatInstant(p.createdAt())))
                .toList();
        Optional<String> notice = Optional.ofNullable(ctx.queryParam("notice")).map(NOTICES::get);
        pages.render(ctx, 200, "projects.jte", "Projects",
                new ProjectsView(rows, organizations(account), org, REGIONS, PG_VERSIONS, DEFAULT_PG, notice));
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
        redirectToProgress(ctx, created.project().id(), created.operations());
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
        if (done && !failed) {
            ctx.redirect("/projects/" + projectId, HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, 200, "progress.jte", "Working…",
                new ProgressView(projectId, "Setting up the project", rows, done, failed), done ? 0 : 1);
    }

    void rename(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String name = Ids.requireName(ctx.formParam("name"), "project");
        neon.updateProject(account, projectId, ProjectUpdate.rename(name));
        ctx.redirect("/projects?notice=renamed", HttpStatus.SEE_OTHER);
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
                "The project " + change.project().name() + " was deleted. You can recover it for a while.",
                Optional.of("/projects/" + change.project().id() + "/recover"), Optional.of("Recover it")));
    }

    void recover(Context ctx) {
        AccountKey account = guard.account(ctx);
        String fromPath = ctx.pathParamMap().get("id");
        String projectId = Ids.requireNeonId(fromPath != null ? fromPath : Optional.ofNullable(ctx.formParam("project_id"))
                .map(String::strip).orElse(""));
        ProjectChange change = neon.recoverProject(account, projectId);
        redirectToProgress(ctx, change.project().id(), change.operations());
    }

    void show(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        Project project = neon.getProject(account, projectId);
        List<Branch> branches = neon.listBranches(account, projectId);
        Map<String, Branch> byId = branches.stream().collect(Collectors.toMap(Branch::id, Function.identity(), (a, b) -> a));
        Optional<Branch> selected = Ids.optionalNeonId(ctx.queryParam("branch")).map(byId::get);
        Optional<BranchDetails> details = selected.map(b -> new BranchDetails(b.id(), b.name(),
                b.parentId().map(p -> byId.containsKey(p) ? byId.get(p).name() : p).orElse("none (root)"),
                b.isDefault(), b.isProtected(), b.currentState(), BranchTree.formatInstant(b.createdAt()),
                b.logicalSizeBytes().map(s -> s + " bytes").orElse("unknown")));
        String preselected = selected.map(Branch::id)
                .orElseGet(() -> branches.stream().filter(Branch::isDefault).map(Branch::id).findFirst().orElse(""));
        List<ProjectView.BranchOption> parents = branches.stream()
                .map(b -> new ProjectView.BranchOption(b.id(), b.name(), b.id().equals(preselected)))
                .toList();
        pages.render(ctx, 200, "project.jte", project.name(), new ProjectView(project.id(), project.name(),
                project.regionId(), project.pgVersion(), BranchTree.layout(branches), details,
                selected.map(Branch::id).orElse(""), parents));
    }

    void createBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String rawName = ctx.formParam("name");
        Optional<String> name = rawName == null || rawName.isBlank()
                ? Optional.empty() : Optional.of(Ids.requireName(rawName, "branch"));
        Optional<String> parent = Ids.optionalNeonId(ctx.formParam("parent"));
        BranchChange change = neon.createBranch(account, projectId, new BranchCreation(name, parent));
        ctx.redirect("/projects/" + projectId + "?branch=" + change.branch().id() + "#details", HttpStatus.SEE_OTHER);
    }

    void confirmDeleteBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String branchId = Ids.requireNeonId(ctx.pathParam("branch"));
        Branch branch = neon.listBranches(account, projectId).stream().filter(b -> b.id().equals(branchId)).findFirst()
                .orElseThrow(WebExceptions.NotFoundException::new);
        pages.render(ctx, 200, "confirm.jte", "Delete branch", new ConfirmView(
                "Delete branch " + branch.name() + "?",
                "This deletes the branch " + branch.name() + " (" + branch.id() + ") and its compute endpoints."
                        + " Branches created from it must be deleted first.",
                "/projects/" + projectId + "/branches/" + branchId + "/delete", "Delete branch",
                "/projects/" + projectId + "?branch=" + branchId));
    }

    void deleteBranch(Context ctx) {
        AccountKey account = guard.account(ctx);
        String projectId = Ids.requireNeonId(ctx.pathParam("id"));
        String branchId = Ids.requireNeonId(ctx.pathParam("branch"));
        neon.deleteBranch(account, projectId, branchId);
        ctx.redirect("/projects/" + projectId, HttpStatus.SEE_OTHER);
    }

    private static void redirectToProgress(Context ctx, String projectId, List<Operation> operations) {
        List<Operation> running = operations.stream().filter(o -> !o.status().isTerminal()).limit(MAX_OPERATIONS).toList();
        if (running.isEmpty()) {
            ctx.redirect("/projects/" + projectId, HttpStatus.SEE_OTHER);
            return;
        }
        String query = running.stream().map(o -> "op=" + URLEncoder.encode(o.id(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        ctx.redirect("/projects/" + projectId + "/progress?" + query, HttpStatus.SEE_OTHER);
    }
}
