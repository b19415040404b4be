package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.contract.PendingAuthorizationStoreContract;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The core's pending-authorization store contract on an H2 file database. */
class JdbcPendingAuthorizationStoreTest implements PendingAuthorizationStoreContract {
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
    public PendingAuthorizationStore pendingStore() {
        return storage.pendingAuthorizationStore();
    }
}
