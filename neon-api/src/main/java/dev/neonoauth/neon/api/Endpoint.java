package dev.neonoauth.neon.api;

import java.util.Objects;

/** A compute endpoint of a branch. */
public record Endpoint(String id, String branchId, String host, String type, String currentState) {
    public Endpoint {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(branchId, "branchId == null");
        Objects.requireNonNull(host, "host == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(currentState, "currentState == null");
    }
}
