package dev.neonoauth.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.sandbox.NeonSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "Concurrency and faults", third item: a process killed with {@code kill -9} (destroyForcibly, SIGKILL)
 * while it refreshes. A child JVM rotates one grant in a loop; it is killed at a random point after a random number
 * of saves, several rounds. Afterwards the grant is present, decrypts, and is the last one the child reported
 * saving or the one it saved but could not report; it still works, or (when the kill landed after the sandbox
 * rotated the token but before the child saved it) it gives a clean ReauthorizationRequired(GRANT_REVOKED): with
 * Hydra's rotation without grace period (NEON.md 1.5) no client can avoid that, only report it.
 */
abstract class KillDashNineCases {
    static final int ROUNDS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    abstract String database();

    /** The parent's storage configuration. */
    abstract JdbcStorageConfig storage();

    /** The same storage for the child, as NEON_OAUTH_* environment variables. */
    abstract Map<String, String> childEnvironment();

    @Test
    void killedWhileRefreshingLosesNoGrantAndCorruptsNothing() throws Exception {
        int alive = 0;
        int revoked = 0;
        int storedLastReported = 0;
        int storedUnreported = 0;
        try (NeonSandbox sandbox = NeonSandbox.builder().headlessApproval("sandbox@example.com")
                .refreshRaceWindow(Duration.ofMillis(20)).build().start()) {
            AccountKey account = AccountKey.of("kill-9");
            for (int round = 1; round <= ROUNDS; round++) {
                try (Stack parent = Stack.open(sandbox, storage())) {
                    if (parent.store.load(account).isEmpty()) {
                        parent.connect(account);
                    }
                }
                List<String> saved = new CopyOnWriteArrayList<>();
                StringBuilder output = new StringBuilder();
                Process child = startChild(sandbox, account);
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (output) {
                                output.append(line).append('\n');
                            }
                            if (line.startsWith("SAVED ")) {
                                saved.add(line.substring(6));
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // the child died
                    }
                });
                reader.start();
                int target = 2 + RANDOM.nextInt(12);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (saved.size() < target && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(RANDOM.nextInt(40)); // a random point inside the next refresh (25-60 ms each)
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
                reader.join(5000);
                SecretsWatch.scanText("kill -9 child, round " + round, output.toString());
                assertThat(saved).as("the child refreshed before it was killed:\n%s", output).isNotEmpty();
                String last = saved.get(saved.size() - 1);

                try (Stack after = Stack.open(sandbox, storage())) {
                    TokenSet stored = after.store.load(account).orElseThrow(() -> new AssertionError("grant lost"));
                    String fp = RefreshChild.fingerprint(stored.accessToken().value());
                    assertThat(stored.refreshToken()).as("complete row").isPresent();
                    boolean isLast = fp.equals(last);
                    assertThat(isLast || !saved.contains(fp))
                            .as("stored grant is the last reported or a newer unreported one, not an older one")
                            .isTrue();
                    if (isLast) {
                        storedLastReported++;
                    } else {
                        storedUnreported++;
                    }
                    AccessTokenResult r = after.tokens.refreshAfterRejection(account, stored.accessToken());
                    String outcome;
                    if (r instanceof AccessTokenResult.Available) {
                        alive++;
                        outcome = "refresh works";
                        assertThat(after.api.currentUser(account).email()).isEqualTo("sandbox@example.com");
                    } else {
                        assertThat(r).isInstanceOfSatisfying(AccessTokenResult.ReauthorizationRequired.class,
                                rr -> assertThat(rr.reason()).isEqualTo(AccessTokenResult.Reason.GRANT_REVOKED));
                        revoked++;
                        outcome = "GRANT_REVOKED (the killed refresh had rotated at the sandbox)";
                        assertThat(after.store.load(account)).isEmpty();
                    }
                    Figures.record(String.format("kill -9 [%s] round %d: killed after %d saves; stored grant = %s; "
                            + "%s", database(), round, saved.size(), isLast ? "last reported" : "next (saved, not "
                            + "yet reported)", outcome));
                }
            }
        }
        Figures.record(String.format("kill -9 [%s]: %d rounds, grant lost 0, corrupt 0; stored = last reported %d, "
                        + "newer unreported %d; afterwards refresh works %d, clean GRANT_REVOKED %d", database(), ROUNDS,
                storedLastReported, storedUnreported, alive, revoked));
    }

    private Process startChild(NeonSandbox sandbox, AccountKey account) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), RefreshChild.class.getName(), sandbox.issuer().toString(),
                sandbox.apiBaseUri().toString(), account.value()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_OAUTH_"));
        pb.environment().putAll(childEnvironment());
        return pb.start();
    }
}
