package dev.neonoauth.neon.api;

/**
 * {@code POST /projects/{id}/branches/{branch_id}/roles}: a Postgres role; {@code noLogin} creates one that cannot
 * log in (and has no password).
 */
public record RoleCreation(String name, boolean noLogin) {
    public RoleCreation {
        PostgresNames.require(name, "role name");
    }

    /** A role that can log in with the password Neon generates. */
    public static RoleCreation named(String name) {
        return new RoleCreation(name, false);
    }
}
