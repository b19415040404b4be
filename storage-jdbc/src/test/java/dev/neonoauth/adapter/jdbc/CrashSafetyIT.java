package dev.neonoauth.adapter.jdbc;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the embedded default: H2 file database with AUTO_SERVER, key file created by the child, in a data
 * directory given by NEON_OAUTH_DATA_DIR.
 */
class CrashSafetyIT extends CrashSafetyCases {
    @TempDir
    static Path dataDirectory;

    @Override
    Map<String, String> environment() {
        return Map.of(JdbcStorageConfig.ENV_DATA_DIR, dataDirectory.toString());
    }
}
