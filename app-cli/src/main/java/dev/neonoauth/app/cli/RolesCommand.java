package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.Operation;
import dev.neonoauth.neon.api.Role;
import dev.neonoauth.neon.api.RoleChange;
import dev.neonoauth.neon.api.RoleCreation;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code roles list|create|reveal-password --project-id ID [--branch BRANCH]}. No command but
 * {@code reveal-password} prints a password, and that one only because it is asked to.
 */
@Command(name = "roles", aliases = "role", mixinStandardHelpOptions = true,
        description = "Show and create the Postgres roles of a branch.",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.Create.class, RolesCommand.RevealPassword.class})
final class RolesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the branch's roles (no passwords).")
    static final class ListRoles extends DatabasesCommand.OnBranch {
        ListRoles(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Role> roles = api().listRoles(account(), projectId(), branch().id());
            ctx.output().list(roles, List.of("NAME", "BRANCH"), r -> List.of(r.name(), r.branchId()), Views::role);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create a role on the branch.",
            "Its password is not printed: use connection-string --role-name NAME, or roles reveal-password NAME."})
    static final class Create extends DatabasesCommand.OnBranch {
        @Option(names = "--name", paramLabel = "NAME", required = true, description = "The role's name.")
        String name;

        @Option(names = "--no-login", description = "A role that cannot log in (no password).")
        boolean noLogin;

        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            RoleCreation creation = CliException.usageIfInvalid(() -> new RoleCreation(name, noLogin));
            Branch b = branch();
            RoleChange change = api().createRole(account(), projectId(), b.id(), creation);
            List<Operation> operations = wait.await(ctx, account(), projectId(), change.operations());
            Map<String, Object> m = Views.role(change.role());
            m.put("operations", Views.operationsFor(ctx, operations));
            ctx.output().object(m);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "reveal-password", mixinStandardHelpOptions = true, description = {
            "Print a role's password (the only command that does, besides connection-string).",
            "Neon refuses when the project does not store passwords."})
    static final class RevealPassword extends DatabasesCommand.OnBranch {
        @Parameters(paramLabel = "ROLE", description = "The role's name.")
        String role;

        RevealPassword(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String password = api().revealRolePassword(account(), projectId(), branch().id(), role).value();
            ctx.output().message(password, Map.of("role", role, "password", password));
            return ExitCode.SUCCESS;
        }
    }
}
