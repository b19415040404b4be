package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.contract.PendingAuthorizationStoreContract;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.nio.file.Path;
import java.time.Duration;
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
        // no background purge: the contract's entries carry their own times, and PurgeScheduleTest covers the schedule
        storage = JdbcStorage.open(new H2TestDatabase(directory).configWith(KeyRotation.newKeyset())
                .purgeInterval(Duration.ZERO).build());
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
