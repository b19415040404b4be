package dev.neonoauth.app.web.view;

import dev.neonoauth.app.web.tree.TreeLayout;
import java.util.List;

/**
 * The project page: the branch tree, the branch panel (the selected branch, else the default one) with its connection
 * string, and the parents a new branch can have.
 *
 * @param selectedId the branch of the panel, or "" when the project has none
 */
public record ProjectView(
        String projectId,
        String projectName,
        String region,
        int pgVersion,
        TreeLayout tree,
        BranchDetails branch,
        String selectedId,
        ConnectionView connection,
        List<BranchOption> parents) {
    public ProjectView {
        parents = List.copyOf(parents);
    }

    /** A parent choice in the create-branch form. */
    public record BranchOption(String id, String name, boolean preselected) {}
}
