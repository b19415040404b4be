package dev.neonoauth.benchmarks.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.benchmarks.cli.CliColdStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI cold-start harness works against the shaded CLI jar the reactor built before this module: a real login
 * through the jar, then one timed {@code projects list} (whose output the harness checks for the seeded projects).
 */
class CliColdStartSmokeTest {

    @Test
    void oneTimedRunOfTheRealJar() throws Exception {
        Path jar = Path.of("..", "app-cli", "target", "neon-oauth.jar");
        assertThat(jar).as("app-cli's shaded jar, built earlier in the reactor").exists();
        assertThat(Files.size(jar)).isPositive();
        CliColdStart.Result r = CliColdStart.run(jar, 1, List.of("-XX:TieredStopAtLevel=1"));
        assertThat(r.millis()).hasSize(1);
        assertThat(r.median()).isPositive().isEqualTo(r.millis().get(0));
        assertThat(r.peerMillis()).isEmpty();
    }
}
