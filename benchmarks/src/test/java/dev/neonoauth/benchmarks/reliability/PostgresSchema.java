package dev.neonoauth.benchmarks.reliability;

import dev.neonoauth.adapter.jdbc.JdbcStorageConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of its own for a test class, on the database named by {@value #URL_VARIABLE}. Without it the
 * class is skipped locally, and fails when {@code CI=true}; the message says what to set. (storage-jdbc's
 * extension is not published in a test-jar, and this module does not use Testcontainers.)
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
    static final String URL_VARIABLE = "NEON_OAUTH_TEST_JDBC_URL";
    private String url;
    private String schema;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        url = requiredUrl(context.getRequiredTestClass().getSimpleName());
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        schema = "r_" + name.substring(0, Math.min(name.length(), 40)) + "_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /**
     * The URL in {@value #URL_VARIABLE}; without it the calling test is skipped locally and fails under {@code CI=true}.
     */
    public static String requiredUrl(String testName) {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = "no PostgreSQL for " + testName + ": set " + URL_VARIABLE
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the PostgreSQL suites must run in CI)");
            }
            Assumptions.abort(message + "; skipped locally");
        }
        return url;
    }

    String url() {
        return url;
    }

    String schema() {
        return schema;
    }

    JdbcStorageConfig.Builder config(String keysetJson) {
        return JdbcStorageConfig.builder().jdbcUrl(url).schema(schema).keysetJson(keysetJson);
    }
}
