package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Faults that only a real process kill shows: a child JVM ({@link CrashChild}) is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) while it writes grants, or while it holds a refresh lock.
 */
abstract class CrashSafetyCases {
    static final int SAVES_BEFORE_KILL = 300;

    /** Environment for the child and for {@link JdbcStorageConfig#fromEnvironment} in the parent. */
    abstract Map<String, String> environment();

    @Test
    void aSaveStreamKilledMidwayShouldLeaveOnlyCompleteDecryptableRowsAndKeepEverySaveThatReturned()
            throws Exception {
        String prefix = "crash-" + UUID.randomUUID();
        Map<String, Long> confirmed = new ConcurrentHashMap<>();
        AtomicInteger saves = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        Process child = start("save-stream", prefix);
        try {
            Thread reader = new Thread(() -> readLines(child, line -> {
                if (line.startsWith("saved ")) {
                    String[] parts = line.split(" ");
                    confirmed.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    if (saves.incrementAndGet() >= SAVES_BEFORE_KILL) {
                        enough.countDown();
                    }
                }
            }));
            reader.start();
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("the child saved %d grants", SAVES_BEFORE_KILL).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no pool close
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(environment()))) {
            assertThat(confirmed).hasSize(CrashChild.ACCOUNTS);
            for (int a = 0; a < CrashChild.ACCOUNTS; a++) {
                String account = prefix + "-" + a;
                TokenSet loaded = storage.tokenStore().load(AccountKey.of(account)).orElseThrow();
                long n = Long.parseLong(loaded.subject().orElseThrow());
                // complete: every field comes from the same save
                assertThat(loaded).usingRecursiveComparison().isEqualTo(CrashChild.grant(n));
                assertThat(n % CrashChild.ACCOUNTS).isEqualTo(a);
                // durable: no save that had returned was lost
                assertThat(n).isGreaterThanOrEqualTo(confirmed.get(account));
            }
        }
    }

    /**
     * A sign-out survives a killed process: new sessions may wait for H2's background writer (a crash loses them and
     * their users connect again), but a deleted session must not come back.
     */
    @Test
    void aSessionDeletedBeforeAKillShouldStayDeleted() throws Exception {
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        Process child = start("end-sessions");
        try {
            Thread reader = new Thread(() -> readLines(child, line -> {
                if (line.startsWith("ended ")) {
                    ended.add(line.substring("ended ".length()));
                    if (ended.size() >= SAVES_BEFORE_KILL) {
                        enough.countDown();
                    }
                }
            }));
            reader.start();
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("the child ended %d sessions", SAVES_BEFORE_KILL)
                    .isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(environment()))) {
            for (String keyHash : ended) {
                assertThat(storage.webSessions().find(keyHash)).as("session %s was ended", keyHash).isEmpty();
            }
        }
    }

    @Test
    void aLockHolderKilledWithSigkillShouldNotBlockTheAccount() throws Exception {
        String account = "locked-" + UUID.randomUUID();
        CountDownLatch locked = new CountDownLatch(1);
        Process child = start("hold-lock", account);
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(environment()))) {
            Thread reader = new Thread(() -> readLines(child, line -> {
                if (line.equals("locked")) {
                    locked.countDown();
                }
            }));
            reader.start();
            assertThat(locked.await(120, TimeUnit.SECONDS)).as("the child took the lock").isTrue();
            TokenStore store = storage.tokenStore();
            StoreUnavailableException blocked = catchThrowableOfType(StoreUnavailableException.class,
                    () -> store.lock(AccountKey.of(account), Duration.ofMillis(500)).close());
            assertThat(blocked.isRetryable()).as("held by the child, so a retryable timeout").isTrue();

            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);

            long start = System.nanoTime();
            try (TokenStore.RefreshLock lock = store.lock(AccountKey.of(account), Duration.ofSeconds(60))) {
                assertThat(lock.current()).isEmpty();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("released when the holder died")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            child.destroyForcibly();
        }
    }

    private Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_OAUTH_"));
        pb.environment().putAll(environment());
        return pb.start();
    }

    private static void readLines(Process process, java.util.function.Consumer<String> onLine) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (java.io.IOException e) {
            // the process was killed
        }
    }
}
