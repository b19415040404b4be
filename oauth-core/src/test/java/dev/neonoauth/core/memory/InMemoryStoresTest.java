package dev.neonoauth.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** What the shipped single-process stores add to the port contracts: bounded memory. */
class InMemoryStoresTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static PendingAuthorization pending(Instant createdAt, Duration ttl) {
        byte[] state = new byte[32];
        byte[] verifier = new byte[32];
        ThreadLocalRandom.current().nextBytes(state);
        ThreadLocalRandom.current().nextBytes(verifier);
        return PendingAuthorization.builder()
                .state(State.fromEntropy(state))
                .codeVerifier(CodeVerifier.fromEntropy(verifier))
                .account(AccountKey.of("user"))
                .redirectUri(URI.create("http://127.0.0.1/callback"))
                .requestedScopes(ScopeSet.empty())
                .createdAt(createdAt)
                .expiresAt(createdAt.plus(ttl))
                .build();
    }

    @Test
    void expiredPendingEntriesAreSweptByALaterSaveAtMostOncePerInterval() {
        InMemoryPendingAuthorizationStore store = new InMemoryPendingAuthorizationStore();
        store.save(pending(T0, Duration.ofMinutes(1)));
        store.save(pending(T0, Duration.ofMinutes(10)));
        assertThat(store.size()).isEqualTo(2);

        // within the sweep interval of the first save: nothing is swept yet, even if something expired
        store.save(pending(T0.plusSeconds(10), Duration.ofMinutes(10)));
        assertThat(store.size()).isEqualTo(3);

        // past the first entry's expiry and the interval: it goes, the live ones stay
        store.save(pending(T0.plus(Duration.ofMinutes(2)), Duration.ofMinutes(10)));
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void aFullPendingStoreRefusesWithARetryableErrorUnlessExpiredEntriesMakeRoom() {
        InMemoryPendingAuthorizationStore store = new InMemoryPendingAuthorizationStore(2);
        store.save(pending(T0, Duration.ofSeconds(5)));
        store.save(pending(T0, Duration.ofMinutes(10)));

        assertThatThrownBy(() -> store.save(pending(T0.plusSeconds(1), Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("too many");
        assertThat(store.size()).isEqualTo(2);

        store.save(pending(T0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(10))); // the 5 s entry expired
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void refreshLocksExistOnlyWhileHeldOrAwaited() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        AccountKey account = AccountKey.of("alice");
        try (TokenStore.RefreshLock lock = store.lock(account, Duration.ofSeconds(1))) {
            lock.save(TestTokenSets.issued(T0));
            assertThat(locks(store)).containsOnlyKeys(account);
        }
        assertThat(locks(store)).isEmpty();
        assertThat(store.load(account)).isPresent();

        for (int i = 0; i < 1000; i++) {
            store.lock(AccountKey.of("user-" + i), Duration.ZERO).close();
        }
        assertThat(locks(store)).as("no lock left behind per account ever locked").isEmpty();
    }

    @Test
    void aLockThatTimesOutLeavesNothingBehind() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        AccountKey account = AccountKey.of("bob");
        TokenStore.RefreshLock held = store.lock(account, Duration.ofSeconds(1));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                store.lock(account, Duration.ofMillis(50)).close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertThat(failure.get()).isInstanceOf(StoreUnavailableException.class);
        assertThat(locks(store)).containsOnlyKeys(account);
        held.close();
        assertThat(locks(store)).isEmpty();
    }

    private static Map<Object, Object> locks(InMemoryTokenStore store) throws ReflectiveOperationException {
        Field field = InMemoryTokenStore.class.getDeclaredField("locks");
        field.setAccessible(true);
        @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) field.get(store);
        return map;
    }
}
