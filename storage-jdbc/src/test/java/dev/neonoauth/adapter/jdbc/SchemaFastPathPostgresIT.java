package dev.neonoauth.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SchemaFastPathCases} on PostgreSQL, in a schema of its own. */
class SchemaFastPathPostgresIT extends SchemaFastPathCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    TestDatabase database() {
        return POSTGRES;
    }
}
