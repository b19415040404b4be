package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectChange;
import dev.neonoauth.neon.api.ProjectCreated;
import dev.neonoauth.neon.api.ProjectCreation;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.neon.api.ProjectUpdate;
import dev.neonoauth.neon.api.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code projects list|get|create|update|delete|recover}. */
@Command(name = "projects", aliases = "project", mixinStandardHelpOptions = true, description = "Manage Neon projects.",
        subcommands = {ProjectsCommand.ListProjects.class, ProjectsCommand.Get.class, ProjectsCommand.Create.class,
                ProjectsCommand.Update.class, ProjectsCommand.Delete.class, ProjectsCommand.Recover.class})
final class ProjectsCommand {
    /** Options of the commands that start Neon operations. */
    static final class WaitOptions {
        @Option(names = "--no-wait", description = "Return at once instead of waiting for the operations to finish.")
        boolean noWait;

        @Option(names = "--wait-timeout", paramLabel = "DURATION", converter = Converters.Time.class,
                defaultValue = "5m", description = "How long to wait for the operations (default 5m).")
        Duration waitTimeout = Duration.ofMinutes(5);

        List<Operation> await(CliContext ctx, AccountKey account, String projectId, List<Operation> operations) {
            if (noWait) {
                return operations;
            }
            return OperationWaiter.await(ctx, account, projectId, operations, waitTimeout);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the projects the login can see.")
    static final class ListProjects implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--org-id", paramLabel = "ORG", description = "Only projects of this organization.")
        String orgId;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only projects whose name or id matches.")
        String search;

        ListProjects(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CliSettings s = ctx.settings();
            List<Project> projects = ctx.onlineServices().neonApi()
                    .listProjects(s.account(), new ProjectQuery(Optional.ofNullable(orgId), Optional.ofNullable(search)));
            ctx.output().list(projects, Views.PROJECT_HEADERS, Views::projectRow, Views::project);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one project.")
    static final class Get implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(paramLabel = "PROJECT_ID", description = "The project's id.")
        String projectId;

        Get(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ctx.output().object(Views.project(ctx.onlineServices().neonApi().getProject(ctx.settings().account(), projectId)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create a project and wait until it is ready.",
            "Connection URIs are not printed: they carry the database password."})
    static final class Create implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--name", paramLabel = "NAME", description = "Project name (default: chosen by Neon).")
        String name;

        @Option(names = "--region", paramLabel = "REGION", description = "Region id, e.g. aws-us-east-2.")
        String region;

        @Option(names = "--pg-version", paramLabel = "N", description = "Postgres major version (14 to 18).")
        Integer pgVersion;

        @Option(names = "--org-id", paramLabel = "ORG", description = "Organization to create the project in.")
        String orgId;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ProjectCreation creation = CliException.usageIfInvalid(() -> new ProjectCreation(Optional.ofNullable(name),
                    Optional.ofNullable(region), Optional.ofNullable(pgVersion), Optional.ofNullable(orgId)));
            AccountKey account = ctx.settings().account();
            NeonApi api = ctx.onlineServices().neonApi();
            ProjectCreated created = api.createProject(account, creation);
            ctx.say("Created project " + created.project().id() + " (" + created.project().name() + ").");
            List<Operation> operations = wait.await(ctx, account, created.project().id(), created.operations());
            Map<String, Object> m = Views.project(created.project());
            m.put("default_branch", created.branch().name() + " (" + created.branch().id() + ")");
            m.put("roles", created.roles().stream().map(Role::name).toList());
            m.put("databases", created.databases().stream().map(Database::name).toList());
            m.put("operations", Views.operationsFor(ctx, operations));
            ctx.output().object(m);
            if (!created.connectionUris().isEmpty()) {
                ctx.say("Connection URIs are not printed because they carry the password; print one with: "
                        + "neon-oauth connection-string --project-id " + created.project().id());
            }
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a project's name, history retention or logical replication.")
    static final class Update implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(paramLabel = "PROJECT_ID", description = "The project's id.")
        String projectId;

        @Option(names = "--name", paramLabel = "NAME", description = "New name.")
        String name;

        @Option(names = "--history-retention-seconds", paramLabel = "N", description = "History retention in seconds.")
        Integer historyRetentionSeconds;

        @Option(names = "--logical-replication", paramLabel = "true|false", arity = "1",
                description = "Enable logical replication (it cannot be turned off again).")
        Boolean logicalReplication;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        Update(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ProjectUpdate update;
            try {
                update = new ProjectUpdate(Optional.ofNullable(name), Optional.ofNullable(historyRetentionSeconds),
                        Optional.ofNullable(logicalReplication));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("nothing to update: give --name, --history-retention-seconds or "
                        + "--logical-replication");
            }
            AccountKey account = ctx.settings().account();
            ProjectChange change = ctx.onlineServices().neonApi().updateProject(account, projectId, update);
            return print(ctx, change, wait.await(ctx, account, projectId, change.operations()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a project (Neon keeps it recoverable for 7 days).")
    static final class Delete implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(paramLabel = "PROJECT_ID", description = "The project's id.")
        String projectId;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        Delete(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccountKey account = ctx.settings().account();
            ProjectChange change = ctx.onlineServices().neonApi().deleteProject(account, projectId);
            ctx.say("Deleted project " + projectId + "; recover it within 7 days with: neon-oauth projects recover "
                    + projectId);
            return print(ctx, change, wait.await(ctx, account, projectId, change.operations()));
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true, description = "Recover a project deleted in the last 7 days.")
    static final class Recover implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(paramLabel = "PROJECT_ID", description = "The project's id.")
        String projectId;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        Recover(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccountKey account = ctx.settings().account();
            ProjectChange change = ctx.onlineServices().neonApi().recoverProject(account, projectId);
            return print(ctx, change, wait.await(ctx, account, projectId, change.operations()));
        }
    }

    private static int print(CliContext ctx, ProjectChange change, List<Operation> operations) {
        Map<String, Object> m = Views.project(change.project());
        m.put("operations", Views.operationsFor(ctx, operations));
        ctx.output().object(m);
        return ExitCode.SUCCESS;
    }

}
