package dev.neonoauth.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database of a load run: an H2 file in the run's temporary directory, or a fresh schema on a PostgreSQL server
 * (created before the run, dropped after it). Gives app-web its storage variables and the harness a connection for
 * counting rows with plain SQL.
 */
abstract class Database {
    abstract Map<String, String> env();

    abstract Connection connect() throws SQLException;

    abstract void drop();

    /**
     * The embedded default, as app-web runs it without a JDBC URL: {@code tokens.mv.db} in the data directory
     * ({@code NEON_OAUTH_DATA_DIR}, the run's directory), with the URL settings storage-jdbc chooses. The harness
     * counts rows as a second client of the same file (H2's AUTO_SERVER), with the password app-web generated.
     */
    static Database h2(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath() + ";AUTO_SERVER=TRUE;MODE=PostgreSQL"
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new Database() {
            @Override
            Map<String, String> env() {
                return Map.of();
            }

            @Override
            Connection connect() throws SQLException {
                try {
                    return DriverManager.getConnection(url, "neon_oauth", Files.readString(dir.resolve("h2-password")).strip());
                } catch (IOException e) {
                    throw new SQLException("cannot read the embedded database's password: " + e.getMessage(), e);
                }
            }

            @Override
            void drop() {
                // the file goes with the run's temporary directory
            }
        };
    }

    /** A schema of its own on the server at {@code url} (user and password in the URL, as in NEON_OAUTH_TEST_JDBC_URL). */
    static Database postgres(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db postgres needs a jdbc:postgresql: URL");
        }
        String schema = "neon_oauth_load_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on the PostgreSQL server (" + e.getMessage()
                    + "); is it running? .ci/run starts it", e);
        }
        return new Database() {
            @Override
            Map<String, String> env() {
                return Map.of("NEON_OAUTH_JDBC_URL", url, "NEON_OAUTH_JDBC_SCHEMA", schema);
            }

            @Override
            Connection connect() throws SQLException {
                Connection c = DriverManager.getConnection(url);
                c.setSchema(schema);
                return c;
            }

            @Override
            void drop() {
                try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                    st.execute("drop schema if exists " + schema + " cascade");
                } catch (SQLException e) {
                    System.err.println("load: could not drop schema " + schema + ": " + e.getMessage());
                }
            }
        };
    }
}
