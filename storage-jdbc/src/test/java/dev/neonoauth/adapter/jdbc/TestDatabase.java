package dev.neonoauth.adapter.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A database for one test class: an H2 file database or a PostgreSQL schema of its own. */
interface TestDatabase {

    /** A configuration pointing at this database (and schema), with the given key set. */
    JdbcStorageConfig.Builder configWith(String keysetJson);

    /** A raw connection, outside any pool, for inspecting and tampering with rows. */
    Connection connect() throws SQLException;

    /** The table name as the stores see it (schema-qualified on PostgreSQL). */
    String table(String name);

    /** A short name for messages. */
    String name();
}
