package dev.neonoauth.neon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A Neon project. */
public record Project(
        String id,
        String name,
        String regionId,
        int pgVersion,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> orgId,
        Optional<Integer> historyRetentionSeconds) {
    public Project {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(regionId, "regionId == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(updatedAt, "updatedAt == null");
        Objects.requireNonNull(orgId, "orgId == null");
        Objects.requireNonNull(historyRetentionSeconds, "historyRetentionSeconds == null");
    }
}
