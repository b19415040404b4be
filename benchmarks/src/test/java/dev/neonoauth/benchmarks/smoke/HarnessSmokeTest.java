package dev.neonoauth.benchmarks.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neonoauth.benchmarks.api.ApiFixture;
import dev.neonoauth.benchmarks.api.BareOkHttpBaseline;
import dev.neonoauth.benchmarks.api.FixedProjectsServer;
import dev.neonoauth.benchmarks.load.LoadMain;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.neon.api.Project;
import dev.neonoauth.neon.api.ProjectQuery;
import dev.neonoauth.sandbox.NeonSandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark and load harnesses from rotting: each runs for a moment with tiny counts and must produce a sane
 * result. Not a measurement; the figures are in docs/benchmarks.md. (The CLI cold-start harness needs the app-cli
 * shaded jar, which this module does not build; it is run by hand.)
 */
class HarnessSmokeTest {
    @Test
    void allArmsOfTheApiCallBenchmarkGetTheSameProjectsFromTheFixedServer() {
        try (NeonSandbox sandbox = ApiFixture.headlessSandbox(); FixedProjectsServer fixed = FixedProjectsServer.start();
                ApiFixture fixture = ApiFixture.start(sandbox, fixed.apiBaseUri(), "h2")) {
            try (BareOkHttpBaseline capture = new BareOkHttpBaseline(sandbox.apiBaseUri(), fixture.accessToken)) {
                fixed.body(capture.listProjectsJson());
            }
            try (BareOkHttpBaseline bare = new BareOkHttpBaseline(fixed.apiBaseUri(), fixture.accessToken)) {
                assertThat(bare.listProjectsJson()).contains("sandbox-app", "analytics", "playground");
                List<String> names = bare.listProjectsParsed().stream().map(p -> p.name).sorted().toList();
                assertThat(names).containsExactly("analytics", "playground", "sandbox-app");
                assertThat(fixture.stack.neonApi().listProjects(ApiFixture.ACCOUNT, ProjectQuery.ALL))
                        .extracting(Project::name).containsExactlyInAnyOrderElementsOf(names);
                assertThat(bare.listProjectsParsed()).allSatisfy(p -> assertThat(p.createdAt).endsWith("Z"));
            }
            assertThat(fixture.stack.tokens().currentToken(ApiFixture.ACCOUNT))
                    .isInstanceOf(AccessTokenResult.Available.class);
        }
    }

    @Test
    void nonsenseLoadOptionsAreRefusedBeforeAnythingStarts() {
        for (String[] args : new String[][] {{"login", "--threads", "0"}, {"soak", "--rate", "0"},
                {"soak", "--state-ttl", "1500ms"}, {"pages", "--db", "oracle"}, {"login", "--thread", "2"},
                {"soak", "--sample", "0s"}}) {
            assertThatThrownBy(() -> LoadMain.Options.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
        }
    }

    @Test
    void loginLoadRunsAndStopsByItself() {
        LoadMain.Summary s = LoadMain.run(LoadMain.Options.parse("login", "--threads", "2", "--count", "4",
                "--duration", "20s", "--warmup", "0s"));
        assertThat(s.errors()).as(s.failures().toString()).isZero();
        assertThat(s.operations()).isBetween(1L, 6L);
        assertThat(s.p50Millis()).isPositive();
    }

    @Test
    void soakSamplesMemoryAndPendingRows() {
        LoadMain.Summary s = LoadMain.run(LoadMain.Options.parse("soak", "--threads", "2", "--rate", "10",
                "--duration", "3s", "--sample", "1s"));
        assertThat(s.errors()).as(s.failures().toString()).isZero();
        assertThat(s.operations()).isPositive();
        assertThat(s.samples()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(s.samples()).allSatisfy(sample -> {
            assertThat(sample.pendingRows()).isNotNegative();
            assertThat(sample.rssMiB()).isPositive();
        });
    }

    /**
     * app-web in its own process, started by its launcher as a user starts it (the root build packages
     * app-web/target/neon-oauth-web.jar before this module's tests): the figures are read from that process.
     */
    @Test
    void soakOfAppWebInItsOwnProcessReadsThatProcess() {
        java.nio.file.Path launcher = java.nio.file.Path.of("..", "app-web", "bin", "neon-oauth-web");
        assertThat(java.nio.file.Path.of("..", "app-web", "target", "neon-oauth-web.jar"))
                .as("app-web's jar; build it with ./mvnw -B -q -pl app-web -am package -DskipTests").exists();
        LoadMain.Summary s = LoadMain.run(LoadMain.Options.parse("soak", "--threads", "2", "--rate", "10",
                "--duration", "3s", "--sample", "1s", "--app", "process", "--launcher", launcher.toString()));
        assertThat(s.errors()).as(s.failures().toString()).isZero();
        assertThat(s.operations()).isPositive();
        assertThat(s.cpuMillisPerOperation()).as("app-web's CPU per operation").isPositive();
        assertThat(s.dbFileMiB()).as("the embedded H2 file in the run's directory").isPositive();
        assertThat(s.samples()).allSatisfy(sample -> {
            assertThat(sample.heapAfterGcMiB()).as("heap read with jcmd").isPositive();
            assertThat(sample.rssMiB()).isPositive();
            assertThat(sample.sessionRows()).as("rows counted through AUTO_SERVER").isPositive();
        });
    }
}
