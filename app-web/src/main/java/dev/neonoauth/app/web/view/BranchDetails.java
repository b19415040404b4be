package dev.neonoauth.app.web.view;

import java.util.List;
import java.util.Optional;

/**
 * The branch panel: the selected branch (or the default one), and whether it can be deleted.
 *
 * @param children the names of the branches created from it
 * @param cannotDelete why the branch cannot be deleted, in words; empty when it can
 */
public record BranchDetails(
        String id, String name, String parentName, boolean isDefault, boolean isProtected, String state, String created,
        String size, List<String> children, Optional<String> cannotDelete) {
    public BranchDetails {
        children = List.copyOf(children);
    }
}
