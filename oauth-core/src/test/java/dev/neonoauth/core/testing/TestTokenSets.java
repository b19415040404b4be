package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Fixtures: token sets with distinct, recognisable values. */
public final class TestTokenSets {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestTokenSets() {}

    /** A token set issued at {@code issuedAt} that expires {@code lifetime} later, with a refresh token. */
    public static TokenSet issued(Instant issuedAt, Duration lifetime) {
        long n = SEQUENCE.incrementAndGet();
        Instant at = issuedAt.truncatedTo(ChronoUnit.MILLIS);
        return TokenSet.builder()
                .accessToken(new AccessToken("ory_at_test_access_" + n))
                .refreshToken(new RefreshToken("ory_rt_test_refresh_" + n))
                .expiresAt(at.plus(lifetime))
                .grantedScopes(TestScopes.DEFAULT)
                .issuedAt(at)
                .subject("neon-user-" + n)
                .build();
    }

    public static TokenSet issued(Instant issuedAt) {
        return issued(issuedAt, Duration.ofHours(1));
    }
}
