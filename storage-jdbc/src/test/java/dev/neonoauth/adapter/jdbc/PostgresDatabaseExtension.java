package dev.neonoauth.adapter.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives a test class a real PostgreSQL schema of its own. The database is, in this order:
 * <ol>
 *   <li>the JDBC URL in {@value #URL_VARIABLE} (CI: the local PostgreSQL service,
 *       {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres});
 *   <li>a Testcontainers PostgreSQL when a Docker engine is available (one container for the whole run);
 *   <li>otherwise the class fails when {@code CI=true}, and is skipped elsewhere, with a message saying what to set.
 * </ol>
 * Each class gets a fresh schema {@code t_<class>_<random>}, dropped afterwards, so runs never collide.
 *
 * <p>Register it as {@code @RegisterExtension static final PostgresDatabaseExtension POSTGRES = new ...()}.
 */
final class PostgresDatabaseExtension implements BeforeAllCallback, AfterAllCallback, TestDatabase {
    static final String URL_VARIABLE = "NEON_OAUTH_TEST_JDBC_URL";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgreSQLContainer container;

    private String url;
    private String user;
    private String password;
    private String schema;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            url = configured;
        } else if (dockerAvailable()) {
            PostgreSQLContainer pg = sharedContainer();
            url = pg.getJdbcUrl();
            user = pg.getUsername();
            password = pg.getPassword();
        } else {
            String message = "no PostgreSQL for " + context.getRequiredTestClass().getSimpleName() + ": set "
                    + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or start a Docker "
                    + "engine for Testcontainers";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: PostgreSQL tests must run in CI)");
            }
            Assumptions.abort(message + "; skipped locally");
        }
        String className = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String suffix = "_" + HexFormat.of().formatHex(random);
        schema = "t_" + className.substring(0, Math.min(className.length(), 63 - 2 - suffix.length())) + suffix;
        try (Connection c = rawConnect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (schema != null) {
            try (Connection c = rawConnect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
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

    private Connection rawConnect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    String url() {
        return url;
    }

    String schema() {
        return schema;
    }

    @Override
    public JdbcStorageConfig.Builder configWith(String keysetJson) {
        JdbcStorageConfig.Builder b = JdbcStorageConfig.builder().jdbcUrl(url).schema(schema).keysetJson(keysetJson);
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        return b;
    }

    @Override
    public Connection connect() throws SQLException {
        Connection c = rawConnect();
        c.setSchema(schema);
        return c;
    }

    @Override
    public String table(String name) {
        return schema + "." + name;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }
}
