package dev.neonoauth.adapter.jdbc.testing;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a real PostgreSQL schema of its own, {@code t_<class>_<random>}, dropped afterwards so that runs
 * never collide. The database is the JDBC URL in {@value #URL_VARIABLE} (CI: the local PostgreSQL service,
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); else the one {@link #fallbackDatabase()} offers
 * (storage-jdbc's own tests start a Testcontainers PostgreSQL there when a Docker engine exists); else the class fails
 * when {@code CI=true} and is skipped elsewhere, with a message saying what to set.
 *
 * <p>Published in storage-jdbc's test-jar for the other modules' PostgreSQL tests. Register it as
 * {@code @RegisterExtension static final PostgresTestSchema POSTGRES = new PostgresTestSchema();}.
 */
public class PostgresTestSchema implements BeforeAllCallback, AfterAllCallback {
    public static final String URL_VARIABLE = "NEON_OAUTH_TEST_JDBC_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a database is when {@value #URL_VARIABLE} is not set. */
    public record Database(String url, String user, String password) {}

    private String url;
    private String user;
    private String password;
    private String schema;

    /**
     * The URL in {@value #URL_VARIABLE}; without it the calling test is skipped locally and fails under
     * {@code CI=true}. For tests that only need the server, not a schema.
     */
    public static String requiredUrl(String testName) {
        String configured = System.getenv(URL_VARIABLE);
        if (configured == null || configured.isBlank()) {
            skipOrFail(testName, "");
        }
        return configured;
    }

    private static void skipOrFail(String testName, String alternative) {
        String message = "no PostgreSQL for " + testName + ": set " + URL_VARIABLE
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)" + alternative;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: PostgreSQL tests must run in CI)");
        }
        Assumptions.abort(message + "; skipped locally");
    }

    /** A database to use when {@value #URL_VARIABLE} is not set; none by default. */
    protected Optional<Database> fallbackDatabase() {
        return Optional.empty();
    }

    /** How to name the fallback in the skip message, e.g. " or start a Docker engine for Testcontainers". */
    protected String fallbackHint() {
        return "";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String testName = context.getRequiredTestClass().getSimpleName();
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            url = configured;
        } else {
            Optional<Database> fallback = fallbackDatabase();
            if (fallback.isEmpty()) {
                skipOrFail(testName, fallbackHint());
            }
            url = fallback.get().url();
            user = fallback.get().user();
            password = fallback.get().password();
        }
        String className = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
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

    public String url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    /** storage-jdbc's configuration for this schema (URL, schema, and the fallback's credentials if any). */
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

    /** A connection whose current schema is this one. */
    public Connection connect() throws SQLException {
        Connection c = rawConnect();
        c.setSchema(schema);
        return c;
    }

    /** Rows in {@code table} of this schema whose {@code column} equals {@code value}. */
    public long count(String table, String column, String value) throws SQLException {
        try (Connection c = rawConnect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM " + schema + "." + table + " WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
