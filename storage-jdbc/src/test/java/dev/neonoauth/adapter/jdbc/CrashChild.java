package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.testing.TestScopes;
import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.RefreshToken;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Duration;
import java.time.Instant;

/**
 * The process that {@link CrashSafetyCases} kills with SIGKILL. Configured by the {@code NEON_OAUTH_*} environment
 * variables ({@link JdbcStorageConfig#fromEnvironment}). Modes:
 * <ul>
 *   <li>{@code save-stream PREFIX}: saves grants forever, round-robin over {@value #ACCOUNTS} accounts, printing
 *       {@code saved <account> <n>} after each save has returned;
 *   <li>{@code hold-lock ACCOUNT}: takes the account's refresh lock, prints {@code locked} and sleeps;
 *   <li>{@code end-sessions}: saves web sessions and deletes them (a sign-out) forever, printing
 *       {@code ended <key hash>} after each delete has returned.
 * </ul>
 */
final class CrashChild {
    static final int ACCOUNTS = 20;
    static final String PADDING = "x".repeat(1500);

    private CrashChild() {}

    static TokenSet grant(long n) {
        return TokenSet.builder()
                .accessToken(new AccessToken("ory_at_crash_" + n + "_" + PADDING))
                .refreshToken(new RefreshToken("ory_rt_crash_" + n))
                .expiresAt(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(n))
                .grantedScopes(TestScopes.DEFAULT)
                .issuedAt(Instant.parse("2026-11-27T09:00:00Z"))
                .subject(Long.toString(n))
                .build();
    }

    public static void main(String[] args) throws Exception {
        JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(System.getenv()));
        TokenStore store = storage.tokenStore();
        switch (args[0]) {
            case "save-stream" -> {
                for (long n = 0; ; n++) {
                    AccountKey account = AccountKey.of(args[1] + "-" + (n % ACCOUNTS));
                    store.save(account, grant(n));
                    System.out.println("saved " + account.value() + " " + n);
                    System.out.flush();
                }
            }
            case "hold-lock" -> {
                TokenStore.RefreshLock lock = store.lock(AccountKey.of(args[1]), Duration.ofSeconds(30));
                lock.current();
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "end-sessions" -> {
                java.security.SecureRandom random = new java.security.SecureRandom();
                for (long n = 0; ; n++) {
                    byte[] id = new byte[32];
                    random.nextBytes(id);
                    String keyHash = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                            java.security.MessageDigest.getInstance("SHA-256").digest(id));
                    Instant now = Instant.now();
                    storage.webSessions().save(new WebSessionRecord(keyHash, "csrf-" + n,
                            java.util.Optional.of("signed-out-" + n), now, now));
                    storage.webSessions().delete(keyHash);
                    System.out.println("ended " + keyHash);
                    System.out.flush();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
