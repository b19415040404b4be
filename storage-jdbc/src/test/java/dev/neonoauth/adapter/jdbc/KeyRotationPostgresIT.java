package dev.neonoauth.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class KeyRotationPostgresIT extends KeyRotationCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    TestDatabase database() {
        return POSTGRES;
    }
}
