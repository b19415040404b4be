package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.sandbox.NeonSandbox;
import dev.neonoauth.sandbox.SandboxUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory after real use against the sandbox (login, a refresh, logout), and while the login waits for the
 * browser: the directory is 0700 and every file in it 0600, among them the ones the embedded H2 database creates
 * itself (with the process's umask, 0644 here) - the database, its trace file, its lock file.
 */
class DataDirectoryPermissionsTest {
    private static NeonSandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void startSandbox() {
        sandbox = NeonSandbox.builder().headlessApproval(SandboxUser.DEFAULT_EMAIL).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void everyFileInTheDataDirectoryIsOwnerOnlyAfterLoginRefreshAndLogout() throws Exception {
        Path dataDir = home.resolve("neon-oauth"); // not there yet: the CLI creates it
        CliHarness cli = new CliHarness(sandbox, dataDir);
        TestBrowser browser = new TestBrowser(sandbox, (b, url) -> {
            // the store is open now (the login saved its pending authorization): its files exist
            assertOwnerOnlyWithin(dataDir, Duration.ofSeconds(2));
            b.loadCallback(b.authorize(url, TestBrowser.Decision.APPROVE));
        });
        cli.browser(browser);
        CliHarness.Result login = cli.run("login", "--timeout", "20s");
        browser.awaitDone();
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertOwnerOnly(dataDir);
        assertThat(names(dataDir)).contains("tokens.mv.db", "keyset.json", "h2-password");

        sandbox.metrics().reset();
        sandbox.expireAccessTokens();
        CliHarness.Result refreshed = cli.run("projects", "list");
        assertThat(refreshed.exitCode()).as(refreshed.toString()).isZero();
        assertThat(sandbox.metrics().refreshRequests()).isEqualTo(1);
        assertOwnerOnly(dataDir);

        CliHarness.Result logout = cli.run("logout");
        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        assertOwnerOnly(dataDir);
    }

    /** The directory is 0700 and every entry in it 0600 (0700 for a directory). */
    static void assertOwnerOnly(Path dir) throws IOException {
        assertThat(wide(dir)).as("entries of %s wider than owner-only", dir).isEmpty();
    }

    static void assertOwnerOnlyWithin(Path dir, Duration time) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        while (!wide(dir).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertOwnerOnly(dir);
    }

    private static List<String> wide(Path dir) throws IOException {
        List<String> wide = new java.util.ArrayList<>();
        if (!"rwx------".equals(permissions(dir))) {
            wide.add(". " + permissions(dir));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                String actual = permissions(p);
                if (actual != null && !expected.equals(actual)) {
                    wide.add(p.getFileName() + " " + actual);
                }
            }
        }
        return wide;
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException gone) {
            return null; // H2's lock file goes away when the database closes
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
