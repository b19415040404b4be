package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** A Postgres role of a branch. The password, when Neon returns one, is a secret: it is never in toString. */
public record Role(String branchId, String name, Optional<String> password) {
    public Role {
        Objects.requireNonNull(branchId, "branchId == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(password, "password == null");
    }

    @Override
    public String toString() {
        return "Role{branchId=" + branchId + ", name=" + name + ", password=" + (password.isPresent() ? "[redacted]" : "none") + "}";
    }
}
