package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The refresh storm on one H2 database file shared by the two instances' pools (runs in every build). */
@ExtendWith(SecretsWatch.class)
class RefreshStormTest extends RefreshStormCases {
    @TempDir
    static Path dir;

    @Override
    String database() {
        return "H2 file";
    }

    @Override
    JdbcStorageConfig.Builder storage(String keysetJson) {
        return JdbcStorageConfig.builder()
                .jdbcUrl("jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0")
                .keysetJson(keysetJson);
    }
}
