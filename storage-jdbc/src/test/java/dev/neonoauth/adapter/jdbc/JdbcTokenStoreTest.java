package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.contract.TokenStoreContract;
import dev.neonoauth.core.port.out.TokenStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The core's token store contract on an H2 file database. */
class JdbcTokenStoreTest implements TokenStoreContract {
    @TempDir
    static Path directory;
    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        storage = JdbcStorage.open(new H2TestDatabase(directory).configWith(KeyRotation.newKeyset()).build());
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @Override
    public TokenStore tokenStore() {
        return storage.tokenStore();
    }
}
