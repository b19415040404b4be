package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link WebSessionCases} on an H2 file database in PostgreSQL mode. */
class JdbcWebSessionsTest extends WebSessionCases {
    @TempDir
    static Path directory;

    @Override
    TestDatabase database() {
        return new H2TestDatabase(directory);
    }
}
