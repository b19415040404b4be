package dev.neonoauth.adapter.jdbc;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Crash safety on PostgreSQL: the database aborts the killed holder's transaction when its connection drops. */
class CrashSafetyPostgresIT extends CrashSafetyCases {
    @RegisterExtension
    static final PostgresDatabaseExtension POSTGRES = new PostgresDatabaseExtension();
    private static final String KEYSET = KeyRotation.newKeyset();

    @Override
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put(JdbcStorageConfig.ENV_JDBC_URL, POSTGRES.url());
        env.put(JdbcStorageConfig.ENV_SCHEMA, POSTGRES.schema());
        env.put(JdbcStorageConfig.ENV_KEYSET, KEYSET);
        return env;
    }
}
