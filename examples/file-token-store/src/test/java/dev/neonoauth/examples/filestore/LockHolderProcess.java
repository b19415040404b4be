package dev.neonoauth.examples.filestore;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Run in a second JVM by {@link CrossProcessLockTest}: takes an account's refresh lock, saves tokens inside it,
 * prints the new access token's value, and then holds the lock until it is killed.
 */
final class LockHolderProcess {
    private LockHolderProcess() {}

    public static void main(String[] args) throws Exception {
        FileTokenStore store = FileTokenStore.open(FileTokenStoreConfig.inDirectory(Path.of(args[0])));
        TokenStore.RefreshLock lock = store.lock(AccountKey.of(args[1]), Duration.ofSeconds(10));
        var tokens = TestTokenSets.issued(Instant.parse("2026-11-27T10:00:00Z"));
        lock.save(tokens);
        System.out.println("LOCKED " + tokens.accessToken().value());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(2).toMillis());
        lock.close();
    }
}
