package dev.neonoauth.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The few statements that differ between PostgreSQL and H2: the upserts, the delete-returning, and the lock wait
 * limit. Everything else, including the migrations, is shared SQL.
 */
enum Dialect {
    POSTGRESQL {
        @Override
        String upsertGrant(String table) {
            return "INSERT INTO " + table + " AS g (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) "
                    + "ON CONFLICT (account_key) DO UPDATE SET subject = EXCLUDED.subject, "
                    + "access_token_ct = EXCLUDED.access_token_ct, refresh_token_ct = EXCLUDED.refresh_token_ct, "
                    + "expires_at = EXCLUDED.expires_at, granted_scopes = EXCLUDED.granted_scopes, "
                    + "token_type = EXCLUDED.token_type, issued_at = EXCLUDED.issued_at, key_id = EXCLUDED.key_id, "
                    + "updated_at = CURRENT_TIMESTAMP";
        }

        @Override
        String consumePending(String table, String columns) {
            return "DELETE FROM " + table + " WHERE state_hash = ? RETURNING " + columns;
        }

        @Override
        String upsertWebSession(String table) {
            return "INSERT INTO " + table + " (" + WEB_SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (key_hash) DO UPDATE SET csrf_token_ct = EXCLUDED.csrf_token_ct, "
                    + "account_key = EXCLUDED.account_key, created_at = EXCLUDED.created_at, "
                    + "last_seen_at = EXCLUDED.last_seen_at, key_id = EXCLUDED.key_id";
        }

        @Override
        void limitLockWait(Connection connection, long millis) throws SQLException {
            // transaction-scoped: ends with the lock's transaction, nothing to restore
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                ps.setString(1, Math.max(1, millis) + "ms");
                ps.execute();
            }
        }

        @Override
        void restoreLockWait(Connection connection, long defaultMillis) {
            // SET LOCAL ended with the transaction
        }
    },

    H2 {
        @Override
        String upsertGrant(String table) {
            return "MERGE INTO " + table + " (" + GRANT_COLUMNS + ") KEY (account_key) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";
        }

        @Override
        String consumePending(String table, String columns) {
            // H2's data change delta table: the delete and the read are one statement, as with RETURNING
            return "SELECT " + columns + " FROM OLD TABLE (DELETE FROM " + table + " WHERE state_hash = ?)";
        }

        @Override
        String upsertWebSession(String table) {
            return "MERGE INTO " + table + " (" + WEB_SESSION_COLUMNS + ") KEY (key_hash) VALUES (?, ?, ?, ?, ?, ?)";
        }

        @Override
        void limitLockWait(Connection connection, long millis) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCK_TIMEOUT " + Math.max(1, millis));
            }
        }

        @Override
        void restoreLockWait(Connection connection, long defaultMillis) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCK_TIMEOUT " + defaultMillis);
            }
        }
    };

    static final String GRANT_COLUMNS = "account_key, subject, access_token_ct, refresh_token_ct, expires_at, "
            + "granted_scopes, token_type, issued_at, key_id, updated_at";

    static final String WEB_SESSION_COLUMNS = "key_hash, csrf_token_ct, account_key, created_at, last_seen_at, key_id";

    /** Insert or replace the web session row; parameters 1-6 in {@link #WEB_SESSION_COLUMNS} order. */
    abstract String upsertWebSession(String table);

    /** Insert or replace the grant row; parameters 1-9 in {@link #GRANT_COLUMNS} order. */
    abstract String upsertGrant(String table);

    /** Delete the row with the given state hash and return its columns, in one statement. */
    abstract String consumePending(String table, String columns);

    /** Makes the next row-lock wait on this connection give up after {@code millis}. */
    abstract void limitLockWait(Connection connection, long millis) throws SQLException;

    abstract void restoreLockWait(Connection connection, long defaultMillis) throws SQLException;

    static Dialect of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + JdbcStorageConfig.redactUrl(jdbcUrl));
    }
}
