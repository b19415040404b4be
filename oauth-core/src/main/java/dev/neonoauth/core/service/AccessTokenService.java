package dev.neonoauth.core.service;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.Freshness;
import dev.neonoauth.core.domain.RefreshPolicy;
import dev.neonoauth.core.domain.RetryPolicy;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.AccessTokenResult.Reason;
import dev.neonoauth.core.port.out.Sleeper;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps access tokens usable (RFC 6749 section 6), with the refresh discipline that servers rotating refresh tokens (such as Ory Hydra) need:
 *
 * <ul>
 *   <li>refresh when the token is within {@link RefreshPolicy#refreshMargin()} of expiry, or rejected by the API;
 *   <li>single flight: in one process, callers of one account queue on a lock; across processes, the store's
 *       {@link TokenStore#lock} serialises them. Inside both locks the store is re-read, and a token that another
 *       caller wrote is adopted instead of refreshing again, so a refresh token is sent at most once;
 *   <li>rotation: the new set is saved, inside the lock, before the token is handed out; a response without a
 *       refresh token keeps the old one;
 *   <li>{@code invalid_grant}, {@code invalid_token} and {@code token_inactive} mean the grant is dead: the tokens
 *       are deleted and {@link Reason#GRANT_REVOKED} returned. Network errors, 5xx and Hydra's "please retry"
 *       {@code invalid_request} are transient: bounded retries with backoff, and the stored tokens are never
 *       discarded. A token that is stale but not expired is still returned when its refresh fails transiently.
 *   <li>a fresh token set is kept in memory for at most {@code cacheMaxAge} (default 10 s), so that a busy account does
 *       not read and decrypt its row on every call. A token another instance rotated or revoked meanwhile is caught by
 *       the API's 401: {@link #refreshAfterRejection} always reads the store inside the lock. Duration.ZERO turns the
 *       cache off. Entries older than {@code cacheMaxAge} are swept by the calls, at most once per
 *       {@code cacheMaxAge}, and no more than {@link #MAX_CACHED_ACCOUNTS} accounts are held, so neither the memory
 *       nor the time decrypted tokens stay in it grows with the number of accounts ever served;
 *   <li>the in-process refresh locks exist only while some caller holds or waits for them.
 * </ul>
 *
 * See docs/adr/0006-refresh-policy.md.
 */
public final class AccessTokenService implements AccessTokenProvider {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);
    /** How long a fresh token set read from the store is reused from memory by default. */
    public static final Duration DEFAULT_CACHE_MAX_AGE = Duration.ofSeconds(10);
    /**
     * About this many accounts' token sets are held in memory at most (callers racing at the limit may add a few more);
     * beyond it, tokens are read from the store.
     */
    public static final int MAX_CACHED_ACCOUNTS = 10_000;

    private final ClientRegistration client;
    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final RefreshPolicy refreshPolicy;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Duration lockTimeout;
    private final Duration cacheMaxAge;
    private final ConcurrentMap<AccountKey, LocalLock> localLocks = new ConcurrentHashMap<>();
    private final ConcurrentMap<AccountKey, Cached> cache = new ConcurrentHashMap<>();
    /** When the cache is next swept of expired entries (by the injected clock); null before the first entry. */
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>();

    /** A token set and when it was read or written, by the injected clock. */
    private record Cached(TokenSet tokens, Instant at) {}

    /** An account's in-process refresh lock and how many callers hold or wait for it (changed only in compute). */
    private static final class LocalLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    public AccessTokenService(
            ClientRegistration client,
            TokenStore store,
            TokenEndpoint endpoint,
            Clock clock,
            RefreshPolicy refreshPolicy,
            RetryPolicy retryPolicy,
            Sleeper sleeper,
            Duration lockTimeout,
            Duration cacheMaxAge) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.store = Objects.requireNonNull(store, "store == null");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.refreshPolicy = Objects.requireNonNull(refreshPolicy, "refreshPolicy == null");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout == null");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive");
        }
        this.cacheMaxAge = Objects.requireNonNull(cacheMaxAge, "cacheMaxAge == null");
        if (cacheMaxAge.isNegative() || cacheMaxAge.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("cacheMaxAge must be between 0 and 5 minutes");
        }
    }

    /** With the {@link #DEFAULT_CACHE_MAX_AGE default in-memory cache}. */
    public AccessTokenService(
            ClientRegistration client,
            TokenStore store,
            TokenEndpoint endpoint,
            Clock clock,
            RefreshPolicy refreshPolicy,
            RetryPolicy retryPolicy,
            Sleeper sleeper,
            Duration lockTimeout) {
        this(client, store, endpoint, clock, refreshPolicy, retryPolicy, sleeper, lockTimeout, DEFAULT_CACHE_MAX_AGE);
    }

    /** With the default policies, a sleeping {@link Sleeper} and a 30 s lock timeout. */
    public AccessTokenService(ClientRegistration client, TokenStore store, TokenEndpoint endpoint, Clock clock) {
        this(client, store, endpoint, clock, RefreshPolicy.DEFAULT, RetryPolicy.DEFAULT, Sleeper.system(),
                DEFAULT_LOCK_TIMEOUT);
    }

    @Override
    public AccessTokenResult currentToken(AccountKey account) {
        Objects.requireNonNull(account, "account == null");
        if (!cache.isEmpty()) {
            Instant now = clock.instant();
            sweepIfDue(now);
            Cached cached = cache.get(account);
            if (cached != null && isReusable(cached, now)) {
                return available(cached.tokens());
            }
        }
        Optional<TokenSet> stored = store.load(account);
        if (stored.isEmpty()) {
            cache.remove(account);
            return notConnected();
        }
        if (freshness(stored.get()) == Freshness.FRESH) {
            return remember(account, stored.get());
        }
        return refresh(account, Optional.empty());
    }

    @Override
    public AccessTokenResult refreshAfterRejection(AccountKey account, AccessToken rejected) {
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(rejected, "rejected == null");
        cache.remove(account);
        return refresh(account, Optional.of(rejected));
    }

    private AccessTokenResult refresh(AccountKey account, Optional<AccessToken> rejected) {
        AccessTokenResult result = refreshUnderLocks(account, rejected);
        if (!(result instanceof AccessTokenResult.Available)) {
            cache.remove(account);
        }
        return result;
    }

    private boolean isReusable(Cached cached, Instant now) {
        return !now.isBefore(cached.at())
                && now.isBefore(cached.at().plus(cacheMaxAge))
                && cached.tokens().freshnessAt(now, refreshPolicy) == Freshness.FRESH;
    }

    /** Caches a fresh token set (no-op when the cache is off or full) and hands out its access token. */
    private AccessTokenResult remember(AccountKey account, TokenSet tokens) {
        if (!cacheMaxAge.isZero() && freshness(tokens) == Freshness.FRESH) {
            Instant now = clock.instant();
            sweepIfDue(now);
            if (cache.size() < MAX_CACHED_ACCOUNTS || cache.containsKey(account)) {
                cache.put(account, new Cached(tokens, now));
            }
        }
        return available(tokens);
    }

    /**
     * Drops the entries that can no longer be reused, at most once per {@code cacheMaxAge} (and at once if the clock
     * was set back by more than that, which would otherwise postpone every sweep).
     */
    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (due == null) {
            nextSweep.compareAndSet(null, now.plus(cacheMaxAge));
        } else if ((!now.isBefore(due) || now.isBefore(due.minus(cacheMaxAge)))
                && nextSweep.compareAndSet(due, now.plus(cacheMaxAge))) {
            cache.values().removeIf(c -> !isReusable(c, now));
        }
    }

    /** How many accounts' token sets are in memory (tests). */
    int cachedAccounts() {
        return cache.size();
    }

    /** How many in-process refresh locks exist (tests). */
    int localLocks() {
        return localLocks.size();
    }

    private AccessTokenResult refreshUnderLocks(AccountKey account, Optional<AccessToken> rejected) {
        LocalLock local = localLocks.compute(account, (k, v) -> {
            LocalLock l = v == null ? new LocalLock() : v;
            l.users++;
            return l;
        });
        try {
            local.lock.lock();
            try {
                return refreshUnderStoreLock(account, rejected);
            } finally {
                local.lock.unlock();
            }
        } finally {
            localLocks.computeIfPresent(account, (k, v) -> --v.users == 0 ? null : v);
        }
    }

    private AccessTokenResult refreshUnderStoreLock(AccountKey account, Optional<AccessToken> rejected) {
        try (TokenStore.RefreshLock lock = store.lock(account, lockTimeout)) {
            Optional<TokenSet> current = lock.current();
            if (current.isEmpty()) {
                return notConnected();
            }
            TokenSet tokens = current.get();
            if (canAdopt(tokens, rejected)) {
                return remember(account, tokens);
            }
            if (tokens.refreshToken().isEmpty()) {
                return usableWithoutRefresh(tokens, rejected)
                        ? available(tokens)
                        : new AccessTokenResult.ReauthorizationRequired(Reason.NO_REFRESH_TOKEN, Optional.empty());
            }
            return refreshWithRetries(account, lock, tokens, rejected);
        }
    }

    private AccessTokenResult refreshWithRetries(
            AccountKey account, TokenStore.RefreshLock lock, TokenSet tokens, Optional<AccessToken> rejected) {
        TokenSet current = tokens;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= retryPolicy.maxAttempts();
            TokenResponse response;
            try {
                response = endpoint.refresh(new TokenRefresh(client, current.refreshToken().orElseThrow()));
            } catch (TokenEndpointUnavailableException e) {
                if (!e.isRetryable() || lastAttempt) {
                    if (usableWithoutRefresh(current, rejected)) {
                        return available(current);
                    }
                    throw e;
                }
                sleeper.sleep(retryPolicy.backoffAfter(attempt));
                continue;
            }
            if (response instanceof TokenResponse.Issued issued) {
                TokenSet refreshed = current.refreshedWith(
                        Tokens.toTokenSet(issued.tokens(), clock.instant(), current.grantedScopes()));
                lock.save(refreshed);
                return remember(account, refreshed);
            }
            TokenResponse.Refused refused = (TokenResponse.Refused) response;
            switch (RefreshErrors.classify(refused.error(), refused.httpStatus())) {
                case DEAD_GRANT -> {
                    lock.delete();
                    return new AccessTokenResult.ReauthorizationRequired(Reason.GRANT_REVOKED, Optional.of(refused.error()));
                }
                case TRANSIENT -> {
                    if (lastAttempt) {
                        if (usableWithoutRefresh(current, rejected)) {
                            return available(current);
                        }
                        throw new TokenEndpointUnavailableException(
                                "the token endpoint kept refusing the refresh as transient: " + refused.error().summary(),
                                true);
                    }
                    sleeper.sleep(retryPolicy.backoffAfter(attempt));
                    // Another client outside our lock may have rotated the token meanwhile: re-read.
                    Optional<TokenSet> reread = lock.current();
                    if (reread.isEmpty()) {
                        return notConnected();
                    }
                    current = reread.get();
                    if (canAdopt(current, rejected)) {
                        return remember(account, current);
                    }
                    if (current.refreshToken().isEmpty()) {
                        return new AccessTokenResult.ReauthorizationRequired(Reason.NO_REFRESH_TOKEN, Optional.empty());
                    }
                }
                case PERMANENT -> throw new TokenEndpointUnavailableException(
                        "the token endpoint refused the refresh: " + refused.error().summary()
                                + "; the stored tokens were kept", false);
            }
        }
    }

    /** A stored token may be handed out instead of refreshing when it is fresh and is not the rejected one. */
    private boolean canAdopt(TokenSet tokens, Optional<AccessToken> rejected) {
        if (rejected.isPresent()) {
            return !tokens.accessToken().sameAs(rejected.get()) && freshness(tokens) != Freshness.EXPIRED;
        }
        return freshness(tokens) == Freshness.FRESH;
    }

    /** A stale token that was not rejected can still be sent while its refresh is impossible. */
    private boolean usableWithoutRefresh(TokenSet tokens, Optional<AccessToken> rejected) {
        return rejected.isEmpty() && freshness(tokens) == Freshness.STALE;
    }

    private Freshness freshness(TokenSet tokens) {
        return tokens.freshnessAt(clock.instant(), refreshPolicy);
    }

    private static AccessTokenResult available(TokenSet tokens) {
        return new AccessTokenResult.Available(tokens.accessToken(), tokens.expiresAt(), tokens.grantedScopes());
    }

    private static AccessTokenResult notConnected() {
        return new AccessTokenResult.ReauthorizationRequired(Reason.NOT_CONNECTED, Optional.empty());
    }
}
