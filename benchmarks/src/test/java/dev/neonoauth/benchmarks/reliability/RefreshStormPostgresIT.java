package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import dev.neonoauth.adapter.jdbc.testing.PostgresTestSchema;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The refresh storm on PostgreSQL: two pools on one schema, as two app instances sharing a database. */
@ExtendWith(SecretsWatch.class)
class RefreshStormPostgresIT extends RefreshStormCases {
    @RegisterExtension
    static final PostgresTestSchema POSTGRES = new PostgresTestSchema();

    @Override
    String database() {
        return "PostgreSQL 15";
    }

    @Override
    JdbcStorageConfig.Builder storage(String keysetJson) {
        return POSTGRES.configWith(keysetJson);
    }
}
