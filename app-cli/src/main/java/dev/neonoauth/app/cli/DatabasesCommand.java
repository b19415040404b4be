package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.Database;
import dev.neonoauth.neon.api.DatabaseChange;
import dev.neonoauth.neon.api.DatabaseCreation;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code databases list|create|delete --project-id ID [--branch BRANCH]}. */
@Command(name = "databases", aliases = {"database", "db"}, mixinStandardHelpOptions = true,
        description = "Show and change the databases of a branch.",
        subcommands = {DatabasesCommand.ListDatabases.class, DatabasesCommand.Create.class,
                DatabasesCommand.Delete.class})
final class DatabasesCommand {

    /** The context, the project and the branch of a database or role command. */
    abstract static class OnBranch extends Targets.OnProject {
        @Mixin
        Targets.BranchOption branch = new Targets.BranchOption();

        OnBranch(CliContext ctx) {
            super(ctx);
        }

        Branch branch() {
            return Targets.branchOrDefault(api(), account(), projectId(), branch.branch);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the branch's databases.")
    static final class ListDatabases extends OnBranch {
        ListDatabases(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Database> databases = api().listDatabases(account(), projectId(), branch().id());
            ctx.output().list(databases, List.of("NAME", "OWNER", "BRANCH"),
                    d -> List.of(d.name(), d.ownerName(), d.branchId()), Views::database);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a database on the branch.")
    static final class Create extends OnBranch {
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "The database's name.")
        String name;

        @Option(names = "--owner-name", paramLabel = "ROLE",
                description = "The role that owns it (default: the branch's only role).")
        String ownerName;

        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Branch b = branch();
            String owner = Optional.ofNullable(ownerName).orElseGet(() -> onlyRole(b));
            DatabaseCreation creation = CliException.usageIfInvalid(() -> new DatabaseCreation(name, owner));
            DatabaseChange change = api().createDatabase(account(), projectId(), b.id(), creation);
            return print(ctx, change, wait.await(ctx, account(), projectId(), change.operations()));
        }

        private String onlyRole(Branch b) {
            List<String> roles = api().listRoles(account(), projectId(), b.id()).stream().map(Role::name).toList();
            if (roles.size() != 1) {
                throw CliException.usage("branch " + b.name() + " has " + roles.size() + " roles (" + String.join(", ",
                        roles) + "): choose the owner with --owner-name");
            }
            return roles.get(0);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a database of the branch.")
    static final class Delete extends OnBranch {
        @Parameters(paramLabel = "DATABASE", description = "The database's name.")
        String database;

        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        Delete(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Branch b = branch();
            DatabaseChange change = api().deleteDatabase(account(), projectId(), b.id(), database)
                    .orElseThrow(() -> CliException.error("branch " + b.name() + " has no database named '"
                            + CliSettings.printable(database) + "' (see: neon-oauth databases list --project-id "
                            + projectId() + ")"));
            return print(ctx, change, wait.await(ctx, account(), projectId(), change.operations()));
        }
    }

    private static int print(CliContext ctx, DatabaseChange change, List<Operation> operations) {
        Map<String, Object> m = Views.database(change.database());
        m.put("operations", Views.operationsFor(ctx, operations));
        ctx.output().object(m);
        return ExitCode.SUCCESS;
    }
}
