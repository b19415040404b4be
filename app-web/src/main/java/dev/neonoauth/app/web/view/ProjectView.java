package dev.neonoauth.app.web.view;

import dev.neonoauth.app.web.tree.TreeLayout;
import java.util.List;
import java.util.Optional;

/**
 * The project page: the branch tree, the selected branch's details, and the parents a new branch can have.
 *
 * @param selectedId the selected branch id, or "" when none is selected
 */
public record ProjectView(
        String projectId,
        String projectName,
        String region,
        int pgVersion,
        TreeLayout tree,
        Optional<BranchDetails> selected,
        String selectedId,
        List<BranchOption> parents) {
    public ProjectView {
        parents = List.copyOf(parents);
    }

    /** A parent choice in the create-branch form. */
    public record BranchOption(String id, String name, boolean preselected) {}
}
