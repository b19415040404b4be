package dev.neonoauth.core.contract;

import dev.neonoauth.core.testing.TestScopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PendingAuthorizationStore} must have. The store may be shared between tests; each
 * test uses fresh random states.
 */
public interface PendingAuthorizationStoreContract {

    PendingAuthorizationStore pendingStore();

    SecureRandom RANDOM = new SecureRandom();

    private static State freshState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return State.fromEntropy(bytes);
    }

    private static CodeVerifier freshVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return CodeVerifier.fromEntropy(bytes);
    }

    private static PendingAuthorization pending(State state, Instant createdAt, Duration ttl) {
        return PendingAuthorization.builder()
                .state(state)
                .codeVerifier(freshVerifier())
                .account(AccountKey.of("pending-contract-user"))
                .redirectUri(URI.create("http://127.0.0.1:3000/api/oauth/callback"))
                .requestedScopes(ScopeSet.of(Scope.OPENID, TestScopes.READ, Scope.of("custom:scope")))
                .returnTo("/projects?tab=all")
                .sessionBinding("session-binding-hash")
                .createdAt(createdAt)
                .expiresAt(createdAt.plus(ttl))
                .build();
    }

    /**
     * The time of the test run (whole seconds plus 123 ms, so that millisecond precision is exercised), not a fixed
     * date: a store that looks at the real clock must see these entries as they are meant, live or expired.
     */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(123);
    }

    @Test
    default void consumeShouldReturnEveryFieldThatWasSaved() {
        State state = freshState();
        PendingAuthorization saved = pending(state, now(), Duration.ofMinutes(10));
        pendingStore().save(saved);

        PendingAuthorization consumed = pendingStore().consume(state).orElseThrow();

        assertThat(consumed.state().value()).isEqualTo(state.value());
        assertThat(consumed.codeVerifier().value()).isEqualTo(saved.codeVerifier().value());
        assertThat(consumed.account()).isEqualTo(saved.account());
        assertThat(consumed.redirectUri()).isEqualTo(saved.redirectUri());
        assertThat(consumed.requestedScopes()).isEqualTo(saved.requestedScopes());
        assertThat(consumed.returnTo()).contains("/projects?tab=all");
        assertThat(consumed.sessionBinding()).contains("session-binding-hash");
        assertThat(consumed.createdAt()).isEqualTo(saved.createdAt());
        assertThat(consumed.expiresAt()).isEqualTo(saved.expiresAt());
    }

    @Test
    default void optionalFieldsShouldRoundTripWhenAbsent() {
        State state = freshState();
        PendingAuthorization saved = PendingAuthorization.builder()
                .state(state)
                .codeVerifier(freshVerifier())
                .account(AccountKey.of("cli-profile"))
                .redirectUri(URI.create("http://127.0.0.1:53124/callback"))
                .requestedScopes(ScopeSet.of(TestScopes.READ))
                .createdAt(now())
                .expiresAt(now().plusSeconds(300))
                .build();
        pendingStore().save(saved);

        PendingAuthorization consumed = pendingStore().consume(state).orElseThrow();

        assertThat(consumed.returnTo()).isEmpty();
        assertThat(consumed.sessionBinding()).isEmpty();
    }

    @Test
    default void consumeShouldSucceedOnlyOnce() {
        State state = freshState();
        pendingStore().save(pending(state, now(), Duration.ofMinutes(10)));

        assertThat(pendingStore().consume(state)).isPresent();
        assertThat(pendingStore().consume(state)).isEmpty();
    }

    @Test
    default void consumeShouldReturnEmptyForAnUnknownState() {
        assertThat(pendingStore().consume(freshState())).isEmpty();
    }

    @Test
    default void consumeShouldMatchTheStateExactly() {
        State state = new State("Case-Sensitive-State-" + freshState().value());
        pendingStore().save(pending(state, now(), Duration.ofMinutes(10)));

        assertThat(pendingStore().consume(new State(state.value().toLowerCase(java.util.Locale.ROOT)))).isEmpty();
        assertThat(pendingStore().consume(new State(state.value() + "x"))).isEmpty();
        assertThat(pendingStore().consume(state)).isPresent();
    }

    @Test
    default void consumeShouldReturnExpiredEntriesSoTheCallerCanSayExpired() {
        State state = freshState();
        pendingStore().save(pending(state, now().minus(Duration.ofHours(2)), Duration.ofMinutes(10)));

        Optional<PendingAuthorization> consumed = pendingStore().consume(state);

        assertThat(consumed).isPresent();
        assertThat(consumed.get().isExpiredAt(now())).isTrue();
    }

    @Test
    default void savingTheSameStateTwiceShouldFail() {
        State state = freshState();
        pendingStore().save(pending(state, now(), Duration.ofMinutes(10)));

        assertThatThrownBy(() -> pendingStore().save(pending(state, now(), Duration.ofMinutes(10))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(state.value());
    }

    @Test
    default void concurrentConsumesShouldHaveExactlyOneWinner() throws Exception {
        State state = freshState();
        pendingStore().save(pending(state, now(), Duration.ofMinutes(10)));
        int contenders = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return pendingStore().consume(new State(state.value())).isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
