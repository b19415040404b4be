package dev.neonoauth.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WebSessionCases} on PostgreSQL. */
class JdbcWebSessionsPostgresIT extends WebSessionCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    TestDatabase database() {
        return POSTGRES;
    }
}
