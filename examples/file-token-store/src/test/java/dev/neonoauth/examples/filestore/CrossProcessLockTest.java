package dev.neonoauth.examples.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh lock holds across processes, and a process that dies holding it does not block the account. */
class CrossProcessLockTest {
    @TempDir
    Path dir;

    @Test
    void lockWhenAnotherProcessHoldsItThenTimesOutAndWhenThatProcessDiesThenSucceeds() throws Exception {
        AccountKey account = AccountKey.of("shared-cli-profile");
        FileTokenStore store = FileTokenStore.open(FileTokenStoreConfig.inDirectory(dir));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHolderProcess.class.getName(), dir.toString(), account.value()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(line).startsWith("LOCKED ");
            String savedByHolder = line.substring("LOCKED ".length());

            assertThatThrownBy(() -> store.lock(account, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());

            holder.destroyForcibly();   // a crash: no close(), no shutdown hook
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (TokenStore.RefreshLock lock = store.lock(account, Duration.ofSeconds(10))) {
                assertThat(lock.current()).map(TokenSet::accessToken).map(t -> t.value()).contains(savedByHolder);
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
