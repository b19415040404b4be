package dev.neonoauth.app.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.JdbcStorage;
import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC session store on the embedded default (H2 file database and generated key set in a temporary directory). */
class JdbcSessionStoreTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @TempDir
    Path dataDirectory;

    private JdbcStorage open() {
        return JdbcStorage.open(JdbcStorageConfig.builder().dataDirectory(dataDirectory).build());
    }

    private static WebSession session(Optional<String> account, Instant created, Instant seen) {
        String id = UUID.randomUUID() + "-" + UUID.randomUUID();
        return new WebSession(Hashes.sha256(id), Hashes.sha256("csrf:" + id), account, created, seen);
    }

    @Test
    void sessionsShouldRoundTripAndSurviveARestart() {
        WebSession anonymous = session(Optional.empty(), T0, T0);
        WebSession signedIn = session(Optional.of("web-user"), T0, T0.plusSeconds(3));
        try (JdbcStorage storage = open()) {
            SessionStore store = new JdbcSessionStore(storage.webSessions());
            store.save(anonymous);
            store.save(signedIn);
            assertThat(store.find(anonymous.key())).contains(anonymous);
        }
        try (JdbcStorage restarted = open()) {
            SessionStore store = new JdbcSessionStore(restarted.webSessions());
            assertThat(store.find(anonymous.key())).contains(anonymous);
            assertThat(store.find(signedIn.key())).contains(signedIn);
            assertThat(store.find(Hashes.sha256("unknown"))).isEmpty();
        }
    }

    @Test
    void touchShouldNotBringBackADeletedSessionAndPurgeShouldApplyBothTimeouts() {
        try (JdbcStorage storage = open()) {
            SessionStore store = new JdbcSessionStore(storage.webSessions());
            WebSession s = session(Optional.of("web-user"), T0, T0);
            store.save(s);
            store.touch(s.key(), T0.plusSeconds(40));
            assertThat(store.find(s.key())).contains(s.seenAt(T0.plusSeconds(40)));
            store.delete(s.key());
            store.touch(s.key(), T0.plusSeconds(80));
            assertThat(store.find(s.key())).isEmpty();
            store.delete(s.key());

            Instant now = T0.plus(Duration.ofDays(1));
            WebSession idle = session(Optional.empty(), now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(31)));
            WebSession old = session(Optional.empty(), now.minus(Duration.ofHours(13)), now);
            WebSession live = session(Optional.empty(), now.minus(Duration.ofHours(1)), now);
            store.save(idle);
            store.save(old);
            store.save(live);
            assertThat(store.purgeExpired(now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofHours(12)))).isEqualTo(2);
            assertThat(store.find(live.key())).contains(live);
            assertThat(store.find(idle.key())).isEmpty();
        }
    }

    @Test
    void inMemoryTouchShouldBehaveTheSame() {
        InMemorySessionStore store = new InMemorySessionStore();
        WebSession s = session(Optional.empty(), T0, T0.plusSeconds(10));
        store.save(s);
        store.touch(s.key(), T0.plusSeconds(5));
        assertThat(store.find(s.key())).contains(s);
        store.touch(s.key(), T0.plusSeconds(50));
        assertThat(store.find(s.key())).contains(s.seenAt(T0.plusSeconds(50)));
        store.delete(s.key());
        store.touch(s.key(), T0.plusSeconds(90));
        assertThat(store.size()).isZero();
    }
}
