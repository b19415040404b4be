package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.service.AccessTokenService;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import dev.neonoauth.core.testing.TestTokenSets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cross-process refresh proof: two storages with their own connection pools stand for two application
 * instances, each with its own {@link AccessTokenService} and 100 threads, all asking for the token of one account
 * whose access token has expired. The token endpoint (Hydra-like: rotating, reuse revokes) must see exactly one
 * refresh, never a reused refresh token, and every caller must get the one new access token.
 */
abstract class RefreshRaceCases {
    static final int THREADS_PER_INSTANCE = 100;

    abstract TestDatabase database();

    @Test
    void twoInstancesWithAHundredThreadsEachShouldRefreshAnExpiredTokenExactlyOnce() throws Exception {
        String keyset = KeyRotation.newKeyset();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        FakeTokenEndpoint endpoint = new FakeTokenEndpoint().latency(Duration.ofMillis(200));
        AccountKey account = Fixtures.account("race");
        TokenSet expired = TestTokenSets.issued(clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        endpoint.accept(expired.refreshToken().orElseThrow());

        try (JdbcStorage instanceA = JdbcStorage.open(database().configWith(keyset).maximumPoolSize(8).build());
                JdbcStorage instanceB = JdbcStorage.open(database().configWith(keyset).maximumPoolSize(8).build())) {
            instanceA.tokenStore().save(account, expired);
            List<AccessTokenService> services = List.of(
                    new AccessTokenService(TestClients.confidential(), instanceA.tokenStore(), endpoint, clock),
                    new AccessTokenService(TestClients.confidential(), instanceB.tokenStore(), endpoint, clock));

            Set<String> handedOut = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AccessTokenResult>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 2 * THREADS_PER_INSTANCE; i++) {
                    AccessTokenService service = services.get(i % 2);
                    results.add(pool.submit(() -> {
                        start.await();
                        AccessTokenResult result = service.currentToken(account);
                        if (result instanceof AccessTokenResult.Available available) {
                            handedOut.add(available.token().value());
                        }
                        return result;
                    }));
                }
                start.countDown();
                for (Future<AccessTokenResult> result : results) {
                    assertThat(result.get(120, TimeUnit.SECONDS)).isInstanceOf(AccessTokenResult.Available.class);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(endpoint.refreshCount()).as("refresh requests at the token endpoint").isEqualTo(1);
            assertThat(endpoint.reuseCount()).as("refresh tokens presented twice").isZero();
            TokenSet stored = instanceB.tokenStore().load(account).orElseThrow();
            assertThat(handedOut).containsExactly(stored.accessToken().value());
            assertThat(stored.accessToken()).isNotEqualTo(expired.accessToken());
            assertThat(stored.refreshToken()).isNotEqualTo(expired.refreshToken());
            assertThat(stored.expiresAt()).hasValueSatisfying(at -> assertThat(at).isAfter(clock.instant()));
            assertThat(new AccessToken(handedOut.iterator().next())).isEqualTo(stored.accessToken());
        }
    }
}
