package dev.neonoauth.benchmarks.load;

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

    static Database h2(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("load").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        return new Database() {
            @Override
            Map<String, String> env() {
                return Map.of("NEON_OAUTH_JDBC_URL", url, "NEON_OAUTH_JDBC_USER", "load", "NEON_OAUTH_JDBC_PASSWORD", "load");
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(url, "load", "load");
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
