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

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
