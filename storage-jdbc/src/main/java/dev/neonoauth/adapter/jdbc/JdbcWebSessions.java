package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-side web sessions in the shared database (table {@code neon_oauth_web_session}), so that sessions survive a
 * restart and every application instance on the database sees the same ones. Obtained from
 * {@link JdbcStorage#webSessions()} (or injected, see {@link JdbcStorageModule}); it shares the storage's pool and key
 * set.
 *
 * <p>Public because the core has no session port: a web application adapts its own session type to
 * {@link WebSessionRecord} (app-web's {@code JdbcSessionStore} does). Rows are keyed by a hash of the cookie's id that
 * the application computes, never the id; the CSRF token is an AEAD ciphertext bound to {@code (table, column,
 * key_hash)}, so it cannot be read from the table, nor moved to another session. Every operation is one statement.
 *
 * <p>Errors are {@link StoreUnavailableException}s: retryable when the database may come back, not retryable when a
 * stored CSRF token cannot be decrypted (its key was removed from the key set, or the row was altered or moved).
 */
public final class JdbcWebSessions {
    static final String CSRF_TOKEN = "csrf_token_ct";

    private final Backend backend;

    JdbcWebSessions(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend == null");
    }

    /** The session stored under {@code keyHash}, if any (expired ones too: timeouts are the application's rules). */
    public Optional<WebSessionRecord> find(String keyHash) {
        WebSessionRecord.requireValidKeyHash(keyHash);
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + Dialect.WEB_SESSION_COLUMNS + " FROM "
                        + backend.table(Backend.WEB_SESSION) + " WHERE key_hash = ?")) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(decode(rs));
            }
        } catch (SQLException e) {
            throw StoreErrors.unavailable("reading a web session", e);
        }
    }

    /** Inserts the session, or replaces every field of the one stored under the same key hash (one statement). */
    public void save(WebSessionRecord session) {
        Objects.requireNonNull(session, "session == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        backend.dialect().upsertWebSession(backend.table(Backend.WEB_SESSION)))) {
            bindFields(ps, session);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreErrors.unavailable("saving a web session", e);
        }
    }

    /**
     * A login's new session id: the session stored under {@code oldKeyHash} becomes {@code session} (its new key
     * hash, CSRF token, account and times) in one statement, so the old id stops working in the same commit that
     * makes the new one work. When nothing is stored under {@code oldKeyHash} (the session timed out or was ended
     * meanwhile) {@code session} is saved as a new one. Returns whether an old session was replaced.
     */
    public boolean replace(String oldKeyHash, WebSessionRecord session) {
        WebSessionRecord.requireValidKeyHash(oldKeyHash);
        Objects.requireNonNull(session, "session == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + backend.table(Backend.WEB_SESSION)
                        + " SET key_hash = ?, csrf_token_ct = ?, account_key = ?, created_at = ?, last_seen_at = ?,"
                        + " key_id = ? WHERE key_hash = ?")) {
            bindFields(ps, session);
            ps.setString(7, oldKeyHash);
            if (ps.executeUpdate() > 0) {
                return true;
            }
        } catch (SQLException e) {
            throw StoreErrors.unavailable("replacing a web session", e);
        }
        save(session);
        return false;
    }

    /** Parameters 1 to 6: key hash, CSRF ciphertext (bound to the key hash), account, created, last seen, key id. */
    private void bindFields(PreparedStatement ps, WebSessionRecord session) throws SQLException {
        FieldCipher cipher = backend.cipher();
        ps.setString(1, session.keyHash());
        ps.setBytes(2, cipher.encrypt(Backend.WEB_SESSION, CSRF_TOKEN, session.keyHash(), session.csrfToken()));
        if (session.account().isPresent()) {
            ps.setString(3, session.account().get());
        } else {
            ps.setNull(3, Types.VARCHAR);
        }
        ps.setObject(4, JdbcTokenStore.utc(session.createdAt()));
        ps.setObject(5, JdbcTokenStore.utc(session.lastSeenAt()));
        ps.setLong(6, cipher.primaryKeyId());
    }

    /**
     * Moves the session's last-seen time forward to {@code lastSeenAt}, only if the session still exists and was last
     * seen earlier. Unlike {@link #save}, it never re-creates a session that another instance deleted meanwhile (a
     * logout there stays a logout). Returns whether a row was updated.
     */
    public boolean touch(String keyHash, Instant lastSeenAt) {
        WebSessionRecord.requireValidKeyHash(keyHash);
        Objects.requireNonNull(lastSeenAt, "lastSeenAt == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + backend.table(Backend.WEB_SESSION)
                        + " SET last_seen_at = ? WHERE key_hash = ? AND last_seen_at < ?")) {
            ps.setObject(1, JdbcTokenStore.utc(lastSeenAt));
            ps.setString(2, keyHash);
            ps.setObject(3, JdbcTokenStore.utc(lastSeenAt));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StoreErrors.unavailable("touching a web session", e);
        }
    }

    /**
     * Deletes the session; returns whether one was stored. Deleting an absent session is not an error. Durable when
     * it returns (a sign-out survives a killed process), unlike {@link #save}: a new session that a crash loses only
     * asks its user to connect again.
     */
    public boolean delete(String keyHash) {
        WebSessionRecord.requireValidKeyHash(keyHash);
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + backend.table(Backend.WEB_SESSION) + " WHERE key_hash = ?")) {
            ps.setString(1, keyHash);
            boolean deleted = ps.executeUpdate() > 0;
            backend.makeDurable(c);
            return deleted;
        } catch (SQLException e) {
            throw StoreErrors.unavailable("deleting a web session", e);
        }
    }

    /**
     * Deletes the sessions last seen before {@code idleBefore} or created before {@code createdBefore}, in one
     * statement; returns how many. Several instances may purge at once: each row is deleted once.
     */
    public int purgeExpired(Instant idleBefore, Instant createdBefore) {
        Objects.requireNonNull(idleBefore, "idleBefore == null");
        Objects.requireNonNull(createdBefore, "createdBefore == null");
        try (Connection c = backend.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + backend.table(Backend.WEB_SESSION)
                        + " WHERE last_seen_at < ? OR created_at < ?")) {
            ps.setObject(1, JdbcTokenStore.utc(idleBefore));
            ps.setObject(2, JdbcTokenStore.utc(createdBefore));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreErrors.unavailable("purging expired web sessions", e);
        }
    }

    private WebSessionRecord decode(ResultSet rs) throws SQLException {
        String keyHash = rs.getString("key_hash");
        String csrf;
        try {
            csrf = backend.cipher().decrypt(Backend.WEB_SESSION, CSRF_TOKEN, keyHash, rs.getBytes(CSRF_TOKEN));
        } catch (GeneralSecurityException e) {
            throw new StoreUnavailableException("a stored web session cannot be decrypted: its key is not in the key "
                    + "set, or the row was altered or moved", false, e);
        }
        try {
            return new WebSessionRecord(keyHash, csrf, Optional.ofNullable(rs.getString("account_key")),
                    JdbcTokenStore.instant(rs, "created_at").orElseThrow(),
                    JdbcTokenStore.instant(rs, "last_seen_at").orElseThrow());
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new StoreUnavailableException("a stored web session is not valid (" + e.getClass().getSimpleName()
                    + ")", false, null);
        }
    }

    @Override
    public String toString() {
        return "JdbcWebSessions{" + backend + "}";
    }
}
