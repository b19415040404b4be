package dev.neonoauth.adapter.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The process {@link EmbeddedFilePermissionsTest} starts with umask 000: it opens the embedded default in
 * {@code NEON_OAUTH_DATA_DIR}, uses every store ({@link EmbeddedFilePermissionsTest#exercise}), prints
 * {@code ready}, keeps the database open (serving AUTO_SERVER clients) until a line or end of input arrives on
 * standard input, closes the storage and prints {@code closed}.
 */
final class PermissionsChild {
    private PermissionsChild() {}

    public static void main(String[] args) throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(JdbcStorageConfig.fromEnvironment(System.getenv()))) {
            EmbeddedFilePermissionsTest.exercise(storage, args[0]);
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("closed");
        System.out.flush();
    }
}
