package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the embedded default: H2 file database with AUTO_SERVER, key file created by the child, in a data
 * directory given by NEON_OAUTH_DATA_DIR. Afterwards (children created the files, were killed with SIGKILL, and the
 * parent took over their stale lock) every file there is owner-only, with no trace file.
 */
class CrashSafetyIT extends CrashSafetyCases {
    @TempDir
    static Path dataDirectory;

    @Override
    Map<String, String> environment() {
        return Map.of(JdbcStorageConfig.ENV_DATA_DIR, dataDirectory.toString());
    }

    @AfterAll
    static void everyFileLeftInTheDataDirectoryIsOwnerOnly() throws Exception {
        assertThat(OwnerOnlyFilePathTest.names(dataDirectory)).contains("tokens.mv.db", "keyset.json", "h2-password")
                .doesNotContain("tokens.trace.db");
        OwnerOnlyFilePathTest.assertEveryEntryOwnerOnly(dataDirectory);
    }
}
