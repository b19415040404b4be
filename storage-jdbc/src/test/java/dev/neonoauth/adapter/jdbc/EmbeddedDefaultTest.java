package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: lazy, owner-only files, and persistent across restarts. */
class EmbeddedDefaultTest {
    @TempDir
    Path home;

    @Test
    void openWhenFirstUsedThenCreatesOwnerOnlyDirectoryKeyFileAndDatabase() throws Exception {
        Path dataDir = home.resolve("xdg").resolve("neon-oauth");
        JdbcStorageConfig config = JdbcStorageConfig.fromEnvironment(
                Map.of("XDG_DATA_HOME", home.resolve("xdg").toString()));
        AccountKey account = AccountKey.of("cli-default");
        TokenSet tokens = Fixtures.tokens("embedded");

        try (JdbcStorage storage = JdbcStorage.open(config)) {
            assertThat(dataDir).as("open() does no I/O").doesNotExist();
            storage.tokenStore().save(account, tokens);
        }

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("keyset.json"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("h2-password"))).isEqualTo("rw-------");
        assertThat(dataDir.resolve("tokens.mv.db")).exists();
        assertThat(Files.readString(dataDir.resolve("keyset.json"))).contains("AesGcmKey");
        assertThat(new String(Files.readAllBytes(dataDir.resolve("tokens.mv.db")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(tokens.accessToken().value()).doesNotContain("SECRET_ACCESS");

        try (JdbcStorage reopened = JdbcStorage.open(config)) {
            assertThat(reopened.tokenStore().load(account)).map(TokenSet::accessToken).contains(tokens.accessToken());
        }
    }

    @Test
    void openWhenTheDirectoryIsTooOpenThenItIsTightened() throws Exception {
        Path dataDir = home.resolve("loose");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.builder().dataDirectory(dataDir).build())) {
            storage.tokenStore().load(AccountKey.of("any"));
        }

        assertThat(mode(dataDir)).isEqualTo("rwx------");
    }

    /**
     * H2 keeps the space of replaced data for RETENTION_TIME before it writes over it, and with WRITE_DELAY=0 every
     * commit appends a chunk: at H2's default of 45 s the file grew by every write of the last 45 s (hundreds of MiB
     * under load). A second burst of writes after the window must reuse the first burst's space, not grow the file
     * again.
     */
    @Test
    void writesAfterTheRetentionWindowReuseTheFileInsteadOfGrowingIt() throws Exception {
        Path dataDir = home.resolve("size");
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.builder().dataDirectory(dataDir).build())) {
            Path file = dataDir.resolve("tokens.mv.db");
            burst(storage, "first");
            long afterFirst = Files.size(file);
            Thread.sleep(Backend.EMBEDDED_RETENTION_MILLIS + 500L);
            burst(storage, "second");
            long afterSecond = Files.size(file);

            assertThat(afterSecond).as("file size after the second burst (first: %d bytes)", afterFirst)
                    .isLessThanOrEqualTo(afterFirst + afterFirst / 2 + (1 << 20));
        }
    }

    /**
     * The embedded default does not compact the file when it closes (MAX_COMPACT_TIME=0: that took about 20 ms of
     * every CLI command). Short-lived processes that each open the store, write and close it, as CLI commands
     * refreshing a token do, must still leave a small file: H2 reuses the space of chunks that no longer hold live
     * data once the retention window has passed.
     */
    @Test
    void manyShortOpenWriteCloseCyclesKeepTheFileSmallWithoutCompactionAtClose() throws Exception {
        Path dataDir = home.resolve("cycles");
        JdbcStorageConfig config = JdbcStorageConfig.builder().dataDirectory(dataDir).build();
        Path file = dataDir.resolve("tokens.mv.db");
        long[] sizes = new long[4];
        for (int round = 0; round < sizes.length; round++) {
            for (int i = 0; i < 10; i++) {
                try (JdbcStorage storage = JdbcStorage.open(config)) {
                    storage.tokenStore().save(AccountKey.of("cli-default"), Fixtures.tokens("cycle" + round + "-" + i));
                    storage.tokenStore().save(AccountKey.of("cli-other"), Fixtures.tokens("other" + round + "-" + i));
                }
            }
            sizes[round] = Files.size(file);
            Thread.sleep(Backend.EMBEDDED_RETENTION_MILLIS + 200L);
        }
        assertThat(sizes[sizes.length - 1]).as("file sizes after each round of 10 commands: %s",
                java.util.Arrays.toString(sizes)).isLessThanOrEqualTo(Math.max(sizes[0] * 2, 256 * 1024));
    }

    @Test
    void theKeyFileAndPasswordAreGeneratedOnlyWhenMissing() throws Exception {
        Path file = home.resolve("key");
        Files.writeString(file, "existing");
        assertThat(DataDirectory.createOwnerOnlyFile(file, () -> {
            throw new AssertionError("generated although the file exists");
        })).isFalse();
        assertThat(Files.readString(file)).isEqualTo("existing");

        Path missing = home.resolve("new-key");
        assertThat(DataDirectory.createOwnerOnlyFile(missing, () -> "generated".getBytes())).isTrue();
        assertThat(Files.readString(missing)).isEqualTo("generated");
        assertThat(mode(missing)).isEqualTo("rw-------");
    }

    /** 1 500 commits, as 1 500 logins' token writes would be: 300 accounts, each saved five times. */
    private static void burst(JdbcStorage storage, String name) {
        for (int i = 0; i < 1500; i++) {
            storage.tokenStore().save(AccountKey.of("size-" + (i % 300)), Fixtures.tokens(name + i));
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
