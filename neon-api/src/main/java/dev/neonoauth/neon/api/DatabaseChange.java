package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/** A database after a create or delete, with the operations the change started. */
public record DatabaseChange(Database database, List<Operation> operations) {
    public DatabaseChange {
        Objects.requireNonNull(database, "database == null");
        operations = List.copyOf(operations);
    }
}
