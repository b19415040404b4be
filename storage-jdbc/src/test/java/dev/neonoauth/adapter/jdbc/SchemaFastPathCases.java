package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up fast path: a fresh database is migrated by Flyway, a second start finds the schema current with one
 * query and skips Flyway, and a database at an older version is migrated again. Runs on H2
 * ({@link SchemaFastPathTest}) and PostgreSQL ({@link SchemaFastPathPostgresIT}).
 */
abstract class SchemaFastPathCases {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    abstract TestDatabase database();

    private String keyset;

    /** Every test starts from a database (or schema) without any of the module's tables. */
    @BeforeEach
    void emptyDatabase() throws SQLException {
        keyset = KeyRotation.newKeyset();
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            for (String table : List.of(Backend.GRANT, Backend.PENDING, Backend.LOCK, Backend.WEB_SESSION,
                    Backend.HISTORY)) {
                s.execute("DROP TABLE IF EXISTS " + database().table(table));
            }
        }
    }

    /** Opens a storage, runs one operation (which starts it), and reports whether that start ran Flyway. */
    private boolean startRanFlyway() {
        int before = Backend.migrationsRun.get();
        try (JdbcStorage storage = JdbcStorage.open(database().configWith(keyset).build())) {
            String hash = "h" + Long.toHexString(System.nanoTime());
            storage.webSessions().save(new WebSessionRecord(hash, "csrf-token", Optional.of("acct"), T0, T0));
            assertThat(storage.webSessions().find(hash)).as("the schema works after the start")
                    .hasValueSatisfying(r -> assertThat(r.csrfToken()).isEqualTo("csrf-token"));
        }
        int runs = Backend.migrationsRun.get() - before;
        assertThat(runs).isBetween(0, 1);
        return runs == 1;
    }

    private List<String> appliedVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = database().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM " + database().table(Backend.HISTORY)
                        + " WHERE \"success\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    @Test
    void freshDatabaseIsMigratedThenTheNextStartSkipsFlyway() throws SQLException {
        assertThat(startRanFlyway()).as("a fresh database takes the slow path").isTrue();
        assertThat(appliedVersions()).as("Flyway applied every migration")
                .contains("1", String.valueOf(SchemaVersion.LATEST_SCHEMA_VERSION));

        assertThat(startRanFlyway()).as("a current schema takes the fast path").isFalse();
        assertThat(startRanFlyway()).as("and keeps taking it").isFalse();
    }

    @Test
    void databaseAtAnOlderVersionIsMigrated() throws SQLException {
        assertThat(startRanFlyway()).isTrue();
        // back to version 1: as if this database had last been used by a release before the web sessions
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + database().table(Backend.WEB_SESSION));
            assertThat(s.executeUpdate("DELETE FROM " + database().table(Backend.HISTORY)
                    + " WHERE \"version\" = '2'")).isEqualTo(1);
        }
        try (Connection c = database().connect()) {
            assertThat(SchemaVersion.isCurrent(new SingleConnectionDataSource(c),
                    database().table("\"" + Backend.HISTORY + "\""))).isFalse();
        }

        assertThat(startRanFlyway()).as("version 1 is not current: Flyway applies V2").isTrue();
        assertThat(appliedVersions()).contains("2");
        assertThat(startRanFlyway()).isFalse();
    }

    @Test
    void isCurrentWhenTheHistoryIsMissingOrHasAFailedMigrationThenFalse() throws SQLException {
        String history = database().table("\"" + Backend.HISTORY + "\"");
        try (Connection c = database().connect()) {
            assertThat(SchemaVersion.isCurrent(new SingleConnectionDataSource(c), history))
                    .as("no history table: an SQLException, read as not current").isFalse();
        }
        assertThat(startRanFlyway()).isTrue();
        try (Connection c = database().connect()) {
            assertThat(SchemaVersion.isCurrent(new SingleConnectionDataSource(c), history)).isTrue();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + history + " SET \"success\" = FALSE WHERE \"version\" = '1'");
            }
            assertThat(SchemaVersion.isCurrent(new SingleConnectionDataSource(c), history))
                    .as("a failed migration is left to Flyway to report").isFalse();
        }
    }
}
