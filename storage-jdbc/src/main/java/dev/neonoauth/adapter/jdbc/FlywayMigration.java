package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The slow path of start-up: runs the Flyway migrations. It is a class of its own so that Flyway's classes are loaded
 * only when {@link SchemaVersion#isCurrent} has found the schema not current: {@link Backend} refers to no Flyway type,
 * not even in a {@code catch} clause.
 */
final class FlywayMigration {
    private FlywayMigration() {}

    /**
     * Migrates the schema to the latest version.
     *
     * @throws StoreUnavailableException (not retryable) when Flyway fails; {@code where} names the database
     */
    static void migrate(DataSource dataSource, JdbcStorageConfig config, String where) {
        try {
            var flyway = Flyway.configure(FlywayMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(Backend.MIGRATIONS)
                    .table(Backend.HISTORY)
                    // the tables may share a schema with the application's own: start our history at version 0
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .cleanDisabled(true);
            if (config.schema().isPresent()) {
                flyway = flyway.schemas(config.schema().get()).defaultSchema(config.schema().get()).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot migrate the token database " + where
                    + " (Flyway history table " + Backend.HISTORY + ")", false, e);
        }
    }
}
