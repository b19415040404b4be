package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/** The project after an update, delete or recover, with the operations the change started. */
public record ProjectChange(Project project, List<Operation> operations) {
    public ProjectChange {
        Objects.requireNonNull(project, "project == null");
        operations = List.copyOf(operations);
    }
}
