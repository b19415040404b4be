package dev.neonoauth.adapter.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A server-side web session as {@link JdbcWebSessions} stores it. Public because web applications map their own
 * session type to it; this module knows nothing about the web layer.
 *
 * @param keyHash the row key: a hash of the session cookie's id computed by the application (app-web uses SHA-256 in
 *     base64url). Never the id itself: whoever reads the table must not be able to present a session cookie. At most
 *     128 characters of {@code [A-Za-z0-9_-]} or hex.
 * @param csrfToken the session's CSRF synchronizer token; a per-session secret, stored encrypted
 * @param account the application account key the session is signed in as, if any
 * @param createdAt when the session was created (absolute timeout)
 * @param lastSeenAt when the session was last used (idle timeout)
 */
public record WebSessionRecord(String keyHash, String csrfToken, Optional<String> account, Instant createdAt,
        Instant lastSeenAt) {
    static final int MAX_KEY_HASH_LENGTH = 128;
    static final int MAX_ACCOUNT_LENGTH = 200;

    public WebSessionRecord {
        requireValidKeyHash(keyHash);
        Objects.requireNonNull(csrfToken, "csrfToken == null");
        if (csrfToken.isEmpty()) {
            throw new IllegalArgumentException("csrfToken is empty");
        }
        Objects.requireNonNull(account, "account == null");
        account.ifPresent(a -> {
            if (a.isEmpty() || a.length() > MAX_ACCOUNT_LENGTH) {
                throw new IllegalArgumentException("account must have 1 to " + MAX_ACCOUNT_LENGTH + " characters");
            }
        });
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt == null");
    }

    /** The same session, last seen at {@code when}. */
    public WebSessionRecord seenAt(Instant when) {
        return new WebSessionRecord(keyHash, csrfToken, account, createdAt, when);
    }

    static String requireValidKeyHash(String keyHash) {
        Objects.requireNonNull(keyHash, "keyHash == null");
        if (keyHash.isEmpty() || keyHash.length() > MAX_KEY_HASH_LENGTH) {
            throw new IllegalArgumentException("keyHash must have 1 to " + MAX_KEY_HASH_LENGTH + " characters");
        }
        for (int i = 0; i < keyHash.length(); i++) {
            char c = keyHash.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("keyHash must be base64url or hex (a hash of the session id)");
            }
        }
        return keyHash;
    }

    /** Redacted: no CSRF token, and the key hash shortened (it names the row, but needs no spelling out in logs). */
    @Override
    public String toString() {
        return "WebSessionRecord{keyHash=" + keyHash.substring(0, Math.min(8, keyHash.length())) + "…, account="
                + account.orElse("none") + ", createdAt=" + createdAt + ", lastSeenAt=" + lastSeenAt + "}";
    }
}
