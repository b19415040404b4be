package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.view.FlashMessage;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * One-time messages after an action ("Project created."), carried to the next page in a short-lived cookie set
 * through Javalin's cookie API: HttpOnly, SameSite=Lax, a minute long, cleared by the page that shows it. The cookie
 * holds only the key of one of the fixed messages below, never text, so a cookie set by anyone else can at most
 * show one of these sentences. Sessions and their storage are untouched.
 */
@Singleton
final class Flash {
    static final String COOKIE = "neon_flash";
    static final String SECURE_COOKIE = "__Host-neon_flash";
    private static final String SHOWN = Flash.class.getName() + ".shown";
    static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("connected", "Your Neon account is connected."),
            Map.entry("project-created", "The project was created. Its connection string is below."),
            Map.entry("project-recovered", "The project was recovered."),
            Map.entry("project-renamed", "The project was renamed."),
            Map.entry("branch-created", "The branch was created. Its connection string is below."),
            Map.entry("branch-deleted", "The branch was deleted."),
            Map.entry("endpoint-created", "The branch has a compute endpoint now. Its connection string is below."),
            Map.entry("not-connected", "Connect your Neon account to see your projects."));

    private final SessionManager sessions;

    @Inject
    Flash(SessionManager sessions) {
        this.sessions = sessions;
    }

    /** Messages that are information rather than the success of an action. */
    private static final java.util.Set<String> INFORMATION = java.util.Set.of("not-connected");

    static boolean isKnown(String key) {
        return key != null && MESSAGES.containsKey(key);
    }

    /** Shows the message of {@code key} on the next page this browser renders. */
    void set(Context ctx, String key) {
        if (!isKnown(key)) {
            throw new IllegalArgumentException("unknown flash message " + key);
        }
        ctx.cookie(cookie(ctx, key, 60));
    }

    /** The message waiting for this request, if any; the cookie is cleared so that it shows once. */
    Optional<FlashMessage> take(Context ctx) {
        Object shown = ctx.attribute(SHOWN);
        if (shown instanceof FlashMessage m) {
            return Optional.of(m);
        }
        String key = Optional.ofNullable(ctx.cookie(SECURE_COOKIE)).orElseGet(() -> ctx.cookie(COOKIE));
        if (key == null) {
            return Optional.empty();
        }
        ctx.cookie(cookie(ctx, "", 0));
        Optional<FlashMessage> message = Optional.ofNullable(MESSAGES.get(key))
                .map(text -> new FlashMessage(text, !INFORMATION.contains(key)));
        message.ifPresent(m -> ctx.attribute(SHOWN, m));
        return message;
    }

    private Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        boolean secure = sessions.secure(ctx);
        return new Cookie(secure ? SECURE_COOKIE : COOKIE, value, "/", maxAgeSeconds, secure, true, null, SameSite.LAX);
    }
}
