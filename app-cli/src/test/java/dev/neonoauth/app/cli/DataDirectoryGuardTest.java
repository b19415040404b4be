package dev.neonoauth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard on its own: what it creates, what it tightens and when, and what it leaves alone. */
class DataDirectoryGuardTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndTheNamedFilesOwnerOnly() throws Exception {
        Path dir = tmp.resolve("a/b/neon-oauth");
        try (DataDirectoryGuard guard = DataDirectoryGuard.open(dir, List.of("tokens.mv.db"))) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("tokens.mv.db"))).isEqualTo("rw-------");
            assertThat(Files.size(dir.resolve("tokens.mv.db"))).isZero();
        }
    }

    @Test
    void tightensWhatIsThereWhatAppearsAndWhatIsLeftAtClose() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path old = Files.createFile(dir.resolve("old.db"), wide());
        Path outside = Files.createFile(tmp.resolve("outside.txt"), wide());
        Files.createSymbolicLink(dir.resolve("link"), outside);
        DataDirectoryGuard guard = DataDirectoryGuard.open(dir, List.of());
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(old)).isEqualTo("rw-------");
        assertThat(mode(outside)).as("a link is not followed").isEqualTo("rw-r--r--");

        Path appeared = Files.createFile(dir.resolve("tokens.trace.db"), wide());
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!mode(appeared).equals("rw-------") && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(mode(appeared)).as("tightened while the guard watches").isEqualTo("rw-------");

        Path last = Files.createFile(dir.resolve("tokens.lock.db"), wide());
        guard.close();
        assertThat(mode(last)).isEqualTo("rw-------");
        assertThat(mode(outside)).isEqualTo("rw-r--r--");
    }

    private static java.nio.file.attribute.FileAttribute<?> wide() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
