package dev.neonoauth.app.web.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where browser sessions live. Every app-web instance that shares a store shares its sessions, so a store
 * backed by the shared database lets a session work on any instance behind a load balancer.
 */
public interface SessionStore {

    /** The session stored under {@code key} (the hash of the cookie's id), if any. */
    Optional<WebSession> find(String key);

    /** Inserts or replaces the session. */
    void save(WebSession session);

    /**
     * A login's new session id: the session stored under {@code oldKey} is removed and {@code session} (under its new
     * key) stored, as one change where the store can make it one; when nothing is stored under {@code oldKey},
     * {@code session} is simply saved.
     */
    void replace(String oldKey, WebSession session);

    /**
     * Records that the session was used at {@code lastSeenAt} (idle timeout), only if it is still stored and was last
     * seen earlier. Unlike {@link #save}, it never brings back a session that was deleted meanwhile, for example by a
     * logout on another instance.
     */
    void touch(String key, Instant lastSeenAt);

    /** Deletes the session; deleting an absent one is not an error. */
    void delete(String key);

    /** Deletes sessions last seen before {@code idleBefore} or created before {@code createdBefore}; returns how many. */
    int purgeExpired(Instant idleBefore, Instant createdBefore);
}
