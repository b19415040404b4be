package dev.neonoauth.app.cli;

import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.BranchChange;
import dev.neonoauth.neon.api.BranchCreation;
import dev.neonoauth.neon.api.BranchRestore;
import dev.neonoauth.neon.api.Endpoint;
import dev.neonoauth.neon.api.EndpointChange;
import dev.neonoauth.neon.api.EndpointCreation;
import dev.neonoauth.neon.api.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code branches list|get|create|rename|set-default|restore|add-compute|delete --project-id ID}; every branch
 * argument is an id or a name ({@link Targets}).
 */
@Command(name = "branches", aliases = "branch", mixinStandardHelpOptions = true,
        description = "Show and change a project's branches (each given by id or name).",
        subcommands = {BranchesCommand.ListBranches.class, BranchesCommand.Get.class, BranchesCommand.Create.class,
                BranchesCommand.Rename.class, BranchesCommand.SetDefault.class, BranchesCommand.Restore.class,
                BranchesCommand.AddCompute.class, BranchesCommand.Delete.class})
final class BranchesCommand {

    /** A branch subcommand that changes something: the project, and waiting for the operations. */
    abstract static class BranchCommand extends Targets.OnProject {
        @Mixin
        ProjectsCommand.WaitOptions wait = new ProjectsCommand.WaitOptions();

        BranchCommand(CliContext ctx) {
            super(ctx);
        }

        Branch branch(String ref) {
            return Targets.branch(api(), account(), projectId(), ref);
        }

