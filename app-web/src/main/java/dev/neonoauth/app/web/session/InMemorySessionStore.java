package dev.neonoauth.app.web.session;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Sessions in this process only: for tests and for a single instance with no shared database. */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentMap<String, WebSession> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<WebSession> find(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void save(WebSession session) {
        sessions.put(session.key(), session);
    }

    @Override
    public void replace(String oldKey, WebSession session) {
        sessions.remove(oldKey);
        sessions.put(session.key(), session);
    }

    @Override
    public void touch(String key, Instant lastSeenAt) {
        sessions.computeIfPresent(key, (k, s) -> s.lastSeenAt().isBefore(lastSeenAt) ? s.seenAt(lastSeenAt) : s);
    }

    @Override
    public void delete(String key) {
        sessions.remove(key);
    }

    @Override
    public int purgeExpired(Instant idleBefore, Instant createdBefore) {
        int[] removed = {0};
        sessions.values().removeIf(s -> {
            boolean expired = s.lastSeenAt().isBefore(idleBefore) || s.createdAt().isBefore(createdBefore);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }

    /** How many sessions are stored (tests). */
    public int size() {
        return sessions.size();
    }
}
