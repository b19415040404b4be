package dev.neonoauth.adapter.jdbc;

import static dev.neonoauth.adapter.jdbc.OwnerOnlyFilePathTest.assertEveryEntryOwnerOnly;
import static dev.neonoauth.adapter.jdbc.OwnerOnlyFilePathTest.mode;
import static dev.neonoauth.adapter.jdbc.OwnerOnlyFilePathTest.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.TokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's data directory after real use: every file 0600, the directory 0700, while the database is
 * open and after it is closed; and H2 created them so (the start-up sweep, which logs each file it has to tighten,
 * found nothing to do). A database left by an older version with 0644 files is tightened when it is opened.
 */
class EmbeddedFilePermissionsTest {
    /** What the data directory holds while the database is open: nothing from Flyway, Hikari or H2's trace. */
    static final List<String> WHILE_OPEN = List.of("h2-password", "keyset.json", "tokens.lock.db", "tokens.mv.db");
    static final List<String> AFTER_CLOSE = List.of("h2-password", "keyset.json", "tokens.mv.db");

    @TempDir
    Path home;
    private final ListAppender<ILoggingEvent> dataDirectoryLog = new ListAppender<>();

    @BeforeEach
    void captureTightening() {
        dataDirectoryLog.start();
        ((Logger) LoggerFactory.getLogger(DataDirectory.class)).addAppender(dataDirectoryLog);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(DataDirectory.class)).detachAppender(dataDirectoryLog);
    }

    /** Every store operation, so that H2 writes everything it writes in normal use. */
    static void exercise(JdbcStorage storage, String marker) {
        TokenStore tokens = storage.tokenStore();
        AccountKey account = AccountKey.of("permissions-" + marker);
        tokens.save(account, Fixtures.tokens(marker));
        TokenSet refreshed = Fixtures.tokens(marker + "-refreshed");
        try (TokenStore.RefreshLock lock = tokens.lock(account, Duration.ofSeconds(30))) {
            assertThat(lock.current()).isPresent();
            lock.save(refreshed);
        }
        assertThat(tokens.load(account)).contains(refreshed);

        State state = Fixtures.state();
        storage.pendingAuthorizationStore().save(Fixtures.pending(state));
        assertThat(storage.pendingAuthorizationStore().consume(state)).isPresent();

        String keyHash = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JdbcWebSessions sessions = storage.webSessions();
        sessions.save(new WebSessionRecord(keyHash, "csrf-" + marker, Optional.of(account.value()), now, now));
        assertThat(sessions.find(keyHash)).isPresent();
        assertThat(sessions.touch(keyHash, now.plusSeconds(1))).isTrue();
        assertThat(sessions.delete(keyHash)).isTrue();

        storage.reencryptAll();
        assertThat(storage.rowsByKeyId()).isNotEmpty();
    }

    @Test
    void realUseWithTwoPoolsThenEveryFileIsOwnerOnlyWhileOpenAndAfterClose() throws Exception {
        Path probe = Files.createFile(home.resolve("umask-probe"));
        assumeTrue(!DataDirectory.OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(probe)),
                "the umask already makes new files owner-only; the umask 000 child test covers this");
        Path dataDir = home.resolve("data");
        JdbcStorageConfig config = JdbcStorageConfig.fromEnvironment(Map.of(JdbcStorageConfig.ENV_DATA_DIR,
                dataDir.toString()));

        try (JdbcStorage first = JdbcStorage.open(config); JdbcStorage second = JdbcStorage.open(config)) {
            exercise(first, "first");
            exercise(second, "second");
            assertThat(second.tokenStore().load(AccountKey.of("permissions-first"))).isPresent();
            assertThat(names(dataDir)).isEqualTo(WHILE_OPEN);
            assertEveryEntryOwnerOnly(dataDir);
        }

        assertThat(names(dataDir)).isEqualTo(AFTER_CLOSE);
        assertEveryEntryOwnerOnly(dataDir);
        assertThat(tighteningWarnings()).as("H2 created every file owner-only; the sweep had nothing to do").isEmpty();
    }

    @Test
    void aDatabaseOfAnOlderVersionWithWideFilesThenTheyAreTightenedWhenOpened() throws Exception {
        Path dataDir = home.resolve("old");
        JdbcStorageConfig config = JdbcStorageConfig.builder().dataDirectory(dataDir).build();
        try (JdbcStorage storage = JdbcStorage.open(config)) {
            exercise(storage, "old");
        }
        // as an older version left them: the database and its trace file with the umask's 0644
        Files.setPosixFilePermissions(dataDir.resolve("tokens.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dataDir.resolve("tokens.trace.db"), "2025-01-01 old trace\n");
        Files.setPosixFilePermissions(dataDir.resolve("tokens.trace.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (JdbcStorage storage = JdbcStorage.open(config)) {
            assertThat(storage.tokenStore().load(AccountKey.of("permissions-old"))).isPresent();
            assertThat(mode(dataDir.resolve("tokens.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("tokens.trace.db"))).isEqualTo("rw-------");
            assertEveryEntryOwnerOnly(dataDir);
        }
        assertEveryEntryOwnerOnly(dataDir);
        assertThat(tighteningWarnings()).anySatisfy(w -> assertThat(w).contains("tokens.mv.db").contains("rw-r--r--"));
    }

    /**
     * An explicit H2 URL on the owneronly: file system works with the stores and gets owner-only files too. It keeps
     * H2's default trace level, so it also shows why the embedded default turns the trace file off: a fresh database
     * records the schema probe's "table not found" there.
     */
    @Test
    void anExplicitH2UrlOnTheOwnerOnlyFileSystemThenItsFilesAreOwnerOnly() throws Exception {
        Path probe = Files.createFile(home.resolve("umask-probe"));
        assumeTrue(!DataDirectory.OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(probe)),
                "the umask already makes new files owner-only");
        Path dbDir = Files.createDirectory(home.resolve("explicit"),
                PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_DIRECTORY));
        String url = "jdbc:h2:owneronly:" + dbDir.resolve("app").toAbsolutePath() + H2TestDatabase.MODE
                + ";AUTO_SERVER=TRUE";
        JdbcStorageConfig config = JdbcStorageConfig.builder().jdbcUrl(url).user("sa").password("")
                .keysetJson(KeyRotation.newKeyset()).build();
        try (JdbcStorage storage = JdbcStorage.open(config)) {
            exercise(storage, "explicit");
            assertThat(names(dbDir)).containsExactly("app.lock.db", "app.mv.db", "app.trace.db");
            assertEveryEntryOwnerOnly(dbDir);
        }
        assertThat(names(dbDir)).containsExactly("app.mv.db", "app.trace.db");
        assertEveryEntryOwnerOnly(dbDir);
        assertThat(Files.readString(dbDir.resolve("app.trace.db"))).containsIgnoringCase(Backend.HISTORY);
    }

    /**
     * Independent of the build's umask: a child process with umask 000 (H2 alone would create 0666 files) creates
     * and uses the database and serves it over AUTO_SERVER; this process then uses it as an AUTO_SERVER client with
     * its own pool. Checked after the child's start, while both use it, and after both closed it.
     */
    @Test
    void createdUnderUmask000AndSharedOverAutoServerThenEveryFileIsOwnerOnly() throws Exception {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "needs /bin/sh to set the child's umask");
        Path dataDir = home.resolve("shared");
        Path probe = home.resolve("child-umask-probe");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the shell creates the probe under the same umask, to show that it took effect
        String script = "umask 000 && : > \"$1\" && exec \"$2\" -cp \"$3\" \"$4\" child";
        ProcessBuilder pb = new ProcessBuilder(sh.toString(), "-c", script, "sh", probe.toString(), java,
                System.getProperty("java.class.path"), PermissionsChild.class.getName()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEON_OAUTH_"));
        pb.environment().put(JdbcStorageConfig.ENV_DATA_DIR, dataDir.toString());
        Process child = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the child ended
            }
        });
        reader.start();
        try {
            assertThat(ready.await(120, TimeUnit.SECONDS)).as("the child started: %s", output).isTrue();
            assertThat(mode(probe)).as("the child's umask is 000").isEqualTo("rw-rw-rw-");

            assertThat(names(dataDir)).isEqualTo(WHILE_OPEN);
            assertEveryEntryOwnerOnly(dataDir);

            try (JdbcStorage client = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(
                    Map.of(JdbcStorageConfig.ENV_DATA_DIR, dataDir.toString())))) {
                exercise(client, "client");
                assertThat(client.tokenStore().load(AccountKey.of("permissions-child"))).isPresent();
                assertThat(names(dataDir)).isEqualTo(WHILE_OPEN);
                assertEveryEntryOwnerOnly(dataDir);
            }

            try (OutputStream in = child.getOutputStream()) {
                in.write("close\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(child.exitValue()).as("%s", output).isZero();
            assertThat(output).contains("closed");
        } finally {
            child.destroyForcibly();
        }

        assertThat(names(dataDir)).isEqualTo(AFTER_CLOSE);
        assertEveryEntryOwnerOnly(dataDir);
        assertThat(output).as("the child's start-up sweep found nothing to tighten")
                .noneMatch(line -> line.contains("tightened to"));
        assertThat(tighteningWarnings()).isEmpty();
    }

    private List<String> tighteningWarnings() {
        return dataDirectoryLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("tightened to")).toList();
    }
}