        /** Waits for the change's operations, then prints the branch as it is now (re-read unless --no-wait). */
        int finish(BranchChange change) {
            List<Operation> operations = wait.await(ctx, account(), projectId(), change.operations());
            Branch now = change.branch();
            if (!wait.noWait && !change.operations().isEmpty()) {
                now = api().listBranches(account(), projectId()).stream()
                        .filter(b -> b.id().equals(change.branch().id())).findFirst().orElse(change.branch());
            }
            return print(ctx, now, operations);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Draw the project's branch tree (or list the branches with -o json|yaml).")
    static final class ListBranches extends Targets.OnProject {
        ListBranches(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Branch> branches = api().listBranches(account(), projectId());
            ctx.output().either(BranchTree.render(branches), branches.stream().map(Views::branch).toList());
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one branch.")
    static final class Get extends Targets.OnProject {
        @Parameters(paramLabel = "BRANCH", description = "The branch's id or name.")
        String branch;

        Get(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ctx.output().object(Views.branch(Targets.branch(api(), account(), projectId(), branch)));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Create a branch (from the default branch, or --parent), wait for its operations and print its final "
                    + "state."})
    static final class Create extends BranchCommand {
        @Option(names = "--name", paramLabel = "NAME", description = "Branch name (default: chosen by Neon).")
        String name;

        @Option(names = "--parent", paramLabel = "BRANCH", description = "Parent branch, by id or name (default: the "
                + "default branch).")
        String parent;

        @Option(names = "--compute", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Give the branch a compute (default, as neonctl does; --no-compute for none).")
        boolean compute = true;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = EndpointCreation.READ_WRITE,
                description = "The compute's type: read_write (default) or read_only.")
        String type;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!List.of(EndpointCreation.READ_WRITE, EndpointCreation.READ_ONLY).contains(type)) {
                throw CliException.usage("--type must be read_write or read_only");
            }
            Optional<String> parentId = Optional.ofNullable(parent).map(p -> branch(p).id());
            BranchChange change = api().createBranch(account(), projectId(),
                    new BranchCreation(Optional.ofNullable(name), parentId));
            ctx.say("Created branch " + change.branch().id() + " (" + change.branch().name() + ").");
            if (compute) {
                EndpointChange endpoint = api().createEndpoint(account(), projectId(),
                        new EndpointCreation(change.branch().id(), type));
                List<Operation> operations = new ArrayList<>(change.operations());
                operations.addAll(endpoint.operations());
                change = new BranchChange(change.branch(), List.of(endpoint.endpoint()), operations);
            }
            return finish(change);
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a branch.")
    static final class Rename extends BranchCommand {
        @Parameters(index = "0", paramLabel = "BRANCH", description = "The branch's id or name.")
        String branch;

        @Parameters(index = "1", paramLabel = "NEW_NAME", description = "The new name.")
        String newName;

        Rename(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (newName.isBlank()) {
                throw CliException.usage("the new name is blank");
            }
            return finish(api().renameBranch(account(), projectId(), branch(branch).id(), newName));
        }
    }

    @Command(name = "set-default", mixinStandardHelpOptions = true,
            description = "Make a branch the project's default branch.")
    static final class SetDefault extends BranchCommand {
        @Parameters(paramLabel = "BRANCH", description = "The branch's id or name.")
        String branch;

        SetDefault(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return finish(api().setDefaultBranch(account(), projectId(), branch(branch).id()));
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = {
            "Restore a branch to the head of another branch, or to a point in its history.",
            "SOURCE is a branch id or name, ^self or ^parent, optionally followed by @TIMESTAMP (ISO-8601) or @LSN: "
                    + "main, br-..., ^self@2026-01-01T00:00:00Z, ^parent@0/1A2B3C."})
    static final class Restore extends BranchCommand {
        private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

        @Parameters(index = "0", paramLabel = "TARGET", description = "The branch to restore, by id or name.")
        String target;

        @Parameters(index = "1", paramLabel = "SOURCE", description = "Where to restore it from (see above).")
        String source;

        @Option(names = "--preserve-under-name", paramLabel = "NAME",
                description = "Keep the branch's state before the restore as a new branch of this name.")
        String preserveUnderName;

        Restore(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Branch> branches = api().listBranches(account(), projectId());
            Branch targetBranch = Targets.branch(branches, projectId(), target);
            int at = source.indexOf('@');
            String sourceRef = at < 0 ? source : source.substring(0, at);
            Optional<String> point = at < 0 ? Optional.empty() : Optional.of(source.substring(at + 1));
            String sourceId = switch (sourceRef) {
                case "^self" -> targetBranch.id();
                case "^parent" -> targetBranch.parentId().orElseThrow(() -> CliException.usage("branch "
                        + targetBranch.name() + " has no parent: name the source branch"));
                default -> Targets.branch(branches, projectId(), sourceRef).id();
            };
            BranchRestore restore = CliException.usageIfInvalid(() -> new BranchRestore(sourceId,
                    point.filter(p -> LSN.matcher(p).matches()),
                    point.filter(p -> !LSN.matcher(p).matches()).map(Restore::instant),
                    Optional.ofNullable(preserveUnderName)));
            return finish(api().restoreBranch(account(), projectId(), targetBranch.id(), restore));
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw CliException.usage("'" + CliSettings.printable(text) + "' after @ is neither an ISO-8601 "
                        + "timestamp (2026-01-01T00:00:00Z) nor an LSN (0/1A2B3C)");
            }
        }
    }

    @Command(name = "add-compute", mixinStandardHelpOptions = true, description = "Add a compute endpoint to a branch.")
    static final class AddCompute extends BranchCommand {
        @Parameters(paramLabel = "BRANCH", description = "The branch's id or name.")
        String branch;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = EndpointCreation.READ_ONLY,
                description = "read_only (default) or read_write (a branch has at most one).")
        String type;

        AddCompute(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String branchId = branch(branch).id();
            EndpointCreation creation = CliException.usageIfInvalid(() -> new EndpointCreation(branchId, type));
            EndpointChange change = api().createEndpoint(account(), projectId(), creation);
            List<Operation> operations = wait.await(ctx, account(), projectId(), change.operations());
            Endpoint now = wait.noWait ? change.endpoint() : api().listBranchEndpoints(account(), projectId(),
                    change.endpoint().branchId()).stream().filter(e -> e.id().equals(change.endpoint().id()))
                    .findFirst().orElse(change.endpoint());
            Map<String, Object> m = Views.endpoint(now);
            m.put("operations", Views.operationsFor(ctx, operations));
            ctx.output().object(m);
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a branch.")
    static final class Delete extends BranchCommand {
        @Parameters(paramLabel = "BRANCH", description = "The branch's id or name.")
        String branch;

        Delete(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            BranchChange change = api().deleteBranch(account(), projectId(), branch(branch).id());
            return print(ctx, change.branch(), wait.await(ctx, account(), projectId(), change.operations()));
        }
    }

    private static int print(CliContext ctx, Branch branch, List<Operation> operations) {
        Map<String, Object> m = Views.branch(branch);
        m.put("operations", Views.operationsFor(ctx, operations));
        ctx.output().object(m);
        return ExitCode.SUCCESS;
    }
}
