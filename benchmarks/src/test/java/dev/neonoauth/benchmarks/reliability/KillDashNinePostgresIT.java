package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.KeyRotation;
import dev.neonoauth.adapter.jdbc.testing.PostgresTestSchema;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kill -9 while refreshing, on PostgreSQL. */
@ExtendWith(SecretsWatch.class)
class KillDashNinePostgresIT extends KillDashNineCases {
    @RegisterExtension
    static final PostgresTestSchema POSTGRES = new PostgresTestSchema();
    private static final String KEYSET = KeyRotation.newKeyset();

    @Override
    String database() {
        return "PostgreSQL 15";
    }

    @Override
    JdbcStorageConfig storage() {
        return POSTGRES.configWith(KEYSET).build();
    }

    @Override
    Map<String, String> childEnvironment() {
        return Map.of("NEON_OAUTH_JDBC_URL", POSTGRES.url(), "NEON_OAUTH_JDBC_SCHEMA", POSTGRES.schema(),
                "NEON_OAUTH_KEYSET", KEYSET);
    }
}
