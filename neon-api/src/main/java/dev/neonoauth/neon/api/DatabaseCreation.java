package dev.neonoauth.neon.api;

/** {@code POST /projects/{id}/branches/{branch_id}/databases}: the database's name and the role that owns it. */
public record DatabaseCreation(String name, String ownerName) {
    public DatabaseCreation {
        PostgresNames.require(name, "database name");
        PostgresNames.require(ownerName, "role name");
    }
}
