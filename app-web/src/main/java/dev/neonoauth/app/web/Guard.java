package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.Hashes;
import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.core.domain.AccountKey;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Access checks shared by the routes: the connected account, and the CSRF token of state-changing requests. */
@Singleton
final class Guard {
    private final SessionManager sessions;

    @Inject
    Guard(SessionManager sessions) {
        this.sessions = sessions;
    }

    /** The session's connected account; else "session expired" (a stale cookie) or back to the landing page. */
    AccountKey account(Context ctx) {
        Optional<SessionManager.Current> current = sessions.current(ctx);
        if (current.isPresent() && current.get().account().isPresent()) {
            return AccountKey.of(current.get().account().get());
        }
        if (sessions.presentedExpiredSession(ctx)) {
            throw new WebExceptions.SessionExpiredException();
        }
        throw new WebExceptions.NotConnectedException();
    }

    /** Every POST carries the session's CSRF token in the {@code csrf} field (synchronizer token pattern). */
    void checkCsrf(Context ctx) {
        Optional<SessionManager.Current> current = sessions.current(ctx);
        if (current.isEmpty()) {
            if (sessions.presentedExpiredSession(ctx)) {
                throw new WebExceptions.SessionExpiredException();
            }
            throw new WebExceptions.CsrfRejectedException();
        }
        String presented = ctx.isFormUrlencoded() || ctx.isMultipartFormData() ? ctx.formParam("csrf") : null;
        if (!Hashes.constantTimeEquals(current.get().csrfToken(), presented)) {
            throw new WebExceptions.CsrfRejectedException();
        }
    }
}
