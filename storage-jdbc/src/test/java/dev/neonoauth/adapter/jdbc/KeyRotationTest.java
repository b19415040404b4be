package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation on H2, plus the operator command on a key set file. */
class KeyRotationTest extends KeyRotationCases {
    @TempDir
    static Path directory;

    @Override
    TestDatabase database() {
        return new H2TestDatabase(directory);
    }

    @Test
    void theCommandShouldRotateAKeySetFileAndReencryptTheConfiguredDatabase(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keyset.json");
        assertThat(run("new-keyset", file.toString()).exit).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run("new-keyset", file.toString()).exit).as("never overwrites a key set").isEqualTo(1);
        long first = KeyRotation.primaryKeyId(Files.readString(file));

        H2TestDatabase db = new H2TestDatabase(dir);
        Map<String, String> env = Map.of(JdbcStorageConfig.ENV_JDBC_URL, db.url(), JdbcStorageConfig.ENV_JDBC_USER, "sa",
                JdbcStorageConfig.ENV_KEYSET_FILE, file.toString());
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(env))) {
            storage.tokenStore().save(Fixtures.account("cmd"), Fixtures.tokens("cmd"));
        }

        Result rotate = run("rotate", file.toString());
        assertThat(rotate.exit).isZero();
        long second = KeyRotation.primaryKeyId(Files.readString(file));
        assertThat(second).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Result list = run("list", file.toString());
        assertThat(list.out).contains(first + " ENABLED").contains(second + " ENABLED primary");
        assertThat(list.out).doesNotContain("keyData").doesNotContain("value");

        Result status = KeyRotationTest.run(env, "status");
        assertThat(status.out).contains(first + " 1 rows");
        Result reencrypt = KeyRotationTest.run(env, "reencrypt");
        assertThat(reencrypt.out).contains("re-encrypted 1 rows under key " + second);
        assertThat(KeyRotationTest.run(env, "status").out).contains(second + " 1 rows (primary)")
                .doesNotContain(first + " 1 rows");

        assertThat(run("remove-key", file.toString(), Long.toString(first)).exit).isZero();
        assertThat(run("list", file.toString()).out).doesNotContain(Long.toString(first));
        assertThat(run("bogus").exit).isEqualTo(2);
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = KeyRotation.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
