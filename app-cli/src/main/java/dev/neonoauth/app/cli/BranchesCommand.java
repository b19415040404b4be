package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branches list|create|delete --project ID}. */
@Command(name = "branches", mixinStandardHelpOptions = true, description = "Show and change a project's branches.")
final class BranchesCommand implements Callable<Integer> {
    /** The subcommands, registered by {@link Main} (only the one named, when one is). */
    static final Map<String, Class<?>> SUBCOMMANDS = RootCommand.ordered(
            "list", ListBranches.class, "create", Create.class, "delete", Delete.class);

    BranchesCommand(CliContext ctx) {
        // the context is used by the subcommands
    }

    @Override
    public Integer call() {
        throw CliException.usage("missing subcommand: list, create or delete (neon-oauth branches --help)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"Draw the project's branch tree (or list the branches with -o json|yaml)."})
    static final class ListBranches implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--project", paramLabel = "PROJECT_ID", required = true, description = "The project's id.")
        String projectId;

        ListBranches(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<Branch> branches = ctx.onlineServices().neonApi().listBranches(ctx.settings().account(), projectId);
            ctx.output().either(BranchTree.render(branches), branches.stream().map(Views::branch).toList());
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a branch (from the default branch, or --parent).")
    static final class Create implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--project", paramLabel = "PROJECT_ID", required = true, description = "The project's id.")
        String projectId;

        @Option(names = "--name", paramLabel = "NAME", description = "Branch name (default: chosen by Neon).")
        String name;

        @Option(names = "--parent", paramLabel = "BRANCH_ID", description = "Parent branch (default: the default branch).")
        String parent;

        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccountKey account = ctx.settings().account();
            BranchChange change = ctx.onlineServices().neonApi().createBranch(account, projectId,
                    new BranchCreation(Optional.ofNullable(name), Optional.ofNullable(parent)));
            ctx.say("Created branch " + change.branch().id() + " (" + change.branch().name() + ").");
            return print(ctx, change, wait.await(ctx, account, projectId, change.operations()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a branch.")
    static final class Delete implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--project", paramLabel = "PROJECT_ID", required = true, description = "The project's id.")
        String projectId;

        @Parameters(paramLabel = "BRANCH_ID", description = "The branch's id.")
        String branchId;

        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        Delete(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccountKey account = ctx.settings().account();
            BranchChange change = ctx.onlineServices().neonApi().deleteBranch(account, projectId, branchId);
            return print(ctx, change, wait.await(ctx, account, projectId, change.operations()));
        }
    }

    private static int print(CliContext ctx, BranchChange change, List<Operation> operations) {
        Map<String, Object> m = Views.branch(change.branch());
        m.put("operations", ctx.options().output == OutputFormat.table
                ? operations.stream().map(o -> o.action() + "=" + o.status().wireValue()).toList()
                : Views.operations(operations));
        ctx.output().object(m);
        return ExitCode.SUCCESS;
    }
}
