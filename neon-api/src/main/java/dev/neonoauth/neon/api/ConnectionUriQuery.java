package dev.neonoauth.neon.api;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /projects/{id}/connection_uri}: which database to connect to, as which role. The branch defaults to the
 * project's default branch, the endpoint to the branch's read-write compute; {@code pooled} asks for the
 * connection pooler's host ({@code ep-...-pooler}).
 */
public record ConnectionUriQuery(
        Optional<String> branchId, Optional<String> endpointId, String databaseName, String roleName, boolean pooled) {
    public ConnectionUriQuery {
        Objects.requireNonNull(branchId, "branchId == null");
        Objects.requireNonNull(endpointId, "endpointId == null");
        PostgresNames.require(databaseName, "database name");
        PostgresNames.require(roleName, "role name");
    }

    /** The database as this role, on the default branch's read-write compute, not pooled. */
    public static ConnectionUriQuery of(String databaseName, String roleName) {
        return new ConnectionUriQuery(Optional.empty(), Optional.empty(), databaseName, roleName, false);
    }

    public ConnectionUriQuery onBranch(String id) {
        return new ConnectionUriQuery(Optional.of(id), endpointId, databaseName, roleName, pooled);
    }

    public ConnectionUriQuery onEndpoint(String id) {
        return new ConnectionUriQuery(branchId, Optional.of(id), databaseName, roleName, pooled);
    }

    public ConnectionUriQuery withPooling(boolean pooledConnection) {
        return new ConnectionUriQuery(branchId, endpointId, databaseName, roleName, pooledConnection);
    }
}
