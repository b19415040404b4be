package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** {@code POST /projects}: every field is optional; Neon picks defaults. */
public record ProjectCreation(
        Optional<String> name, Optional<String> regionId, Optional<Integer> pgVersion, Optional<String> orgId) {
    public ProjectCreation {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(regionId, "regionId == null");
        Objects.requireNonNull(pgVersion, "pgVersion == null");
        Objects.requireNonNull(orgId, "orgId == null");
        pgVersion.ifPresent(v -> {
            if (v < 14 || v > 18) {
                throw new IllegalArgumentException("Neon supports Postgres 14 to 18, not " + v);
            }
        });
    }

    public static ProjectCreation named(String name) {
        return new ProjectCreation(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
