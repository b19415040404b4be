package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-encrypts every row that is not yet under the key set's primary key, in batches of one transaction each, walking
 * the primary key once (so it ends even while other instances keep writing). Each update is conditional on the
 * ciphertext it read: a row saved meanwhile by a live instance is left alone (it was just encrypted anew anyway).
 */
final class Reencryption {
    static final int BATCH_SIZE = 200;

    private Reencryption() {}

    /** A table with encrypted columns; the first column is never null and guards the conditional update. */
    private record Target(String table, String keyColumn, String rowLabel, String what, List<String> columns) {}

    private static final Target GRANTS = new Target(Backend.GRANT, "account_key", "", "grants",
            List.of(JdbcTokenStore.ACCESS_TOKEN, JdbcTokenStore.REFRESH_TOKEN));
    private static final Target PENDING = new Target(Backend.PENDING, "state_hash", "state hash ",
            "pending authorizations", List.of(JdbcPendingAuthorizationStore.CODE_VERIFIER));
    private static final Target WEB_SESSIONS = new Target(Backend.WEB_SESSION, "key_hash", "key hash ", "web sessions",
            List.of(JdbcWebSessions.CSRF_TOKEN));

    static int all(Backend backend) {
        return grants(backend) + pending(backend) + webSessions(backend);
    }

    static int grants(Backend backend) {
        return reencrypt(backend, GRANTS);
    }

    static int pending(Backend backend) {
        return reencrypt(backend, PENDING);
    }

    static int webSessions(Backend backend) {
        return reencrypt(backend, WEB_SESSIONS);
    }

    private static int reencrypt(Backend backend, Target target) {
        FieldCipher cipher = backend.cipher();
        String table = backend.table(target.table());
        String key = target.keyColumn();
        List<String> columns = target.columns();
        String selectSql = "SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table
                + " WHERE key_id <> ? AND " + key + " > ? ORDER BY " + key + " FETCH FIRST " + BATCH_SIZE + " ROWS ONLY";
        String updateSql = "UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ?, key_id = ? WHERE "
                + key + " = ? AND " + columns.get(0) + " = ?";
        String cursor = "";
        int rewritten = 0;
        while (true) {
            try (Connection c = backend.connection()) {
                c.setAutoCommit(false);
                int seen = 0;
                try (PreparedStatement select = c.prepareStatement(selectSql);
                        PreparedStatement update = c.prepareStatement(updateSql)) {
                    select.setLong(1, cipher.primaryKeyId());
                    select.setString(2, cursor);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            seen++;
                            String rowId = rs.getString(1);
                            cursor = rowId;
                            int p = 1;
                            for (int i = 0; i < columns.size(); i++) {
                                byte[] ciphertext = rs.getBytes(2 + i);
                                if (ciphertext == null) {
                                    update.setNull(p++, Types.BINARY);
                                } else {
                                    update.setBytes(p++, reencrypt(cipher, target, columns.get(i), rowId, ciphertext));
                                }
                            }
                            update.setLong(p++, cipher.primaryKeyId());
                            update.setString(p++, rowId);
                            update.setBytes(p, rs.getBytes(2));
                            update.addBatch();
                        }
                    }
                    if (seen > 0) {
                        for (int n : update.executeBatch()) {
                            rewritten += n > 0 ? n : (n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0);
                        }
                    }
                    c.commit();
                    backend.makeDurable(c);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                if (seen < BATCH_SIZE) {
                    return rewritten;
                }
            } catch (SQLException e) {
                throw StoreErrors.unavailable("re-encrypting " + target.what(), e);
            }
        }
    }

    private static byte[] reencrypt(FieldCipher cipher, Target target, String column, String rowId, byte[] ciphertext) {
        String table = target.table();
        try {
            return cipher.encrypt(table, column, rowId, cipher.decrypt(table, column, rowId, ciphertext));
        } catch (GeneralSecurityException e) {
            throw new StoreUnavailableException("re-encryption stopped: " + table + "." + column + " of row '"
                    + target.rowLabel() + rowId + "' cannot be decrypted with the current key set (was a key removed "
                    + "too early?)", false, e);
        }
    }

    /** How many rows (grants, pending authorizations and web sessions) each key id encrypts. */
    static Map<Long, Long> rowsByKeyId(Backend backend) {
        Map<Long, Long> counts = new TreeMap<>();
        try (Connection c = backend.connection()) {
            for (String table : new String[] {Backend.GRANT, Backend.PENDING, Backend.WEB_SESSION}) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT key_id, COUNT(*) FROM " + backend.table(table) + " GROUP BY key_id");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.unavailable("counting rows per key", e);
        }
        return counts;
    }
}
