package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (found by the contract's read-modify-write test failing now and then on H2): six threads take one
 * account's refresh lock ten times each; no two may ever hold it at once and every holder must read the last save.
 * Repeated because the H2 FOR UPDATE overlap it guards against showed in about 1 run in 20.
 */
class RefreshLockExclusionTest {
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

    @RepeatedTest(25)
    void holdersNeverOverlapAndAlwaysReadTheLastSave() throws Exception {
        TokenStore store = storage.tokenStore();
        AccountKey account = AccountKey.of("x-" + UUID.randomUUID());
        store.save(account, TestTokenSets.issued(Instant.parse("2026-11-27T10:00:00Z")).withSubject("0"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger lastWritten = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    try (TokenStore.RefreshLock lock = store.lock(account, Duration.ofSeconds(30))) {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        TokenSet cur = lock.current().orElseThrow();
                        int n = Integer.parseInt(cur.subject().orElseThrow());
                        if (n != lastWritten.get()) {
                            stale.incrementAndGet();
                        }
                        lock.save(cur.withSubject(Integer.toString(n + 1)));
                        lastWritten.set(n + 1);
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertThat(overlaps.get()).as("overlapping holders").isZero();
        assertThat(stale.get()).as("stale reads").isZero();
    }
}
