package dev.neonoauth.core.service;

import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.RefreshPolicy;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.RetryPolicy;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AccessTokenResult.Reason;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.testing.FakeTokenEndpoint;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.MutableClock;
import dev.neonoauth.core.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessTokenServiceTest {
    private static final AccountKey ACCOUNT = AccountKey.of("profile:default");
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();
    private final List<Duration> sleeps = new ArrayList<>();
    private final AccessTokenService service = new AccessTokenService(TestClients.publicClient(), store, endpoint, clock,
            RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT, sleeps::add, Duration.ofSeconds(10));

    private TokenSet storeTokens(Duration lifetime) {
        TokenSet tokens = TokenSet.builder()
                .accessToken(new AccessToken("ory_at_initial"))
                .refreshToken(new RefreshToken("ory_rt_initial"))
                .expiresAt(T0.plus(lifetime))
                .grantedScopes(TestScopes.DEFAULT)
                .issuedAt(T0)
                .subject("neon-user")
                .build();
        store.save(ACCOUNT, tokens);
        endpoint.accept(new RefreshToken("ory_rt_initial"));
        return tokens;
    }

    @Test
    void currentTokenWhenNothingStoredThenNotConnected() {
        assertThat(service.currentToken(ACCOUNT)).isEqualTo(
                new AccessTokenResult.ReauthorizationRequired(Reason.NOT_CONNECTED, java.util.Optional.empty()));
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void currentTokenWhenFreshThenNoRefresh() {
        storeTokens(Duration.ofHours(1));

        AccessTokenResult result = service.currentToken(ACCOUNT);

        assertThat(((AccessTokenResult.Available) result).token().value()).isEqualTo("ory_at_initial");
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void currentTokenJustOutsideTheMarginThenNoRefreshAndInsideThenRefresh() {
        storeTokens(Duration.ofHours(1));
        clock.set(T0.plus(Duration.ofHours(1)).minusSeconds(61));
        assertThat(token(service.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");

        clock.set(T0.plus(Duration.ofHours(1)).minusSeconds(60));
        assertThat(token(service.currentToken(ACCOUNT))).startsWith("ory_at_fake_");
        assertThat(endpoint.refreshCount()).isEqualTo(1);
    }

    @Test
    void refreshRotatesAndPersistsBeforeReturning() {
        storeTokens(Duration.ofSeconds(30));

        AccessTokenResult result = service.currentToken(ACCOUNT);

        TokenSet stored = store.load(ACCOUNT).orElseThrow();
        assertThat(token(result)).isEqualTo(stored.accessToken().value());
        assertThat(stored.refreshToken().orElseThrow().value()).startsWith("ory_rt_fake_");
        assertThat(stored.expiresAt()).contains(T0.plus(Duration.ofHours(1)));
        assertThat(stored.subject()).contains("fake-subject");
    }

    @Test
    void refreshWithoutANewRefreshTokenKeepsTheOldOne() {
        storeTokens(Duration.ofSeconds(30));
        endpoint.rotate(false);

        service.currentToken(ACCOUNT);

        assertThat(store.load(ACCOUNT).orElseThrow().refreshToken()).contains(new RefreshToken("ory_rt_initial"));
        assertThat(store.load(ACCOUNT).orElseThrow().grantedScopes()).isEqualTo(TestScopes.DEFAULT);
    }

    @Test
    void concurrentCallersOnAnExpiringTokenCauseExactlyOneRefresh() throws Exception {
        storeTokens(Duration.ofSeconds(10));
        endpoint.latency(Duration.ofMillis(200));
        int callers = 200;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AccessTokenResult>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return service.currentToken(ACCOUNT);
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<AccessTokenResult> result : results) {
                tokens.add(token(result.get(60, TimeUnit.SECONDS)));
            }
            assertThat(endpoint.refreshCount()).isEqualTo(1);
            assertThat(endpoint.reuseCount()).isZero();
            assertThat(tokens).containsExactly(store.load(ACCOUNT).orElseThrow().accessToken().value());
            assertThat(service.localLocks()).as("the in-process lock is gone once nobody holds or waits for it").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshAfterRejectionRefreshesOnceAndLaterRejectionsOfTheOldTokenAdoptTheNewOne() {
        storeTokens(Duration.ofHours(1));

        String first = token(service.refreshAfterRejection(ACCOUNT, new AccessToken("ory_at_initial")));
        String second = token(service.refreshAfterRejection(ACCOUNT, new AccessToken("ory_at_initial")));

        assertThat(first).isEqualTo(second).isNotEqualTo("ory_at_initial");
        assertThat(endpoint.refreshCount()).isEqualTo(1);
    }

    @Test
    void deadGrantDeletesTokensAndAsksForReauthorization() {
        for (OAuthErrorCode dead : List.of(OAuthErrorCode.INVALID_GRANT, OAuthErrorCode.INVALID_TOKEN, OAuthErrorCode.TOKEN_INACTIVE)) {
            storeTokens(Duration.ofSeconds(1));
            endpoint.thenRefuseNextRefresh(dead, "The refresh token was already used.", 400);

            AccessTokenResult result = service.currentToken(ACCOUNT);

            assertThat(result).isInstanceOf(AccessTokenResult.ReauthorizationRequired.class);
            AccessTokenResult.ReauthorizationRequired reauth = (AccessTokenResult.ReauthorizationRequired) result;
            assertThat(reauth.reason()).isEqualTo(Reason.GRANT_REVOKED);
            assertThat(reauth.error().orElseThrow().code()).isEqualTo(dead);
            assertThat(reauth.message()).contains(dead.value());
            assertThat(store.load(ACCOUNT)).as("tokens of a dead grant are deleted").isEmpty();
        }
    }

    @Test
    void hydrasConcurrentRefreshInvalidRequestIsRetriedNotTreatedAsDead() {
        storeTokens(Duration.ofSeconds(1));
        endpoint.thenRefuseNextRefresh(OAuthErrorCode.INVALID_REQUEST, "Failed to refresh token because of multiple "
                + "concurrent requests using the same token. Please retry the request.", 400);

        AccessTokenResult result = service.currentToken(ACCOUNT);

        assertThat(token(result)).startsWith("ory_at_fake_");
        assertThat(endpoint.refreshCount()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void transportFailuresAreRetriedWithBackoffAndNeverDiscardTheToken() {
        storeTokens(Duration.ofSeconds(1));
        endpoint.thenFailNextRefresh(true).thenFailNextRefresh(true).thenFailNextRefresh(true);

        assertThatThrownBy(() -> service.currentToken(ACCOUNT)).isInstanceOf(TokenEndpointUnavailableException.class)
                .satisfies(e -> assertThat(((TokenEndpointUnavailableException) e).isRetryable()).isTrue());

        assertThat(endpoint.refreshCount()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(store.load(ACCOUNT).orElseThrow().refreshToken()).contains(new RefreshToken("ory_rt_initial"));
    }

    @Test
    void transientFailureThenSuccessReturnsTheNewToken() {
        storeTokens(Duration.ofSeconds(1));
        endpoint.thenFailNextRefresh(true);

        assertThat(token(service.currentToken(ACCOUNT))).startsWith("ory_at_fake_");
        assertThat(endpoint.refreshCount()).isEqualTo(2);
    }

    @Test
    void staleButUnexpiredTokenIsReturnedWhenItsRefreshFailsTransiently() {
        storeTokens(Duration.ofSeconds(30));
        endpoint.thenFailNextRefresh(false);

        assertThat(token(service.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");
        assertThat(store.load(ACCOUNT)).isPresent();
    }

    @Test
    void permanentRefusalKeepsTokensAndSaysWhy() {
        storeTokens(Duration.ofSeconds(1));
        endpoint.thenRefuseNextRefresh(OAuthErrorCode.INVALID_CLIENT, "Client authentication failed", 401);

        assertThatThrownBy(() -> service.currentToken(ACCOUNT))
                .isInstanceOf(TokenEndpointUnavailableException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("ory_rt_initial");
        assertThat(store.load(ACCOUNT)).isPresent();
    }

    @Test
    void expiredTokenWithoutRefreshTokenAsksForOfflineScopes() {
        store.save(ACCOUNT, TokenSet.builder().accessToken(new AccessToken("ory_at_only")).grantedScopes(ScopeSet.empty())
                .issuedAt(T0).expiresAt(T0.plusSeconds(1)).build());
        clock.advance(Duration.ofSeconds(2));

        AccessTokenResult result = service.currentToken(ACCOUNT);

        assertThat(((AccessTokenResult.ReauthorizationRequired) result).reason()).isEqualTo(Reason.NO_REFRESH_TOKEN);
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void aTokenAnotherProcessWroteMeanwhileIsAdoptedInsteadOfRefreshing() {
        storeTokens(Duration.ofSeconds(1));
        TokenSet writtenElsewhere = TokenSet.builder().accessToken(new AccessToken("ory_at_from_other_process"))
                .refreshToken(new RefreshToken("ory_rt_from_other_process")).grantedScopes(TestScopes.DEFAULT)
                .issuedAt(T0).expiresAt(T0.plus(Duration.ofHours(1))).build();
        // Another process rotates while we wait for the lock: emulate by writing between load and lock.
        InMemoryTokenStore racing = new InMemoryTokenStore() {
            @Override
            public RefreshLock lock(AccountKey account, Duration timeout) {
                save(account, writtenElsewhere);
                return super.lock(account, timeout);
            }
        };
        racing.save(ACCOUNT, store.load(ACCOUNT).orElseThrow());
        AccessTokenService racingService = new AccessTokenService(TestClients.publicClient(), racing, endpoint, clock,
                RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT, sleeps::add, Duration.ofSeconds(10));

        assertThat(token(racingService.currentToken(ACCOUNT))).isEqualTo("ory_at_from_other_process");
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void disconnectedMeanwhileMeansNotConnected() {
        storeTokens(Duration.ofSeconds(1));
        InMemoryTokenStore racing = new InMemoryTokenStore() {
            @Override
            public RefreshLock lock(AccountKey account, Duration timeout) {
                delete(account);
                return super.lock(account, timeout);
            }
        };
        racing.save(ACCOUNT, store.load(ACCOUNT).orElseThrow());
        AccessTokenService racingService = new AccessTokenService(TestClients.publicClient(), racing, endpoint, clock,
                RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT, sleeps::add, Duration.ofSeconds(10));

        assertThat(((AccessTokenResult.ReauthorizationRequired) racingService.currentToken(ACCOUNT)).reason())
                .isEqualTo(Reason.NOT_CONNECTED);
    }

    /** Counts reads that reach the store outside the refresh lock. */
    private static final class CountingStore extends InMemoryTokenStore {
        final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.util.Optional<TokenSet> load(AccountKey account) {
            loads.incrementAndGet();
            return super.load(account);
        }
    }

    private AccessTokenService serviceOn(InMemoryTokenStore tokens, Duration cacheMaxAge) {
        return new AccessTokenService(TestClients.publicClient(), tokens, endpoint, clock, RefreshPolicy.DEFAULT,
                RetryPolicy.DEFAULT, sleeps::add, Duration.ofSeconds(10), cacheMaxAge);
    }

    @Test
    void aFreshTokenIsServedFromMemoryWithinTheCacheAgeWithoutReadingTheStore() {
        CountingStore counting = new CountingStore();
        counting.save(ACCOUNT, storeTokens(Duration.ofHours(1)));
        AccessTokenService cached = serviceOn(counting, Duration.ofSeconds(10));

        for (int i = 0; i < 100; i++) {
            assertThat(token(cached.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");
        }
        assertThat(counting.loads.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        assertThat(token(cached.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");
        assertThat(counting.loads.get()).as("the cache age ran out, so the store is read again").isEqualTo(2);
    }

    @Test
    void theCacheNeverServesAStaleTokenAndZeroTurnsItOff() {
        CountingStore counting = new CountingStore();
        counting.save(ACCOUNT, storeTokens(Duration.ofSeconds(65)));
        AccessTokenService cached = serviceOn(counting, Duration.ofMinutes(5));
        assertThat(token(cached.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");

        clock.advance(Duration.ofSeconds(5)); // now within the 60 s refresh margin
        assertThat(token(cached.currentToken(ACCOUNT))).startsWith("ory_at_fake_");
        assertThat(endpoint.refreshCount()).isEqualTo(1);

        CountingStore uncachedStore = new CountingStore();
        uncachedStore.save(ACCOUNT, counting.load(ACCOUNT).orElseThrow());
        AccessTokenService uncached = serviceOn(uncachedStore, Duration.ZERO);
        uncached.currentToken(ACCOUNT);
        uncached.currentToken(ACCOUNT);
        assertThat(uncachedStore.loads.get()).isEqualTo(2);
    }

    @Test
    void aRejectedCachedTokenIsReplacedByWhatTheStoreHoldsNow() {
        CountingStore counting = new CountingStore();
        counting.save(ACCOUNT, storeTokens(Duration.ofHours(1)));
        AccessTokenService cached = serviceOn(counting, Duration.ofSeconds(10));
        assertThat(token(cached.currentToken(ACCOUNT))).isEqualTo("ory_at_initial");
        TokenSet rotatedElsewhere = TokenSet.builder().accessToken(new AccessToken("ory_at_other_instance"))
                .refreshToken(new RefreshToken("ory_rt_other_instance")).grantedScopes(TestScopes.DEFAULT)
                .issuedAt(T0).expiresAt(T0.plus(Duration.ofHours(1))).build();
        counting.save(ACCOUNT, rotatedElsewhere);

        assertThat(token(cached.currentToken(ACCOUNT))).as("still cached").isEqualTo("ory_at_initial");
        assertThat(token(cached.refreshAfterRejection(ACCOUNT, new AccessToken("ory_at_initial"))))
                .isEqualTo("ory_at_other_instance");
        assertThat(token(cached.currentToken(ACCOUNT))).isEqualTo("ory_at_other_instance");
        assertThat(endpoint.refreshCount()).isZero();
    }

    @Test
    void aDeadGrantLeavesNothingInTheCache() {
        CountingStore counting = new CountingStore();
        counting.save(ACCOUNT, storeTokens(Duration.ofHours(1)));
        AccessTokenService cached = serviceOn(counting, Duration.ofSeconds(10));
        cached.currentToken(ACCOUNT);
        endpoint.thenRefuseNextRefresh(OAuthErrorCode.INVALID_GRANT, "The refresh token was already used.", 400);

        assertThat(cached.refreshAfterRejection(ACCOUNT, new AccessToken("ory_at_initial")))
                .isInstanceOf(AccessTokenResult.ReauthorizationRequired.class);
        assertThat(cached.currentToken(ACCOUNT)).isInstanceOf(AccessTokenResult.ReauthorizationRequired.class);
    }

    private static TokenSet freshTokens(String suffix) {
        return tokens(suffix, T0.plus(Duration.ofHours(1)));
    }

    private static TokenSet tokens(String suffix, Instant expiresAt) {
        return TokenSet.builder()
                .accessToken(new AccessToken("ory_at_" + suffix))
                .refreshToken(new RefreshToken("ory_rt_" + suffix))
                .expiresAt(expiresAt)
                .grantedScopes(TestScopes.DEFAULT)
                .issuedAt(T0)
                .subject("neon-user")
                .build();
    }

    @Test
    void theCacheForgetsAccountsOnceTheirEntriesAreTooOldToBeReused() {
        AccessTokenService cached = serviceOn(store, Duration.ofSeconds(10));
        for (int i = 0; i < 500; i++) {
            AccountKey account = AccountKey.of("web-" + i);
            store.save(account, freshTokens(String.valueOf(i)));
            assertThat(token(cached.currentToken(account))).isEqualTo("ory_at_" + i);
        }
        assertThat(cached.cachedAccounts()).isEqualTo(500);

        clock.advance(Duration.ofSeconds(11));
        AccountKey late = AccountKey.of("web-late");
        store.save(late, freshTokens("late"));
        assertThat(token(cached.currentToken(late))).isEqualTo("ory_at_late");
        assertThat(cached.cachedAccounts()).as("only the account served within the cache age").isEqualTo(1);
        assertThat(token(cached.currentToken(AccountKey.of("web-7")))).as("a forgotten account reads the store again")
                .isEqualTo("ory_at_7");

        clock.advance(Duration.ofSeconds(11));
        cached.currentToken(AccountKey.of("never-connected"));
        assertThat(cached.cachedAccounts()).as("a call that caches nothing sweeps too").isZero();

        cached.currentToken(AccountKey.of("web-8"));
        assertThat(cached.cachedAccounts()).isEqualTo(1);
        clock.set(clock.instant().minus(Duration.ofHours(1)));
        cached.currentToken(AccountKey.of("never-connected"));
        assertThat(cached.cachedAccounts()).as("a clock set back does not postpone the sweep").isZero();
    }

    @Test
    void theCacheHoldsAtMostItsLimitAndAccountsBeyondItStillGetTheirTokens() {
        AccessTokenService cached = serviceOn(store, Duration.ofMinutes(5));
        int accounts = AccessTokenService.MAX_CACHED_ACCOUNTS + 50;
        for (int i = 0; i < accounts; i++) {
            AccountKey account = AccountKey.of("web-" + i);
            store.save(account, freshTokens(String.valueOf(i)));
            assertThat(token(cached.currentToken(account))).isEqualTo("ory_at_" + i);
        }
        assertThat(cached.cachedAccounts()).isEqualTo(AccessTokenService.MAX_CACHED_ACCOUNTS);
    }

    @Test
    void refreshesOfManyAccountsLeaveNoInProcessLockBehind() {
        for (int i = 0; i < 50; i++) {
            AccountKey account = AccountKey.of("web-" + i);
            store.save(account, tokens(String.valueOf(i), T0.plusSeconds(30)));
            endpoint.accept(new RefreshToken("ory_rt_" + i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(token(service.currentToken(AccountKey.of("web-" + i)))).startsWith("ory_at_fake_");
        }
        assertThat(endpoint.refreshCount()).isEqualTo(50);
        assertThat(service.localLocks()).isZero();
    }

    private static String token(AccessTokenResult result) {
        assertThat(result).isInstanceOf(AccessTokenResult.Available.class);
        return ((AccessTokenResult.Available) result).token().value();
    }
}
