package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** {@code POST /projects/{id}/branches}: a name and a parent (the default branch when empty). */
public record BranchCreation(Optional<String> name, Optional<String> parentId) {
    public BranchCreation {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(parentId, "parentId == null");
    }
}
