package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/** A compute endpoint after a create, with the operations the change started. */
public record EndpointChange(Endpoint endpoint, List<Operation> operations) {
    public EndpointChange {
        Objects.requireNonNull(endpoint, "endpoint == null");
        operations = List.copyOf(operations);
    }
}
