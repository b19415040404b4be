package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /projects/{id}/endpoints}: a compute endpoint for a branch, {@code read_write} (at most one per branch)
 * or {@code read_only}.
 */
public record EndpointCreation(String branchId, String type) {
    public static final String READ_WRITE = "read_write";
    public static final String READ_ONLY = "read_only";

    public EndpointCreation {
        Objects.requireNonNull(branchId, "branchId == null");
        if (!Set.of(READ_WRITE, READ_ONLY).contains(type)) {
            throw new IllegalArgumentException("an endpoint type is read_write or read_only");
        }
    }

    public static EndpointCreation readWrite(String branchId) {
        return new EndpointCreation(branchId, READ_WRITE);
    }

    public static EndpointCreation readOnly(String branchId) {
        return new EndpointCreation(branchId, READ_ONLY);
    }
}
