package dev.neonoauth.neon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A branch. {@code parentId} is empty for a root branch (the project's first branch, or a schema-only branch), and
 * the tree of a project is drawn from it.
 */
public record Branch(
        String id,
        String projectId,
        Optional<String> parentId,
        String name,
        boolean isDefault,
        boolean isProtected,
        String currentState,
        Instant createdAt,
        Optional<Long> logicalSizeBytes) {
    public Branch {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(projectId, "projectId == null");
        Objects.requireNonNull(parentId, "parentId == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(currentState, "currentState == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(logicalSizeBytes, "logicalSizeBytes == null");
    }
}
