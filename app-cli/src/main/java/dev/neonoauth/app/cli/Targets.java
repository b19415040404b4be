package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.neon.api.Branch;
import dev.neonoauth.neon.api.NeonApi;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a command acts on: the project ({@code --project-id}, neonctl's name, or {@code --project}) and a branch given
 * by id or by name. A branch argument is resolved here and nowhere else: the project's branches are listed once, an
 * id matches first, else exactly one name must match.
 */
final class Targets {
    private Targets() {}

    /** {@code --project-id ID} (or {@code --project ID}): the project a branch, database or role command acts on. */
    static final class ProjectOption {
        @Option(names = {"--project-id", "--project"}, paramLabel = "PROJECT_ID", required = true,
                description = "The project's id.")
        String projectId;
    }

    /** A command on a project: the context, {@code --project-id}, and the account and API it uses. */
    abstract static class OnProject implements Callable<Integer> {
        final CliContext ctx;

        @Mixin
        ProjectOption project = new ProjectOption();

        OnProject(CliContext ctx) {
            this.ctx = ctx;
        }

        AccountKey account() {
            return ctx.settings().account();
        }

        NeonApi api() {
            return ctx.onlineServices().neonApi();
        }

        String projectId() {
            return project.projectId;
        }
    }

    /** {@code --branch BRANCH}: a branch by id or name; the project's default branch when it is not given. */
    static final class BranchOption {
        @Option(names = "--branch", paramLabel = "BRANCH",
                description = "The branch, by id or name (default: the project's default branch).")
        String branch;
    }

    /** The branch {@code ref} names, by id or name, in the project. */
    static Branch branch(NeonApi api, AccountKey account, String projectId, String ref) {
        return branch(api.listBranches(account, projectId), projectId, ref);
    }

    /** The branch {@code ref} names in {@code branches}: its id, else its name when exactly one has it. */
    static Branch branch(List<Branch> branches, String projectId, String ref) {
        String wanted = ref.strip();
        for (Branch b : branches) {
            if (b.id().equals(wanted)) {
                return b;
            }
        }
        List<Branch> named = branches.stream().filter(b -> b.name().equals(wanted)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw CliException.error("no branch has the name or id '" + CliSettings.printable(wanted) + "' in project "
                    + projectId + " (see: neon-oauth branches list --project-id " + projectId + ")");
        }
        throw CliException.error("the branch name '" + CliSettings.printable(wanted) + "' is ambiguous in project "
                + projectId + ": " + named.size() + " branches have it (" + String.join(", ",
                        named.stream().map(Branch::id).toList()) + "); give the branch's id instead");
    }

    /** The branch {@code ref} names, or the project's default branch when {@code ref} is null. */
    static Branch branchOrDefault(NeonApi api, AccountKey account, String projectId, String ref) {
        List<Branch> branches = api.listBranches(account, projectId);
        if (ref != null) {
            return branch(branches, projectId, ref);
        }
        return branches.stream().filter(Branch::isDefault).findFirst().orElseThrow(() -> CliException.error(
                "project " + projectId + " has no default branch: name one"));
    }
}
