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
