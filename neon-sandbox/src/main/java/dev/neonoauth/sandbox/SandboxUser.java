package dev.neonoauth.sandbox;

import java.util.Objects;

/**
 * A person who can sign in to the sandbox's login page. The password is compared in constant time and never
 * printed by {@link #toString()}.
 *
 * @param id       stable user id, used as the OAuth {@code sub} and as the API's {@code owner_id}
 * @param email    the sign-in name
 * @param password the sign-in password (plain text: these are throw-away sandbox accounts)
 * @param name     first name as {@code GET /users/me} reports it
 * @param lastName last name as {@code GET /users/me} reports it
 */
public record SandboxUser(String id, String email, String password, String name, String lastName) {

    /** Id of the default user; stable across runs so that persisted tokens and tests can rely on it. */
    public static final String DEFAULT_ID = "7f3c2a9e-5b2d-4c1e-9a7e-3f0d8b1c2a10";
    public static final String DEFAULT_EMAIL = "sandbox@example.com";
    public static final String DEFAULT_PASSWORD = "sandbox";

    public SandboxUser {
        requireText(id, "id");
        requireText(email, "email");
        requireText(password, "password");
        requireText(name, "name");
        lastName = lastName == null ? "" : lastName;
    }

    /** The seeded sandbox user: {@code sandbox@example.com} / {@code sandbox}, "Sandbox User". */
    public static SandboxUser defaultUser() {
        return new SandboxUser(DEFAULT_ID, DEFAULT_EMAIL, DEFAULT_PASSWORD, "Sandbox", "User");
    }

    /** "First Last" as shown on the consent page. */
    public String displayName() {
        return lastName.isEmpty() ? name : name + " " + lastName;
    }

    @Override
    public String toString() {
        return "SandboxUser[id=" + id + ", email=" + email + ", password=[redacted], name=" + displayName() + "]";
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
    }
}
