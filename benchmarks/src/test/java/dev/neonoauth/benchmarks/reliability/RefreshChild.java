package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.in.AccessTokenResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The child JVM of {@link KillDashNineCases}: refreshes one grant again and again (each iteration forces a
 * rotation with {@code refreshAfterRejection}) and prints {@code SAVED <fingerprint>} after each refresh was saved.
 * The fingerprint is the first 16 hex digits of the access token's SHA-256, never the token. Storage comes from
 * the {@code NEON_OAUTH_*} environment, as in the apps. Args: issuer, API base URL, account.
 */
public final class RefreshChild {
    private RefreshChild() {}

    public static void main(String[] args) throws Exception {
        AccountKey account = AccountKey.of(args[2]);
        Stack stack = Stack.open(Stack.neonConfig(URI.create(args[0]), URI.create(args[1])).build(),
                JdbcStorageConfig.fromEnvironment(System.getenv()));
        System.out.println("READY");
        System.out.flush();
        while (true) {
            var current = stack.store.load(account).orElseThrow().accessToken();
            AccessTokenResult r = stack.tokens.refreshAfterRejection(account, current);
            if (r instanceof AccessTokenResult.Available a) {
                System.out.println("SAVED " + fingerprint(a.token().value()));
            } else {
                System.out.println("FAILED " + r);
                System.exit(3);
            }
            System.out.flush();
        }
    }

    static String fingerprint(String token) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 8);
    }
}
