package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted {@link AccessTokenProvider}: one current result per account, and a queue of results for forced
 * refreshes. Records every rejected token so tests can check the adapter's 401 handling, and never deletes anything
 * unless told to.
 */
final class FakeAccessTokenProvider implements AccessTokenProvider {
    private final Map<AccountKey, AccessTokenResult> current = new ConcurrentHashMap<>();
    private final Deque<AccessTokenResult> refreshResults = new ArrayDeque<>();
    private final List<AccessToken> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger currentTokenCalls = new AtomicInteger();
    private volatile RuntimeException refreshFailure;

    static AccessTokenResult.Available available(String token, ScopeSet scopes) {
        return new AccessTokenResult.Available(new AccessToken(token), Optional.empty(), scopes);
    }

    FakeAccessTokenProvider connect(AccountKey account, String token, ScopeSet scopes) {
        current.put(account, available(token, scopes));
        return this;
    }

    FakeAccessTokenProvider requireReauthorization(AccountKey account, AccessTokenResult.Reason reason) {
        current.put(account, new AccessTokenResult.ReauthorizationRequired(reason, Optional.empty()));
        return this;
    }

    /** The next forced refresh gives {@code result}; an Available result also becomes the current token. */
    synchronized FakeAccessTokenProvider onRefresh(AccessTokenResult result) {
        refreshResults.add(result);
        return this;
    }

    FakeAccessTokenProvider failRefreshWith(RuntimeException failure) {
        this.refreshFailure = failure;
        return this;
    }

    @Override
    public AccessTokenResult currentToken(AccountKey account) {
        currentTokenCalls.incrementAndGet();
        AccessTokenResult result = current.get(account);
        return result != null ? result
                : new AccessTokenResult.ReauthorizationRequired(AccessTokenResult.Reason.NOT_CONNECTED, Optional.empty());
    }

    @Override
    public synchronized AccessTokenResult refreshAfterRejection(AccountKey account, AccessToken rejectedToken) {
        rejected.add(rejectedToken);
        if (refreshFailure != null) {
            throw refreshFailure;
        }
        AccessTokenResult next = refreshResults.poll();
        if (next == null) {
            throw new AssertionError("unexpected forced refresh for " + account);
        }
        if (next instanceof AccessTokenResult.Available) {
            current.put(account, next);
        }
        return next;
    }

    List<AccessToken> rejectedTokens() {
        return List.copyOf(rejected);
    }

    int currentTokenCalls() {
        return currentTokenCalls.get();
    }

    /** True while the account still has a usable token: the adapter never removed it. */
    boolean isConnected(AccountKey account) {
        return current.get(account) instanceof AccessTokenResult.Available;
    }
}
