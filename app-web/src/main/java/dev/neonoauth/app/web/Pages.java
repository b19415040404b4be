package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.view.ErrorView;
import dev.neonoauth.app.web.view.Frame;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the JTE templates (precompiled at build time, so the shaded jar needs no compiler). JTE's HTML content
 * type escapes every {@code ${...}} for its context, so user and API data always shows as text.
 */
@Singleton
final class Pages {
    private static final String RENDERED = Pages.class.getName() + ".rendered";
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SessionManager sessions;
    private final Flash flash;
    private final ConnectedUsers users;

    @Inject
    Pages(SessionManager sessions, Flash flash, ConnectedUsers users) {
        this.sessions = sessions;
        this.flash = flash;
        this.users = users;
    }

    /** Renders {@code template} with the page frame and one view object. */
    void render(Context ctx, int status, String template, String title, Object view) {
        render(ctx, status, template, title, view, 0);
    }

    void render(Context ctx, int status, String template, String title, Object view, int refreshSeconds) {
        SessionManager.Current session = sessions.getOrCreate(ctx);
        // error pages do not ask Neon who is connected: Neon may be the reason for the error
        Optional<String> user = status < 400 ? session.account().flatMap(users::email) : Optional.empty();
        Frame frame = new Frame(title, session.account().isPresent(), user, session.csrfToken(), refreshSeconds,
                flash.take(ctx));
        ctx.status(status).contentType("text/html; charset=utf-8").result(html(template, frame, view));
        ctx.attribute(RENDERED, Boolean.TRUE);
    }

    /** True when this request's response is one of the app's pages (not, say, Javalin's plain "not found"). */
    static boolean rendered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(RENDERED));
    }

    /**
     * An error page outside any request the app handles (Jetty's answer to a request it could not parse): the same
     * layout, with no session and so no forms.
     */
    String standaloneError(ErrorView error) {
        return html("error.jte", new Frame(error.title(), false, Optional.empty(), "", 0, Optional.empty()), error);
    }

    private String html(String template, Frame frame, Object view) {
        StringOutput out = new StringOutput();
        String paramName = template.equals("landing.jte") ? "expired" : template.equals("error.jte") ? "error" : "view";
        engine.render(template, Map.of("frame", frame, paramName, view), out);
        return out.toString();
    }
}
