package dev.neonoauth.neon.api;

import java.util.List;
import java.util.Objects;

/**
 * A role after a create or a password reset, with the operations the change started. The role carries its new
 * password, which {@link Role#toString()} never shows.
 */
public record RoleChange(Role role, List<Operation> operations) {
    public RoleChange {
        Objects.requireNonNull(role, "role == null");
        operations = List.copyOf(operations);
    }
}
