package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while refreshing, on the embedded default (H2 file with AUTO_SERVER, as the CLI uses it). */
@ExtendWith(SecretsWatch.class)
class KillDashNineTest extends KillDashNineCases {
    @TempDir
    static Path dir;

    @Override
    String database() {
        return "embedded H2";
    }

    @Override
    JdbcStorageConfig storage() {
        return JdbcStorageConfig.builder().dataDirectory(dir).build();
    }

    @Override
    Map<String, String> childEnvironment() {
        return Map.of("NEON_OAUTH_DATA_DIR", dir.toString());
    }
}
