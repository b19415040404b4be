package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** {@code PATCH /projects/{id}}: the name, the history retention, and one project setting. */
public record ProjectUpdate(
        Optional<String> name, Optional<Integer> historyRetentionSeconds, Optional<Boolean> enableLogicalReplication) {
    public ProjectUpdate {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(historyRetentionSeconds, "historyRetentionSeconds == null");
        Objects.requireNonNull(enableLogicalReplication, "enableLogicalReplication == null");
        if (name.isEmpty() && historyRetentionSeconds.isEmpty() && enableLogicalReplication.isEmpty()) {
            throw new IllegalArgumentException("a project update changes at least one field");
        }
    }

    public static ProjectUpdate rename(String name) {
        return new ProjectUpdate(Optional.of(name), Optional.empty(), Optional.empty());
    }
}
