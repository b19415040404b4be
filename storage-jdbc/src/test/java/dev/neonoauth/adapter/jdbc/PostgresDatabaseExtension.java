package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.adapter.jdbc.testing.PostgresTestSchema;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * storage-jdbc's PostgreSQL schema for a test class ({@link PostgresTestSchema}), which can also start a database:
 * without {@value PostgresTestSchema#URL_VARIABLE}, a Testcontainers PostgreSQL when a Docker engine is available
 * (one container for the whole run). Register it as
 * {@code @RegisterExtension static final PostgresDatabaseExtension POSTGRES = new ...()}.
 */
final class PostgresDatabaseExtension extends PostgresTestSchema implements TestDatabase {
    private static PostgreSQLContainer container;

    @Override
    protected Optional<Database> fallbackDatabase() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        PostgreSQLContainer pg = sharedContainer();
        return Optional.of(new Database(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()));
    }

    @Override
    protected String fallbackHint() {
        return " or start a Docker engine for Testcontainers";
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static synchronized PostgreSQLContainer sharedContainer() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start(); // stopped by Testcontainers' reaper when the JVM ends
        }
        return container;
    }

    @Override
    public String table(String name) {
        return schema() + "." + name;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }
}
