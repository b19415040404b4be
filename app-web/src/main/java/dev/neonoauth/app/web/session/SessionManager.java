package dev.neonoauth.app.web.session;

import dev.neonoauth.app.web.WebConfig;
import dev.neonoauth.core.port.out.SecureRandomSource;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Browser sessions: an opaque random id in an HttpOnly, SameSite=Lax cookie (Secure over https), state on the
 * server in a {@link SessionStore}, idle and absolute timeouts, and a new id at login.
 *
 * <p>A visitor who has not connected an account has an <em>anonymous</em> session: its id (prefixed {@code a.}) is in
 * the same cookie, but nothing is stored for it. Its CSRF token and its flow binding are SHA-256 hashes of the id under
 * their own labels, so every instance computes them alike and a landing page costs no database write; only a connected
 * session (made at login, under a new id) is stored. An anonymous session holds nothing worth stealing: it grants no
 * account, and a callback it started is still bound to it and checked against the one-time state.
 *
 * <p>SameSite=Lax, not Strict: the return from Neon's consent screen is a cross-site top-level navigation, and a
 * Strict cookie would not be sent with it, so the callback could not be bound to the session.
 */
public final class SessionManager {
    /** The cookie name over https: the {@code __Host-} prefix pins it to this host, path / and Secure. */
    public static final String SECURE_COOKIE = "__Host-neon_session";
    /** The cookie name over plain http (local development, the embedded sandbox). */
    public static final String PLAIN_COOKIE = "neon_session";

    /** The id prefix of an anonymous (not stored) session; a stored session's id is 43 base64url characters. */
    static final String ANONYMOUS_PREFIX = "a.";
    private static final String CURRENT = SessionManager.class.getName() + ".current";
    private static final String EXPIRED = SessionManager.class.getName() + ".expired";
    /** lastSeenAt is written at most this often, so that reading pages does not write on every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);

    private final SessionStore store;
    private final Clock clock;
    private final SecureRandomSource random;
    private final WebConfig config;

    public SessionManager(SessionStore store, Clock clock, SecureRandomSource random, WebConfig config) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.random = Objects.requireNonNull(random, "random == null");
        this.config = Objects.requireNonNull(config, "config == null");
    }

    /**
     * A live session and the raw id the browser holds (kept in memory for the request only).
     *
     * @param stored false for an anonymous session, which exists only in the browser's cookie
     */
    public record Current(String id, WebSession session, boolean stored) {
        public Current {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(session, "session == null");
        }

        /** The value that binds an authorization flow to this session: a hash of the id, never the id. */
        public String flowBinding() {
            return Hashes.sha256("neon-oauth-flow-binding:" + id);
        }

        public Optional<String> account() {
            return session.account();
        }

        public String csrfToken() {
            return session.csrfToken();
        }

        @Override
        public String toString() {
            return "Current{" + (stored ? session : "anonymous") + "}";
        }
    }

