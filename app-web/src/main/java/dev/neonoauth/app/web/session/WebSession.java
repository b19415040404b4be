package dev.neonoauth.app.web.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A server-side browser session as stored. The browser holds only an opaque random id; the store is keyed by the
 * SHA-256 of that id ({@link #key()}), so a copy of the store does not let anyone take over a session.
 *
 * @param key SHA-256 (base64url) of the session id in the cookie
 * @param csrfToken the synchronizer token every state-changing form carries
 * @param account the application user id ({@code AccountKey} value) once the session connected a Neon account
 * @param createdAt when the session was created (absolute timeout)
 * @param lastSeenAt when the session was last used (idle timeout)
 */
public record WebSession(String key, String csrfToken, Optional<String> account, Instant createdAt, Instant lastSeenAt) {
    public WebSession {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(csrfToken, "csrfToken == null");
        Objects.requireNonNull(account, "account == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt == null");
    }

    public WebSession seenAt(Instant now) {
        return new WebSession(key, csrfToken, account, createdAt, now);
    }

    @Override
    public String toString() {
        return "WebSession{account=" + account.orElse("none") + ", createdAt=" + createdAt + ", lastSeenAt=" + lastSeenAt + "}";
    }
}
