package dev.neonoauth.neon.api;

import java.util.Objects;

/** An organization the user belongs to ({@code GET /users/me/organizations}). */
public record Organization(String id, String name, String handle) {
    public Organization {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(handle, "handle == null");
    }
}