    /** The request's live session, if its cookie names one that has not timed out. */
    public Optional<Current> current(Context ctx) {
        Object cached = ctx.attribute(CURRENT);
        if (cached instanceof Current c) {
            return Optional.of(c);
        }
        if (Boolean.TRUE.equals(ctx.attribute(EXPIRED)) || ctx.attribute(CURRENT + ".none") != null) {
            return Optional.empty();
        }
        Optional<String> id = cookieValue(ctx);
        if (id.isEmpty()) {
            ctx.attribute(CURRENT + ".none", Boolean.TRUE);
            return Optional.empty();
        }
        if (id.get().startsWith(ANONYMOUS_PREFIX)) {
            Current anonymous = anonymous(id.get());
            ctx.attribute(CURRENT, anonymous);
            return Optional.of(anonymous);
        }
        String key = Hashes.sha256(id.get());
        Optional<WebSession> stored = store.find(key);
        Instant now = clock.instant();
        if (stored.isEmpty() || isExpired(stored.get(), now)) {
            stored.ifPresent(s -> store.delete(s.key()));
            ctx.attribute(EXPIRED, Boolean.TRUE);
            return Optional.empty();
        }
        WebSession session = stored.get();
        if (Duration.between(session.lastSeenAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
            session = session.seenAt(now);
            store.touch(session.key(), now);
        }
        Current current = new Current(id.get(), session, true);
        ctx.attribute(CURRENT, current);
        return Optional.of(current);
    }

    /**
     * True when the browser presented a session cookie that names no live session: it timed out, was ended, or was
     * never valid. Pages then say "your session expired" instead of silently starting over.
     */
    public boolean presentedExpiredSession(Context ctx) {
        current(ctx);
        return Boolean.TRUE.equals(ctx.attribute(EXPIRED));
    }

    /** The live session, or a new anonymous one (its cookie set on the response; nothing stored). */
    public Current getOrCreate(Context ctx) {
        return current(ctx).orElseGet(() -> {
            String id = ANONYMOUS_PREFIX + randomToken();
            setCookie(ctx, id);
            Current anonymous = anonymous(id);
            ctx.attribute(CURRENT, anonymous);
            ctx.attribute(EXPIRED, null);
            return anonymous;
        });
    }

    /**
     * Login: replaces the session with a new stored one under a new id and a new CSRF token (no session fixation),
     * now holding {@code account}.
     */
    public Current rotate(Context ctx, Optional<Current> old, String account) {
        return create(ctx, account, old.filter(Current::stored).map(c -> c.session().key()));
    }

    /** Logout: deletes the session and clears the cookie. */
    public void invalidate(Context ctx, Current current) {
        if (current.stored()) {
            store.delete(current.session().key());
        }
        ctx.attribute(CURRENT, null);
        ctx.attribute(CURRENT + ".none", Boolean.TRUE);
        boolean secure = secure(ctx);
        ctx.res().addHeader("Set-Cookie", cookieHeader(secure ? SECURE_COOKIE : PLAIN_COOKIE, "", secure, 0));
    }

    /** Deletes timed-out sessions; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return store.purgeExpired(now.minus(config.sessionIdle()), now.minus(config.sessionAbsolute()));
    }

    /** A new stored session under a new id, in place of the one stored under {@code replacing} when there is one. */
    private Current create(Context ctx, String account, Optional<String> replacing) {
        String id = randomToken();
        Instant now = clock.instant();
        WebSession session = new WebSession(Hashes.sha256(id), randomToken(), Optional.of(account), now, now);
        if (replacing.isPresent()) {
            store.replace(replacing.get(), session);
        } else {
            store.save(session);
        }
        setCookie(ctx, id);
        Current current = new Current(id, session, true);
        ctx.attribute(CURRENT, current);
        ctx.attribute(EXPIRED, null);
        return current;
    }

    /**
     * The anonymous session of {@code id}: no account, and a CSRF token derived from the id, so that it needs no
     * storage (the token proves the form came from a page this browser was shown: only it holds the id).
     */
    private Current anonymous(String id) {
        Instant now = clock.instant();
        String csrf = Hashes.sha256("neon-oauth-anonymous-csrf:" + id);
        return new Current(id, new WebSession(Hashes.sha256(id), csrf, Optional.empty(), now, now), false);
    }

    private void setCookie(Context ctx, String id) {
        boolean secure = secure(ctx);
        ctx.res().addHeader("Set-Cookie", cookieHeader(secure ? SECURE_COOKIE : PLAIN_COOKIE, id, secure, -1));
    }

    private boolean isExpired(WebSession session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(config.sessionIdle()))
                || !now.isBefore(session.createdAt().plus(config.sessionAbsolute()));
    }

    /** Secure when configured, else when the redirect URI is https, else when this request arrived over https. */
    public boolean secure(Context ctx) {
        if (config.cookieSecure().isPresent()) {
            return config.cookieSecure().get();
        }
        if (config.redirectUri().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false)) {
            return true;
        }
        return RequestScheme.isHttps(ctx, config.trustProxy());
    }

    private static Optional<String> cookieValue(Context ctx) {
        for (String name : new String[] {SECURE_COOKIE, PLAIN_COOKIE}) {
            String value = ctx.cookie(name);
            if (value != null && isWellFormedId(value)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static boolean isWellFormedId(String value) {
        int start = value.startsWith(ANONYMOUS_PREFIX) ? ANONYMOUS_PREFIX.length() : 0;
        if (value.length() - start != 43) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String cookieHeader(String name, String value, boolean secure, int maxAgeSeconds) {
        StringBuilder header = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        if (maxAgeSeconds >= 0) {
            header.append("; Max-Age=").append(maxAgeSeconds);
        }
        return header.toString();
    }
}
