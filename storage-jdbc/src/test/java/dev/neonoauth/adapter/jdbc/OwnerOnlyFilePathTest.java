package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code owneronly:} H2 file system, call by call and through H2 itself: every way H2 creates a file gives mode
 * 0600, every directory 0700.
 *
 * <p>These tests run in this JVM, so they only tell the fix from H2's plain behaviour when the umask would give
 * group or other bits (0022 almost everywhere); under a stricter umask they are skipped.
 * {@link EmbeddedFilePermissionsTest} also runs the embedded default in a child process with umask 000, which does
 * not depend on the build's umask.
 */
class OwnerOnlyFilePathTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void umaskWouldWidenFiles(@TempDir Path probeDir) throws Exception {
        Path probe = Files.createFile(probeDir.resolve("probe"));
        assumeTrue(!DataDirectory.OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(probe)),
                "the umask already makes new files owner-only, so these tests could not fail without the fix");
    }

    @Test
    void registerWhenCalledConcurrentlyThenTheSchemeResolvesToTheWrapper() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<FilePath>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    OwnerOnlyFilePath.register();
                    return FilePath.get(OwnerOnlyFilePath.h2Name(dir.resolve("x")));
                }));
            }
            start.countDown();
            for (Future<FilePath> result : results) {
                assertThat(result.get()).isInstanceOf(OwnerOnlyFilePath.class);
            }
        } finally {
            pool.shutdownNow();
        }
        OwnerOnlyFilePath.register();
        FilePath path = FilePath.get(OwnerOnlyFilePath.h2Name(dir.resolve("x")));
        assertThat(path.getScheme()).isEqualTo("owneronly");
        assertThat(path.toString()).isEqualTo("owneronly:" + dir.resolve("x").toAbsolutePath());
        assertThat(path.getParent()).isInstanceOf(OwnerOnlyFilePath.class);
    }

    @Test
    void openForWritingThenCreatesTheFileOwnerOnly() throws Exception {
        for (String mode : List.of("rw", "rws", "rwd")) {
            Path file = dir.resolve("open-" + mode);
            try (FileChannel channel = path(file).open(mode)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            }
            assertThat(mode(file)).as(mode).isEqualTo("rw-------");
            assertThat(Files.size(file)).isEqualTo(3);
        }
    }

    @Test
    void openForReadingAnAbsentFileThenCreatesNothing() {
        Path file = dir.resolve("absent");
        assertThatThrownBy(() -> path(file).open("r")).isInstanceOf(java.io.IOException.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void openAnExistingFileThenKeepsItsContent() throws Exception {
        Path file = dir.resolve("existing");
        Files.write(file, new byte[] {7, 7});
        try (FileChannel channel = path(file).open("rw")) {
            assertThat(channel.size()).isEqualTo(2);
        }
    }

    @Test
    void newOutputStreamThenCreatesTheFileAndMissingParentsOwnerOnly() throws Exception {
        Path file = dir.resolve("sub").resolve("deeper").resolve("out");
        try (OutputStream out = path(file).newOutputStream(false)) {
            out.write("first".getBytes());
        }
        try (OutputStream out = path(file).newOutputStream(true)) {
            out.write("+second".getBytes());
        }
        assertThat(Files.readString(file)).isEqualTo("first+second");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(file.getParent().getParent())).isEqualTo("rwx------");
        try (OutputStream out = path(file).newOutputStream(false)) {
            out.write("replaced".getBytes());
        }
        assertThat(Files.readString(file)).isEqualTo("replaced");
    }

    @Test
    void createFileThenOwnerOnlyAndTrueOnlyForTheCreator() throws Exception {
        Path file = dir.resolve("lock");
        assertThat(path(file).createFile()).isTrue();
        assertThat(path(file).createFile()).as("exists already: H2's lock protocol relies on false").isFalse();
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void createDirectoryThenOwnerOnlyAndAnExistingOneIsAnError() throws Exception {
        Path sub = dir.resolve("d");
        path(sub).createDirectory();
        assertThat(mode(sub)).isEqualTo("rwx------");
        assertThatThrownBy(() -> path(sub).createDirectory()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void createTempFileThenOwnerOnlyWithH2sNamePatternAndStillOnTheWrapper() throws Exception {
        FilePath next = path(dir.resolve("db")).createTempFile(".temp.db", false);
        assertThat(next).isInstanceOf(OwnerOnlyFilePath.class);
        assertThat(next.toString()).startsWith("owneronly:" + dir.toAbsolutePath().resolve("db.")).endsWith(".temp.db");
        Path created = Path.of(next.toString().substring("owneronly:".length()));
        assertThat(created.getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(mode(created)).isEqualTo("rw-------");

        FilePath inTemp = path(dir.resolve("db")).createTempFile(".temp.db", true);
        Path createdInTemp = Path.of(inTemp.toString().substring("owneronly:".length()));
        try {
            assertThat(createdInTemp.getParent())
                    .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            assertThat(mode(createdInTemp)).isEqualTo("rw-------");
        } finally {
            Files.deleteIfExists(createdInTemp);
        }
    }

    /** Through H2: database file, AUTO_SERVER lock file and trace file (forced on here) are all 0600. */
    @Test
    void anH2DatabaseWithAutoServerAndATraceFileThenEveryFileIsOwnerOnly() throws Exception {
        Path dbDir = Files.createDirectory(dir.resolve("db"),
                PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
        String url = "jdbc:h2:" + OwnerOnlyFilePath.h2Name(dbDir.resolve("test"))
                + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=1";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR)");
            s.execute("INSERT INTO t VALUES (1, 'one')");
            try {
                s.executeQuery("SELECT * FROM no_such_table");
            } catch (SQLException expected) {
                // logged to the trace file at level ERROR
            }
            assertThat(names(dbDir)).contains("test.mv.db", "test.lock.db", "test.trace.db");
            assertEveryEntryOwnerOnly(dbDir);
        }
        assertThat(names(dbDir)).contains("test.mv.db", "test.trace.db").doesNotContain("test.lock.db");
        assertEveryEntryOwnerOnly(dbDir);
    }

    /**
     * A full compaction writes the database anew into {@code test.mv.db.tempFile} (then {@code .newFile}) and renames
     * it over {@code test.mv.db}: the new database file is one H2 created, and must be 0600 too.
     */
    @Test
    void aFullCompactionThenTheRewrittenDatabaseFileIsOwnerOnly() throws Exception {
        Path dbDir = Files.createDirectory(dir.resolve("compact"),
                PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
        String url = "jdbc:h2:" + OwnerOnlyFilePath.h2Name(dbDir.resolve("test"));
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR)");
            s.execute("INSERT INTO t SELECT x, REPEAT('v', 500) FROM SYSTEM_RANGE(1, 2000)");
            s.execute("DELETE FROM t WHERE id > 10");
        }
        Object inode = Files.getAttribute(dbDir.resolve("test.mv.db"), "unix:ino");
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        assertThat(Files.getAttribute(dbDir.resolve("test.mv.db"), "unix:ino"))
                .as("the compaction replaced the file").isNotEqualTo(inode);
        assertThat(names(dbDir)).containsExactly("test.mv.db");
        assertEveryEntryOwnerOnly(dbDir);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(10);
        }
    }

    static void assertEveryEntryOwnerOnly(Path dir) throws Exception {
        assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (Files.exists(entry)) { // H2 may delete a file meanwhile
                    assertThat(mode(entry)).as(entry.toString())
                            .isEqualTo(Files.isDirectory(entry) ? "rwx------" : "rw-------");
                }
            }
        }
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static FilePath path(Path file) {
        return FilePath.get(OwnerOnlyFilePath.h2Name(file));
    }
}
