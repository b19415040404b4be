package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.contract.PendingAuthorizationStoreContract;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's pending-authorization store contract on PostgreSQL. */
class JdbcPendingAuthorizationStorePostgresIT implements PendingAuthorizationStoreContract {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();
    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        // no background purge: the contract's entries carry their own times, and PurgeScheduleTest covers the schedule
        storage = JdbcStorage.open(POSTGRES.configWith(KeyRotation.newKeyset()).purgeInterval(Duration.ZERO).build());
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    public PendingAuthorizationStore pendingStore() {
        return storage.pendingAuthorizationStore();
    }
}
