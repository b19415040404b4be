package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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

    static int all(Backend backend) {
        return grants(backend) + pending(backend) + webSessions(backend);
    }

    static int grants(Backend backend) {
        FieldCipher cipher = backend.cipher();
        String table = backend.table(Backend.GRANT);
        String cursor = "";
        int rewritten = 0;
        while (true) {
            try (Connection c = backend.connection()) {
                c.setAutoCommit(false);
                int seen = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT account_key, access_token_ct, refresh_token_ct "
                        + "FROM " + table + " WHERE key_id <> ? AND account_key > ? ORDER BY account_key "
                        + "FETCH FIRST " + BATCH_SIZE + " ROWS ONLY");
                        PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET access_token_ct = ?, "
                                + "refresh_token_ct = ?, key_id = ? WHERE account_key = ? AND access_token_ct = ?")) {
                    select.setLong(1, cipher.primaryKeyId());
                    select.setString(2, cursor);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            seen++;
                            String key = rs.getString(1);
                            cursor = key;
                            byte[] access = rs.getBytes(2);
                            byte[] refresh = rs.getBytes(3);
                            update.setBytes(1, reencrypt(cipher, Backend.GRANT, JdbcTokenStore.ACCESS_TOKEN, key, access));
                            if (refresh == null) {
                                update.setNull(2, Types.BINARY);
                            } else {
                                update.setBytes(2, reencrypt(cipher, Backend.GRANT, JdbcTokenStore.REFRESH_TOKEN, key, refresh));
                            }
                            update.setLong(3, cipher.primaryKeyId());
                            update.setString(4, key);
                            update.setBytes(5, access);
                            update.addBatch();
                        }
                    }
                    if (seen > 0) {
                        for (int n : update.executeBatch()) {
                            rewritten += n > 0 ? n : (n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0);
                        }
                    }
                    c.commit();
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
                throw StoreErrors.unavailable("re-encrypting grants", e);
            }
        }
    }

    static int pending(Backend backend) {
        FieldCipher cipher = backend.cipher();
        String table = backend.table(Backend.PENDING);
        String cursor = "";
        int rewritten = 0;
        while (true) {
            try (Connection c = backend.connection()) {
                c.setAutoCommit(false);
                int seen = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT state_hash, code_verifier_ct FROM " + table
                        + " WHERE key_id <> ? AND state_hash > ? ORDER BY state_hash FETCH FIRST " + BATCH_SIZE + " ROWS ONLY");
                        PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET code_verifier_ct = ?, "
                                + "key_id = ? WHERE state_hash = ? AND code_verifier_ct = ?")) {
                    select.setLong(1, cipher.primaryKeyId());
                    select.setString(2, cursor);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            seen++;
                            String hash = rs.getString(1);
                            cursor = hash;
                            byte[] verifier = rs.getBytes(2);
                            update.setBytes(1, reencrypt(cipher, Backend.PENDING,
                                    JdbcPendingAuthorizationStore.CODE_VERIFIER, hash, verifier));
                            update.setLong(2, cipher.primaryKeyId());
                            update.setString(3, hash);
                            update.setBytes(4, verifier);
                            update.addBatch();
                        }
                    }
                    if (seen > 0) {
                        for (int n : update.executeBatch()) {
                            rewritten += n > 0 ? n : (n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0);
                        }
                    }
                    c.commit();
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
                throw StoreErrors.unavailable("re-encrypting pending authorizations", e);
            }
        }
    }

    static int webSessions(Backend backend) {
        FieldCipher cipher = backend.cipher();
        String table = backend.table(Backend.WEB_SESSION);
        String cursor = "";
        int rewritten = 0;
        while (true) {
            try (Connection c = backend.connection()) {
                c.setAutoCommit(false);
                int seen = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT key_hash, csrf_token_ct FROM " + table
                        + " WHERE key_id <> ? AND key_hash > ? ORDER BY key_hash FETCH FIRST " + BATCH_SIZE + " ROWS ONLY");
                        PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET csrf_token_ct = ?, "
                                + "key_id = ? WHERE key_hash = ? AND csrf_token_ct = ?")) {
                    select.setLong(1, cipher.primaryKeyId());
                    select.setString(2, cursor);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            seen++;
                            String hash = rs.getString(1);
                            cursor = hash;
                            byte[] csrf = rs.getBytes(2);
                            update.setBytes(1, reencrypt(cipher, Backend.WEB_SESSION, JdbcWebSessions.CSRF_TOKEN, hash, csrf));
                            update.setLong(2, cipher.primaryKeyId());
                            update.setString(3, hash);
                            update.setBytes(4, csrf);
                            update.addBatch();
                        }
                    }
                    if (seen > 0) {
                        for (int n : update.executeBatch()) {
                            rewritten += n > 0 ? n : (n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0);
                        }
                    }
                    c.commit();
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
                throw StoreErrors.unavailable("re-encrypting web sessions", e);
            }
        }
    }

    private static byte[] reencrypt(FieldCipher cipher, String table, String column, String rowId, byte[] ciphertext) {
        try {
            return cipher.encrypt(table, column, rowId, cipher.decrypt(table, column, rowId, ciphertext));
        } catch (GeneralSecurityException e) {
            throw new StoreUnavailableException("re-encryption stopped: " + table + "." + column + " of row '"
                    + (Backend.GRANT.equals(table) ? rowId : (Backend.PENDING.equals(table) ? "state hash " : "key hash ") + rowId) + "' cannot be decrypted with the "
                    + "current key set (was a key removed too early?)", false, e);
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
