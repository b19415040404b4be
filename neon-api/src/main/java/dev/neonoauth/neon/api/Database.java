package dev.neonoauth.neon.api;

import java.util.Objects;

/** A database of a branch. */
public record Database(long id, String branchId, String name, String ownerName) {
    public Database {
        Objects.requireNonNull(branchId, "branchId == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(ownerName, "ownerName == null");
    }
}
