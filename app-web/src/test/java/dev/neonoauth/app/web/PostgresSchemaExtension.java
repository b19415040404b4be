package dev.neonoauth.app.web;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of its own for a test class, on the database named by {@value #URL_VARIABLE} (CI: the local
 * service, {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Without it the class is skipped locally
 * and fails when {@code CI=true}, with a message naming the variable, as storage-jdbc's PostgreSQL tests do. The
 * schema, {@code t_<class>_<random>}, is dropped afterwards.
 *
 * <p>Test code only: app-web's production code uses no JDBC (HexagonTest).
 */
final class PostgresSchemaExtension implements BeforeAllCallback, AfterAllCallback {
    static final String URL_VARIABLE = "NEON_OAUTH_TEST_JDBC_URL";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String url;
    private String schema;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String configured = System.getenv(URL_VARIABLE);
        if (configured == null || configured.isBlank()) {
            String message = "no PostgreSQL for " + context.getRequiredTestClass().getSimpleName() + ": set "
                    + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: PostgreSQL tests must run in CI)");
            }
            Assumptions.abort(message + "; skipped locally");
        }
        url = configured;
        String className = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String suffix = "_" + HexFormat.of().formatHex(random);
        schema = "t_" + className.substring(0, Math.min(className.length(), 63 - 2 - suffix.length())) + suffix;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    String url() {
        return url;
    }

    String schema() {
        return schema;
    }

    /** Rows in {@code table} of this schema whose {@code column} equals {@code value}. */
    long count(String table, String column, String value) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                var ps = c.prepareStatement("SELECT COUNT(*) FROM " + schema + "." + table + " WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
