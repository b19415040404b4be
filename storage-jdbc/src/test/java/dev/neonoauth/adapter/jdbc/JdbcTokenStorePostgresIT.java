package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.contract.TokenStoreContract;
import dev.neonoauth.core.port.out.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's token store contract on PostgreSQL. */
class JdbcTokenStorePostgresIT implements TokenStoreContract {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();
    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        storage = JdbcStorage.open(POSTGRES.configWith(KeyRotation.newKeyset()).build());
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    public TokenStore tokenStore() {
        return storage.tokenStore();
    }
}
