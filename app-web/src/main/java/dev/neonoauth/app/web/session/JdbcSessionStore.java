package dev.neonoauth.app.web.session;

import dev.neonoauth.adapter.jdbc.JdbcWebSessions;
import dev.neonoauth.adapter.jdbc.WebSessionRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions in the shared database, through storage-jdbc's {@link JdbcWebSessions} (table
 * {@code neon_oauth_web_session}): they survive a restart, and every app-web instance on the database sees the same
 * sessions, so no sticky sessions are needed behind a load balancer. The row key is {@link WebSession#key()}, the
 * SHA-256 of the cookie's id; the CSRF token is encrypted at rest by storage-jdbc. Database errors surface as the
 * core's {@code StoreUnavailableException}, which the error pages answer with 503 "A service is unavailable".
 */
public final class JdbcSessionStore implements SessionStore {
    private final JdbcWebSessions sessions;

    public JdbcSessionStore(JdbcWebSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions == null");
    }

    @Override
    public Optional<WebSession> find(String key) {
        return sessions.find(key).map(JdbcSessionStore::toSession);
    }

    @Override
    public void save(WebSession session) {
        Objects.requireNonNull(session, "session == null");
        sessions.save(toRecord(session));
    }

    /** One UPDATE of the row's key and fields (storage-jdbc's {@link JdbcWebSessions#replace}). */
    @Override
    public void replace(String oldKey, WebSession session) {
        Objects.requireNonNull(session, "session == null");
        sessions.replace(oldKey, toRecord(session));
    }

    private static WebSessionRecord toRecord(WebSession session) {
        return new WebSessionRecord(session.key(), session.csrfToken(), session.account(), session.createdAt(),
                session.lastSeenAt());
    }

    @Override
    public void touch(String key, Instant lastSeenAt) {
        sessions.touch(key, lastSeenAt);
    }

    @Override
    public void delete(String key) {
        sessions.delete(key);
    }

    @Override
    public int purgeExpired(Instant idleBefore, Instant createdBefore) {
        return sessions.purgeExpired(idleBefore, createdBefore);
    }

    private static WebSession toSession(WebSessionRecord r) {
        return new WebSession(r.keyHash(), r.csrfToken(), r.account(), r.createdAt(), r.lastSeenAt());
    }

    @Override
    public String toString() {
        return "JdbcSessionStore{" + sessions + "}";
    }
}
