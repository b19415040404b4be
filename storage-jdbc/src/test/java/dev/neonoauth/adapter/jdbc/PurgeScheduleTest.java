package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled purge of expired pending authorizations. */
class PurgeScheduleTest {
    @TempDir
    Path directory;

    @Test
    void saveWhenAPurgeIntervalIsSetThenExpiredEntriesArePurgedInTheBackground() throws Exception {
        H2TestDatabase db = new H2TestDatabase(directory);
        // "now" is one hour after the fixtures' creation time: their 10-minute entries are expired
        Clock clock = Clock.fixed(Fixtures.NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        State expired = Fixtures.state();
        State live = Fixtures.state();
        try (JdbcStorage storage = JdbcStorage.open(db.configWith(KeyRotation.newKeyset())
                .purgeInterval(Duration.ofMillis(100)).build(), clock)) {
            storage.pendingAuthorizationStore().save(Fixtures.pending(expired));
            storage.pendingAuthorizationStore().save(PendingAuthorization.builder().from(Fixtures.pending(live))
                    .createdAt(clock.instant()).expiresAt(clock.instant().plus(Duration.ofMinutes(10))).build());

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(db) > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(db)).as("only the live entry is left").isEqualTo(1);
            assertThat(storage.pendingAuthorizationStore().consume(live)).isPresent();
            assertThat(storage.pendingAuthorizationStore().consume(expired)).isEmpty();
        }
        long stopDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (purgeThreadAlive() && System.nanoTime() < stopDeadline) {
            Thread.sleep(20);
        }
        assertThat(purgeThreadAlive()).as("close() stops the purge thread").isFalse();
    }

    @Test
    void saveWhenThePurgeIntervalIsZeroThenNothingIsPurged() throws Exception {
        H2TestDatabase db = new H2TestDatabase(directory);
        Clock clock = Clock.fixed(Fixtures.NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (JdbcStorage storage = JdbcStorage.open(db.configWith(KeyRotation.newKeyset())
                .purgeInterval(Duration.ZERO).build(), clock)) {
            storage.pendingAuthorizationStore().save(Fixtures.pending(Fixtures.state()));
            Thread.sleep(300);
            assertThat(count(db)).isEqualTo(1);
        }
    }

    private static boolean purgeThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("neon-oauth-pending-purge") && t.isAlive());
    }

    private static long count(H2TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM neon_oauth_pending_authorization")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
