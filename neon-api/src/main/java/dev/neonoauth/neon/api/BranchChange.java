package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/** A branch after a create or delete, with the endpoints and operations the change started. */
public record BranchChange(Branch branch, List<Endpoint> endpoints, List<Operation> operations) {
    public BranchChange {
        Objects.requireNonNull(branch, "branch == null");
        endpoints = List.copyOf(endpoints);
        operations = List.copyOf(operations);
    }
}
