package dev.neonoauth.adapter.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up fast path: decides with one plain JDBC query whether the schema is already at
 * {@link #LATEST_SCHEMA_VERSION}, so that Flyway (and the Jackson it brings) is neither loaded nor run on every start
 * of a CLI. Nothing in this class refers to Flyway; {@link FlywayMigration} does, and is used only when this check
 * says "not current".
 */
final class SchemaVersion {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaVersion.class);

    /**
     * The highest {@code V<n>__} migration in {@value Backend#MIGRATIONS}. {@code SchemaVersionTest} scans the
     * migration resources and fails when a new migration is added without raising this constant.
     */
    static final int LATEST_SCHEMA_VERSION = 2;

    private SchemaVersion() {}

    /**
     * Whether the history table {@code historyTable} (schema-qualified and quoted as needed) records every version
     * from 1 to {@link #LATEST_SCHEMA_VERSION} as applied successfully, and no failed migration. Any doubt (the table
     * or schema is missing, a version is not a whole number, a failed row, any {@link SQLException}) answers
     * {@code false}, and Flyway then decides as it always did.
     */
    static boolean isCurrent(DataSource dataSource, String historyTable) {
        String sql = "SELECT \"version\", \"success\" FROM " + historyTable;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            Set<Integer> applied = new HashSet<>();
            while (rs.next()) {
                String version = rs.getString(1);
                boolean success = rs.getBoolean(2);
                if (!success) {
                    LOG.debug("schema history {} has a failed migration ({}); running Flyway", historyTable, version);
                    return false;
                }
                if (version == null) {
                    continue; // a repeatable migration; this module has none, and they do not count
                }
                try {
                    applied.add(Integer.parseInt(version.trim()));
                } catch (NumberFormatException e) {
                    LOG.debug("schema history {} has version '{}', not a whole number; running Flyway", historyTable,
                            version);
                    return false;
                }
            }
            for (int v = 1; v <= LATEST_SCHEMA_VERSION; v++) {
                if (!applied.contains(v)) {
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            // typically: the history table does not exist yet (a fresh database or schema)
            LOG.debug("schema history {} not readable ({}, SQLState {}); running Flyway", historyTable,
                    e.getClass().getSimpleName(), e.getSQLState());
            return false;
        }
    }
}
