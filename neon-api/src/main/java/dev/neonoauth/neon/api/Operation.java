package dev.neonoauth.neon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An asynchronous Neon operation (create compute, start compute, ...). */
public record Operation(
        String id,
        String projectId,
        Optional<String> branchId,
        String action,
        OperationStatus status,
        Optional<String> error,
        Instant createdAt,
        Instant updatedAt) {
    public Operation {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(projectId, "projectId == null");
        Objects.requireNonNull(branchId, "branchId == null");
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(error, "error == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(updatedAt, "updatedAt == null");
    }
}
