package dev.neonoauth.neon.api;

import java.util.Objects;

/** A role's password ({@code GET .../roles/{role_name}/reveal_password}). A secret: never in toString. */
public record RolePassword(String value) {
    public RolePassword {
        Objects.requireNonNull(value, "value == null");
    }

    @Override
    public String toString() {
        return "RolePassword[redacted]";
    }
}
