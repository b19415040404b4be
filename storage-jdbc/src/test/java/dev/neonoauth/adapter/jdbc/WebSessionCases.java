package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcWebSessions} on a real database: round trip, upsert, touch, delete, purge, encryption at rest of the
 * CSRF token bound to its row, key rotation, and two storages (two instances, two pools) sharing the sessions. Runs
 * on H2 ({@link JdbcWebSessionsTest}) and PostgreSQL ({@link JdbcWebSessionsPostgresIT}).
 */
abstract class WebSessionCases {
    private static final SecureRandom RANDOM = new SecureRandom();
    // microseconds: both databases keep timestamps to the microsecond
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private JdbcStorage storage;
    private String keyset;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        keyset = KeyRotation.newKeyset();
        storage = JdbcStorage.open(database().configWith(keyset).build());
        // migrate, then start from an empty table: rows of earlier tests are under other key sets
        storage.webSessions().find("warm-up");
        try (Connection c = database().connect();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + database().table(Backend.WEB_SESSION))) {
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        storage.close();
    }

    /** A random cookie id and the key app-web derives from it (SHA-256, base64url). */
    private static String[] idAndHash() throws Exception {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        return new String[] {id, hash};
    }

    private static String csrf() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "CSRF_SECRET_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static WebSessionRecord session(String hash, Optional<String> account, Instant created, Instant seen) {
        return new WebSessionRecord(hash, csrf(), account, created, seen);
    }

    @Test
    void saveThenFindShouldReturnEveryFieldAndAbsentKeysNothing() throws Exception {
        WebSessionRecord anonymous = session(idAndHash()[1], Optional.empty(), T0, T0.plusSeconds(5));
        WebSessionRecord signedIn = session(idAndHash()[1], Optional.of("web-user-1"), T0, T0);
        storage.webSessions().save(anonymous);
        storage.webSessions().save(signedIn);

        assertThat(storage.webSessions().find(anonymous.keyHash())).contains(anonymous);
        assertThat(storage.webSessions().find(signedIn.keyHash())).contains(signedIn);
        assertThat(storage.webSessions().find(idAndHash()[1])).isEmpty();
    }

    @Test
    void saveShouldReplaceTheStoredSessionUnderTheSameKey() throws Exception {
        String hash = idAndHash()[1];
        storage.webSessions().save(session(hash, Optional.empty(), T0, T0));
        WebSessionRecord replaced = session(hash, Optional.of("web-user-2"), T0, T0.plusSeconds(60));
        storage.webSessions().save(replaced);

        assertThat(storage.webSessions().find(hash)).contains(replaced);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void replaceShouldMoveTheSessionToItsNewKeyWithANewCsrfTokenThatDecrypts() throws Exception {
        String oldHash = idAndHash()[1];
        WebSessionRecord anonymous = session(oldHash, Optional.empty(), T0, T0);
        storage.webSessions().save(anonymous);
        WebSessionRecord signedIn = session(idAndHash()[1], Optional.of("web-user-login"), T0.plusSeconds(9),
                T0.plusSeconds(9));

        assertThat(storage.webSessions().replace(oldHash, signedIn)).as("an old session was replaced").isTrue();

        assertThat(storage.webSessions().find(oldHash)).as("the old id no longer works").isEmpty();
        assertThat(storage.webSessions().find(signedIn.keyHash())).contains(signedIn);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void replaceOfASessionThatIsGoneShouldSaveTheNewOne() throws Exception {
        WebSessionRecord signedIn = session(idAndHash()[1], Optional.of("web-user-late"), T0, T0);

        assertThat(storage.webSessions().replace(idAndHash()[1], signedIn)).isFalse();

        assertThat(storage.webSessions().find(signedIn.keyHash())).contains(signedIn);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void touchShouldMoveLastSeenForwardOnlyAndNeverRecreateADeletedSession() throws Exception {
        String hash = idAndHash()[1];
        WebSessionRecord s = session(hash, Optional.of("web-user-3"), T0, T0);
        storage.webSessions().save(s);

        assertThat(storage.webSessions().touch(hash, T0.plusSeconds(30))).isTrue();
        assertThat(storage.webSessions().find(hash)).contains(s.seenAt(T0.plusSeconds(30)));
        assertThat(storage.webSessions().touch(hash, T0.plusSeconds(10))).as("never backwards").isFalse();
        assertThat(storage.webSessions().find(hash).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(30));

        assertThat(storage.webSessions().delete(hash)).isTrue();
        assertThat(storage.webSessions().touch(hash, T0.plusSeconds(60))).as("a logout stays a logout").isFalse();
        assertThat(storage.webSessions().find(hash)).isEmpty();
        assertThat(storage.webSessions().delete(hash)).as("deleting an absent session").isFalse();
    }

    @Test
    void purgeShouldDeleteIdleAndTooOldSessionsOnly() throws Exception {
        Instant now = T0.plus(Duration.ofHours(24));
        WebSessionRecord idle = session(idAndHash()[1], Optional.empty(), now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(31)));
        WebSessionRecord tooOld = session(idAndHash()[1], Optional.of("old"), now.minus(Duration.ofHours(13)),
                now.minus(Duration.ofMinutes(1)));
        WebSessionRecord live = session(idAndHash()[1], Optional.of("live"), now.minus(Duration.ofHours(11)),
                now.minus(Duration.ofMinutes(29)));
        for (WebSessionRecord s : List.of(idle, tooOld, live)) {
            storage.webSessions().save(s);
        }

        int purged = storage.webSessions().purgeExpired(now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofHours(12)));

        assertThat(purged).isEqualTo(2);
        assertThat(storage.webSessions().find(idle.keyHash())).isEmpty();
        assertThat(storage.webSessions().find(tooOld.keyHash())).isEmpty();
        assertThat(storage.webSessions().find(live.keyHash())).contains(live);
    }

    @Test
    void theRowShouldHoldNeitherTheCookieIdNorTheCsrfTokenInClear() throws Exception {
        String[] idHash = idAndHash();
        WebSessionRecord s = session(idHash[1], Optional.of("web-user-4"), T0, T0);
        storage.webSessions().save(s);

        String row = rawRow(idHash[1]);
        assertThat(row).contains(idHash[1]).contains("web-user-4")
                .doesNotContain(idHash[0])
                .doesNotContain(s.csrfToken())
                .doesNotContain("CSRF_SECRET");
        assertThat(storage.rowsByKeyId()).containsEntry(storage.primaryKeyId(), 1L);
        assertThat(s.toString()).doesNotContain(s.csrfToken()).doesNotContain(idHash[1]);
    }

    @Test
    void aCsrfCiphertextMovedToAnotherSessionShouldNotDecrypt() throws Exception {
        WebSessionRecord victim = session(idAndHash()[1], Optional.of("victim"), T0, T0);
        WebSessionRecord attacker = session(idAndHash()[1], Optional.of("attacker"), T0, T0);
        storage.webSessions().save(victim);
        storage.webSessions().save(attacker);

        try (Connection c = database().connect()) {
            byte[] ct;
            try (PreparedStatement ps = c.prepareStatement("SELECT csrf_token_ct FROM "
                    + database().table(Backend.WEB_SESSION) + " WHERE key_hash = ?")) {
                ps.setString(1, victim.keyHash());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    ct = rs.getBytes(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + database().table(Backend.WEB_SESSION)
                    + " SET csrf_token_ct = ? WHERE key_hash = ?")) {
                ps.setBytes(1, ct);
                ps.setString(2, attacker.keyHash());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }

        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> storage.webSessions().find(attacker.keyHash()));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("cannot be decrypted");
        assertThat(Fixtures.allMessages(e)).doesNotContain(victim.csrfToken()).doesNotContain(attacker.csrfToken());
        assertThat(storage.webSessions().find(victim.keyHash())).contains(victim);
    }

    @Test
    void sessionsShouldSurviveAKeyRotationAndBeReencrypted() throws Exception {
        WebSessionRecord s = session(idAndHash()[1], Optional.of("rotated"), T0, T0);
        storage.webSessions().save(s);
        long oldKey = storage.primaryKeyId();
        String rotated = KeyRotation.rotate(keyset);
        long newKey = KeyRotation.primaryKeyId(rotated);

        try (JdbcStorage after = JdbcStorage.open(database().configWith(rotated).build())) {
            assertThat(after.webSessions().find(s.keyHash())).contains(s);
            assertThat(after.rowsByKeyId()).containsEntry(oldKey, 1L);
            assertThat(after.reencryptAll()).isEqualTo(1);
            assertThat(after.rowsByKeyId()).containsEntry(newKey, 1L).doesNotContainKey(oldKey);
        }
        try (JdbcStorage retired = JdbcStorage.open(database().configWith(KeyRotation.removeKey(rotated, oldKey)).build())) {
            assertThat(retired.webSessions().find(s.keyHash())).contains(s);
        }
    }

    @Test
    void twoInstancesWithTheirOwnPoolsShouldShareSessions() throws Exception {
        try (JdbcStorage other = JdbcStorage.open(database().configWith(keyset).build())) {
            WebSessionRecord s = session(idAndHash()[1], Optional.empty(), T0, T0);
            storage.webSessions().save(s);
            assertThat(other.webSessions().find(s.keyHash())).contains(s);

            WebSessionRecord login = session(idAndHash()[1], Optional.of("moved"), T0, T0);
            other.webSessions().save(login);
            assertThat(other.webSessions().delete(s.keyHash())).isTrue();
            assertThat(storage.webSessions().find(s.keyHash())).isEmpty();
            assertThat(storage.webSessions().find(login.keyHash())).contains(login);
        }
    }

    @Test
    void concurrentTouchesAndALogoutShouldLeaveTheSessionDeleted() throws Exception {
        String hash = idAndHash()[1];
        storage.webSessions().save(session(hash, Optional.of("racy"), T0, T0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> touches = new ArrayList<>();
            for (int i = 1; i <= 32; i++) {
                Instant when = T0.plusSeconds(i);
                touches.add(pool.submit(() -> {
                    go.await();
                    return storage.webSessions().touch(hash, when);
                }));
            }
            Future<Boolean> logout = pool.submit(() -> {
                go.await();
                return storage.webSessions().delete(hash);
            });
            go.countDown();
            assertThat(logout.get(30, TimeUnit.SECONDS)).isTrue();
            for (Future<Boolean> f : touches) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage.webSessions().find(hash)).isEmpty();
    }

    @Test
    void invalidArgumentsShouldBeRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> storage.webSessions().find("not a hash!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.webSessions().find("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSessionRecord("abc", "", Optional.empty(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSessionRecord("abc", "t", Optional.of("a".repeat(201)), T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long count() throws Exception {
        try (Connection c = database().connect();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + database().table(Backend.WEB_SESSION));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String rawRow(String keyHash) throws Exception {
        try (Connection c = database().connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT * FROM " + database().table(Backend.WEB_SESSION) + " WHERE key_hash = ?")) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ResultSetMetaData md = rs.getMetaData();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : String.valueOf(value));
                }
                return String.join("|", values);
            }
        }
    }
}
