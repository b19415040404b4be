package dev.neonoauth.benchmarks.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.adapter.jdbc.testing.PostgresTestSchema;
import dev.neonoauth.benchmarks.load.LoadMain;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak harness in its production-like set-up: PostgreSQL, the sandbox in a process of its own, app-web as a
 * registered client; a state lifetime shorter than the run, so the abandoned login's pending row must be purged
 * before the end.
 */
class LoadHarnessPostgresIT {

    @Test
    void soakOnPostgresWithTheSandboxInItsOwnProcessSeesThePurge() {
        String url = PostgresTestSchema.requiredUrl(getClass().getSimpleName());
        // at 10 operations/s operations 25 and 75 (2.5 s and 7.5 s) are abandoned logins; the first one's row expires
        // at 5.5 s and a purge every second removes it before the second one starts
        LoadMain.Summary s = LoadMain.run(LoadMain.Options.parse("soak", "--threads", "2", "--rate", "10",
                "--duration", "9s", "--sample", "1s", "--db", "postgres", "--jdbc-url", url, "--sandbox", "process",
                "--state-ttl", "3s", "--purge-interval", "1s"));
        assertThat(s.errors()).as(s.failures().toString()).isZero();
        assertThat(s.passed()).as(s.failures().toString()).isTrue();
        List<Long> pending = s.samples().stream().map(LoadMain.Sample::pendingRows).toList();
        // a row seen in two samples in a row (a second apart) is the abandoned login's, not a login in flight, which
        // a sample can also catch
        int firstRow = -1;
        for (int i = 0; i + 1 < pending.size() && firstRow < 0; i++) {
            if (pending.get(i) > 0 && pending.get(i + 1) > 0) {
                firstRow = i;
            }
        }
        assertThat(firstRow).as("the abandoned login left a row for a while: %s", pending).isNotNegative();
        assertThat(pending.subList(firstRow, pending.size())).as("and the purge removed it: %s", pending).contains(0L);
        assertThat(s.samples()).allSatisfy(sample -> assertThat(sample.sessionRows()).isPositive());
    }
}
