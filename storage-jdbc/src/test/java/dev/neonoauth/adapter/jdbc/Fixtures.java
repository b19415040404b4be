package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.testing.TestScopes;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.CodeVerifier;
import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data with recognisable secret values, and a helper to search for them. */
final class Fixtures {
    /**
     * The fixtures' creation time: the real time of the test run (whole seconds plus 123 ms, so that millisecond
     * precision is exercised). Stores under test that run on the system clock purge expired pending authorizations,
     * so a fixed date would turn into a time bomb once it is more than the entries' 10 minutes in the past.
     */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(123);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {}

    static AccountKey account(String prefix) {
        return AccountKey.of(prefix + "-" + UUID.randomUUID());
    }

    /** A token set whose access and refresh tokens are unique, searchable marker strings. */
    static TokenSet tokens(String marker) {
        return TokenSet.builder()
                .accessToken(new AccessToken("ory_at_SECRET_ACCESS_" + marker))
                .refreshToken(new RefreshToken("ory_rt_SECRET_REFRESH_" + marker))
                .expiresAt(NOW.plus(Duration.ofHours(1)))
                .grantedScopes(TestScopes.DEFAULT)
                .issuedAt(NOW)
                .subject("neon-user-" + marker)
                .build();
    }

    static State state() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return State.fromEntropy(bytes);
    }

    static PendingAuthorization pending(State state) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PendingAuthorization.builder()
                .state(state)
                .codeVerifier(CodeVerifier.fromEntropy(bytes))
                .account(AccountKey.of("pending-user"))
                .redirectUri(URI.create("http://127.0.0.1:3000/callback"))
                .requestedScopes(TestScopes.DEFAULT)
                .createdAt(NOW)
                .expiresAt(NOW.plus(Duration.ofMinutes(10)))
                .build();
    }

    /** Every message in the throwable's cause chain (and suppressed ones), for secret scans. */
    static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        List<Throwable> seen = new ArrayList<>();
        collect(t, sb, seen);
        return sb.toString();
    }

    private static void collect(Throwable t, StringBuilder sb, List<Throwable> seen) {
        if (t == null || seen.contains(t)) {
            return;
        }
        seen.add(t);
        sb.append(t).append('\n');
        collect(t.getCause(), sb, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, sb, seen);
        }
    }
}
