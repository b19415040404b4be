package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.out.CodeExchange;
import dev.neonoauth.core.port.out.IssuedTokens;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.core.port.out.TokenRefresh;
import dev.neonoauth.core.port.out.TokenResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A token endpoint that behaves like Neon's Hydra where it matters to clients: every refresh rotates the refresh
 * token, and a refresh token presented twice is reuse, which revokes the grant ({@code invalid_grant} "The refresh
 * token was already used."). It counts requests, records every refresh token it saw reused, and can be scripted to
 * fail the next calls.
 */
public final class FakeTokenEndpoint implements TokenEndpoint {
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger reuses = new AtomicInteger();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> usedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Deque<Function<TokenRefresh, TokenResponse>> scriptedRefreshes = new ArrayDeque<>();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean rotate = true;
    private volatile Optional<ScopeSet> grantedScope = Optional.empty();

    /** Registers a refresh token as valid (as if issued earlier). */
    public FakeTokenEndpoint accept(RefreshToken token) {
        liveRefreshTokens.add(token.value());
        return this;
    }

    public FakeTokenEndpoint lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /** Slows every refresh, so that concurrent callers really overlap. */
    public FakeTokenEndpoint latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** When false, refreshes return no new refresh token (the old one stays valid). */
    public FakeTokenEndpoint rotate(boolean rotate) {
        this.rotate = rotate;
        return this;
    }

    public FakeTokenEndpoint grantedScope(ScopeSet scope) {
        this.grantedScope = Optional.of(scope);
        return this;
    }

    /** The next refresh is answered by {@code answer} instead of the normal behaviour. */
    public synchronized FakeTokenEndpoint thenOnNextRefresh(Function<TokenRefresh, TokenResponse> answer) {
        scriptedRefreshes.addLast(answer);
        return this;
    }

    public FakeTokenEndpoint thenFailNextRefresh(boolean retryable) {
        return thenOnNextRefresh(r -> {
            throw new TokenEndpointUnavailableException("scripted transport failure", retryable);
        });
    }

    public FakeTokenEndpoint thenRefuseNextRefresh(OAuthErrorCode code, String description, int status) {
        return thenOnNextRefresh(r -> new TokenResponse.Refused(OAuthError.of(code, description), status));
    }

    public int exchangeCount() {
        return exchanges.get();
    }

    public int refreshCount() {
        return refreshes.get();
    }

    /** How many times a refresh token was presented after it had been used: must stay 0 for a correct client. */
    public int reuseCount() {
        return reuses.get();
    }

    @Override
    public TokenResponse exchange(CodeExchange request) {
        exchanges.incrementAndGet();
        return issue();
    }

    @Override
    public TokenResponse refresh(TokenRefresh request) {
        refreshes.incrementAndGet();
        Function<TokenRefresh, TokenResponse> scripted;
        synchronized (this) {
            scripted = scriptedRefreshes.pollFirst();
        }
        pause();
        if (scripted != null) {
            return scripted.apply(request);
        }
        String presented = request.refreshToken().value();
        if (usedRefreshTokens.contains(presented)) {
            reuses.incrementAndGet();
            return new TokenResponse.Refused(
                    OAuthError.of(OAuthErrorCode.INVALID_GRANT, "The refresh token was already used."), 400);
        }
        if (!liveRefreshTokens.contains(presented)) {
            return new TokenResponse.Refused(
                    OAuthError.of(OAuthErrorCode.INVALID_GRANT, "The refresh token is malformed or not valid."), 400);
        }
        if (!rotate) {
            return new TokenResponse.Issued(tokens(Optional.empty()));
        }
        liveRefreshTokens.remove(presented);
        usedRefreshTokens.add(presented);
        return issue();
    }

    private TokenResponse issue() {
        RefreshToken refresh = new RefreshToken("ory_rt_fake_" + sequence.incrementAndGet());
        liveRefreshTokens.add(refresh.value());
        return new TokenResponse.Issued(tokens(Optional.of(refresh)));
    }

    private IssuedTokens tokens(Optional<RefreshToken> refresh) {
        return new IssuedTokens(new AccessToken("ory_at_fake_" + sequence.incrementAndGet()), refresh,
                Optional.of(lifetime), grantedScope, Optional.of("fake-subject"));
    }

    private void pause() {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
