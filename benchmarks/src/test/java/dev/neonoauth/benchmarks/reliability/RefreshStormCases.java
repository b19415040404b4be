package dev.neonoauth.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.sandbox.NeonSandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9, "Concurrency and faults", first item: 1000 concurrent API calls with an expired access token, across two
 * application instances (two {@link Stack}s, each with its own connection pool, Neon adapter and
 * {@code AccessTokenService}) sharing one database. Exactly one refresh request reaches the sandbox, no refresh
 * token is ever presented twice (the sandbox would log reuse and revoke the grant), every call succeeds, and both
 * instances end with the same rotated grant.
 */
abstract class RefreshStormCases {
    static final int CALLS = 1000;
    static final int THREADS_PER_INSTANCE = 100;

    /** How the access token is expired when the storm starts. */
    enum Expiry {
        /** Only at the sandbox ({@code expireAccessTokens()}): every call is sent, gets 401, and asks for a refresh. */
        AT_SERVER,
        /** At the sandbox and in the store (expiry in the past): every call asks for a refresh before sending. */
        AT_SERVER_AND_CLIENT
    }

    abstract String database();

    abstract JdbcStorageConfig.Builder storage(String keysetJson);

    @ParameterizedTest
    @EnumSource(Expiry.class)
    void thousandConcurrentCallsOnTwoInstancesRefreshExactlyOnce(Expiry expiry) throws Exception {
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval("sandbox@example.com").build().start()) {
            String keyset = KeyRotation.newKeyset();
            try (Stack a = Stack.open(sandbox, storage(keyset).maximumPoolSize(10).build());
                 Stack b = Stack.open(sandbox, storage(keyset).maximumPoolSize(10).build())) {
                AccountKey account = AccountKey.of("storm-" + expiry.name().toLowerCase());
                a.connect(account);
                TokenSet before = b.store.load(account).orElseThrow();
                assertThat(b.api.currentUser(account).email()).isEqualTo("sandbox@example.com");

                sandbox.expireAccessTokens();
                if (expiry == Expiry.AT_SERVER_AND_CLIENT) {
                    a.store.save(account, TokenSet.builder().from(before)
                            .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(5)).build());
                }
                sandbox.metrics().reset();
                AtomicLong reuse = SecretsWatch.count("refresh token reuse detected");
                long reuseBefore = reuse.get();

                ExecutorService poolA = Executors.newFixedThreadPool(THREADS_PER_INSTANCE);
                ExecutorService poolB = Executors.newFixedThreadPool(THREADS_PER_INSTANCE);
                CountDownLatch go = new CountDownLatch(1);
                long[] latencies = new long[CALLS];
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                List<Future<NeonUser>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    int n = i;
                    Stack instance = i % 2 == 0 ? a : b;
                    calls.add((i % 2 == 0 ? poolA : poolB).submit(() -> {
                        go.await();
                        long t0 = System.nanoTime();
                        try {
                            return instance.api.currentUser(account);
                        } catch (RuntimeException e) {
                            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                            throw e;
                        } finally {
                            latencies[n] = System.nanoTime() - t0;
                        }
                    }));
                }
                long start = System.nanoTime();
                go.countDown();
                int ok = 0;
                for (Future<NeonUser> call : calls) {
                    try {
                        if ("sandbox@example.com".equals(call.get(120, TimeUnit.SECONDS).email())) {
                            ok++;
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        // counted in failures
                    }
                }
                long wallMillis = (System.nanoTime() - start) / 1_000_000;
                poolA.shutdownNow();
                poolB.shutdownNow();

                long refreshes = sandbox.metrics().refreshRequests();
                long reused = reuse.get() - reuseBefore;
                Figures.record(String.format("refresh storm [%s, %s]: %d calls on 2 instances x %d threads: %d ok, "
                                + "%d failed, %d refresh request(s) at the sandbox, %d refresh-token reuse, %d API "
                                + "requests, wall %d ms, call latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        database(), expiry, CALLS, THREADS_PER_INSTANCE, ok, failures.size(), refreshes, reused,
                        sandbox.metrics().apiRequests(), wallMillis, Figures.percentileMillis(latencies, 0.5),
                        Figures.percentileMillis(latencies, 0.99), Figures.percentileMillis(latencies, 1.0)));

                assertThat(failures).as("failed calls").isEmpty();
                assertThat(ok).isEqualTo(CALLS);
                assertThat(refreshes).as("refresh requests at the sandbox").isEqualTo(1);
                assertThat(reused).as("refresh tokens presented twice").isZero();

                TokenSet afterA = a.store.load(account).orElseThrow();
                TokenSet afterB = b.store.load(account).orElseThrow();
                assertThat(afterA.accessToken().sameAs(afterB.accessToken())).isTrue();
                assertThat(afterA.accessToken().sameAs(before.accessToken())).as("rotated").isFalse();
                assertThat(afterA.refreshToken().orElseThrow().value())
                        .isNotEqualTo(before.refreshToken().orElseThrow().value());
                // the grant is alive: a forced refresh from the other instance works
                sandbox.expireAccessTokens();
                assertThat(b.api.currentUser(account).email()).isEqualTo("sandbox@example.com");
                assertThat(sandbox.metrics().refreshRequests()).isEqualTo(2);
            }
        }
    }
}
