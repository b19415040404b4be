package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/** The signed-in user ({@code GET /users/me}). */
public record NeonUser(String id, String email, Optional<String> name, Optional<String> login) {
    public NeonUser {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(email, "email == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(login, "login == null");
    }
}
