package dev.neonoauth.core.contract;

import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} must have. An adapter's test implements this interface and returns its
 * store from {@link #tokenStore()}; the store may be shared between the tests (each uses fresh account keys).
 */
public interface TokenStoreContract {

    TokenStore tokenStore();

    private static AccountKey freshAccount() {
        return AccountKey.of("contract-" + UUID.randomUUID());
    }

    /**
     * The time of the test run (whole seconds plus 123 ms, so that millisecond precision is exercised), not a fixed
     * date: a store that looks at the real clock must see these entries as they are meant, live or expired.
     */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(123);
    }

    @Test
    default void loadShouldReturnEmptyWhenNothingWasSaved() {
        assertThat(tokenStore().load(freshAccount())).isEmpty();
    }

    @Test
    default void saveShouldRoundTripEveryField() {
        AccountKey account = freshAccount();
        TokenSet tokens = TokenSet.builder()
                .accessToken(new AccessToken("ory_at_round-trip.~_-" + UUID.randomUUID()))
                .refreshToken(new RefreshToken("ory_rt_round-trip" + UUID.randomUUID()))
                .expiresAt(now().plusSeconds(3600))
                .grantedScopes(ScopeSet.of(TestScopes.READ, Scope.of("x-unknown:scope"), TestScopes.OFFLINE))
                .issuedAt(now())
                .subject("user-é-1")
                .build();

        tokenStore().save(account, tokens);

        TokenSet loaded = tokenStore().load(account).orElseThrow();
        assertThat(loaded.accessToken()).isEqualTo(tokens.accessToken());
        assertThat(loaded.refreshToken()).isEqualTo(tokens.refreshToken());
        assertThat(loaded.expiresAt()).isEqualTo(tokens.expiresAt());
        assertThat(loaded.grantedScopes()).isEqualTo(tokens.grantedScopes());
        assertThat(loaded.grantedScopes().render()).isEqualTo("urn:example:projects:read x-unknown:scope offline");
        assertThat(loaded.issuedAt()).isEqualTo(tokens.issuedAt());
        assertThat(loaded.subject()).contains("user-é-1");
    }

    @Test
    default void saveShouldRoundTripAbsentOptionalFields() {
        AccountKey account = freshAccount();
        TokenSet tokens = TokenSet.builder()
                .accessToken(new AccessToken("ory_at_minimal"))
                .grantedScopes(ScopeSet.empty())
                .issuedAt(now())
                .build();

        tokenStore().save(account, tokens);

        TokenSet loaded = tokenStore().load(account).orElseThrow();
        assertThat(loaded.refreshToken()).isEmpty();
        assertThat(loaded.expiresAt()).isEmpty();
        assertThat(loaded.subject()).isEmpty();
        assertThat(loaded.grantedScopes().isEmpty()).isTrue();
    }

    @Test
    default void saveShouldReplaceThePreviousSet() {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()));
        TokenSet second = TestTokenSets.issued(now().plusSeconds(60));

        tokenStore().save(account, second);

        assertThat(tokenStore().load(account).orElseThrow().accessToken()).isEqualTo(second.accessToken());
    }

    @Test
    default void deleteShouldRemoveAndBeIdempotent() {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()));

        assertThat(tokenStore().delete(account)).isTrue();
        assertThat(tokenStore().load(account)).isEmpty();
        assertThat(tokenStore().delete(account)).isFalse();
    }

    @Test
    default void accountsShouldBeIndependent() {
        AccountKey a = freshAccount();
        AccountKey b = freshAccount();
        TokenSet forA = TestTokenSets.issued(now());
        TokenSet forB = TestTokenSets.issued(now());
        tokenStore().save(a, forA);
        tokenStore().save(b, forB);

        tokenStore().delete(a);

        assertThat(tokenStore().load(a)).isEmpty();
        assertThat(tokenStore().load(b).orElseThrow().accessToken()).isEqualTo(forB.accessToken());
    }

    @Test
    default void lockShouldReadTheLatestTokensAndSaveDurably() {
        AccountKey account = freshAccount();
        TokenSet before = TestTokenSets.issued(now());
        tokenStore().save(account, before);
        TokenSet after = TestTokenSets.issued(now().plusSeconds(10));

        try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(5))) {
            assertThat(lock.current().orElseThrow().accessToken()).isEqualTo(before.accessToken());
            lock.save(after);
            assertThat(lock.current().orElseThrow().accessToken()).isEqualTo(after.accessToken());
        }

        assertThat(tokenStore().load(account).orElseThrow().accessToken()).isEqualTo(after.accessToken());
    }

    @Test
    default void lockShouldWorkForAnAccountWithoutTokens() {
        AccountKey account = freshAccount();
        TokenSet tokens = TestTokenSets.issued(now());

        try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(5))) {
            assertThat(lock.current()).isEmpty();
            lock.save(tokens);
        }

        assertThat(tokenStore().load(account)).map(TokenSet::accessToken).contains(tokens.accessToken());
    }

    @Test
    default void lockDeleteShouldRemoveTheTokens() {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()));

        try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(5))) {
            lock.delete();
        }

        assertThat(tokenStore().load(account)).isEmpty();
    }

    @Test
    default void lockShouldBeExclusivePerAccount() throws Exception {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (TokenStore.RefreshLock held = tokenStore().lock(account, Duration.ofSeconds(5))) {
            Future<Throwable> attempt = other.submit(() -> {
                try (TokenStore.RefreshLock second = tokenStore().lock(account, Duration.ofMillis(300))) {
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable failure = attempt.get(30, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(StoreUnavailableException.class);
            assertThat(((StoreUnavailableException) failure).isRetryable()).isTrue();
            assertThat(held.current()).isPresent();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    default void lockOnOneAccountShouldNotBlockAnother() {
        AccountKey a = freshAccount();
        AccountKey b = freshAccount();
        try (TokenStore.RefreshLock lockA = tokenStore().lock(a, Duration.ofSeconds(5));
                TokenStore.RefreshLock lockB = tokenStore().lock(b, Duration.ofSeconds(5))) {
            assertThat(lockA.current()).isEmpty();
            assertThat(lockB.current()).isEmpty();
        }
    }

    @Test
    default void closeShouldBeIdempotentAndReleaseTheLock() {
        AccountKey account = freshAccount();
        TokenStore.RefreshLock first = tokenStore().lock(account, Duration.ofSeconds(5));
        first.close();
        first.close();

        try (TokenStore.RefreshLock again = tokenStore().lock(account, Duration.ofSeconds(2))) {
            assertThat(again.current()).isEmpty();
        }
    }

    @Test
    default void aWaitingLockShouldSeeTheTokensTheHolderSaved() throws Exception {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()));
        TokenSet written = TestTokenSets.issued(now().plusSeconds(30));
        CountDownLatch held = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = pool.submit(() -> {
                try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(5))) {
                    held.countDown();
                    sleep(300);
                    lock.save(written);
                }
            });
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<TokenSet>> waiter = pool.submit(() -> {
                try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(10))) {
                    return lock.current();
                }
            });
            holder.get(20, TimeUnit.SECONDS);
            assertThat(waiter.get(20, TimeUnit.SECONDS)).map(TokenSet::accessToken).contains(written.accessToken());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void lockedReadModifyWriteShouldLoseNoUpdate() throws Exception {
        AccountKey account = freshAccount();
        tokenStore().save(account, TestTokenSets.issued(now()).withSubject("0"));
        int threads = 6;
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        try (TokenStore.RefreshLock lock = tokenStore().lock(account, Duration.ofSeconds(30))) {
                            TokenSet current = lock.current().orElseThrow();
                            int n = Integer.parseInt(current.subject().orElseThrow());
                            lock.save(current.withSubject(Integer.toString(n + 1)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokenStore().load(account).orElseThrow().subject()).contains(Integer.toString(threads * rounds));
    }

    @Test
    default void secretsShouldNotAppearInTheStoresToString() {
        AccountKey account = freshAccount();
        TokenSet tokens = TestTokenSets.issued(now());
        tokenStore().save(account, tokens);

        assertThat(tokenStore().toString()).doesNotContain(tokens.accessToken().value());
        assertThatThrownBy(() -> tokenStore().lock(account, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
