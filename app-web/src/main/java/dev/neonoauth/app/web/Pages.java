package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.view.Frame;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Renders the JTE templates (precompiled at build time, so the shaded jar needs no compiler). JTE's HTML content
 * type escapes every {@code ${...}} for its context, so user and API data always shows as text.
 */
@Singleton
final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SessionManager sessions;

    @Inject
    Pages(SessionManager sessions) {
        this.sessions = sessions;
    }

    /** Renders {@code template} with the page frame and one view object. */
    void render(Context ctx, int status, String template, String title, Object view) {
        render(ctx, status, template, title, view, 0);
    }

    void render(Context ctx, int status, String template, String title, Object view, int refreshSeconds) {
        SessionManager.Current session = sessions.getOrCreate(ctx);
        Frame frame = new Frame(title, session.account().isPresent(), session.csrfToken(), refreshSeconds);
        StringOutput out = new StringOutput();
        String paramName = template.equals("landing.jte") ? "expired" : template.equals("error.jte") ? "error" : "view";
        engine.render(template, Map.of("frame", frame, paramName, view), out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }
}
