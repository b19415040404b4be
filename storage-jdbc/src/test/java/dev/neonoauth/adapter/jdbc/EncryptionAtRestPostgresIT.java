package dev.neonoauth.adapter.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class EncryptionAtRestPostgresIT extends EncryptionAtRestCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();

    @Override
    TestDatabase database() {
        return POSTGRES;
    }
}
