package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.view.ErrorView;
import dev.neonoauth.app.web.view.ErrorView.Action;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ReturnTo;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.out.SecureRandomSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/oauth/start} and {@code GET /api/oauth/callback}: the authorization code flow with PKCE, the
 * state bound to the browser session (by a hash of its id), a return target accepted only as a same-origin relative
 * path, and a new session id once the account is connected.
 */
@Singleton
final class OAuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRoutes.class);
    /** Scopes a page may ask for through incremental authorization: those Neon documents. */
    static final ScopeSet GRANTABLE = NeonScopes.DEFAULT.union(ScopeSet.of(NeonScopes.PROJECTS_PERMISSION));

    private final AuthorizationFlow flow;
    private final SessionManager sessions;
    private final WebConfig config;
    private final SecureRandomSource random;
    private final ErrorPages errors;

    private final Flash flash;

    @Inject
    OAuthRoutes(AuthorizationFlow flow, SessionManager sessions, WebConfig config, SecureRandomSource random,
            ErrorPages errors, Flash flash) {
        this.flash = flash;
        this.flow = flow;
        this.sessions = sessions;
        this.config = config;
        this.random = random;
        this.errors = errors;
    }

    /** The "Connect Neon" form (CSRF-checked before this runs, so a third-party site cannot log a browser in). */
    void start(Context ctx) {
        SessionManager.Current session = sessions.getOrCreate(ctx);
        Optional<String> returnTo = Optional.ofNullable(ctx.formParam("returnTo")).filter(s -> !s.isEmpty());
        if (returnTo.isPresent() && ReturnTo.sanitize(returnTo.get()).isEmpty()) {
            throw new WebExceptions.BadInputException(
                    "The address to come back to is not a page of this app, so it was not accepted.");
        }
        boolean incremental = "true".equals(ctx.formParam("incremental"));
        ScopeSet scopes = config.scopes();
        if (incremental) {
            ScopeSet asked = ScopeSet.tryParse(Optional.ofNullable(ctx.formParam("scope")).orElse(""))
                    .filter(s -> !s.isEmpty())
                    .orElseThrow(() -> new WebExceptions.BadInputException("No permission was named."));
            if (!GRANTABLE.containsAll(asked)) {
                throw new WebExceptions.BadInputException("That permission cannot be asked for.");
            }
            scopes = session.account().isPresent() ? asked : config.scopes().union(asked);
        }
        AccountKey account = session.account().map(AccountKey::of).orElseGet(this::newAccountKey);
        BeginAuthorization command = BeginAuthorization.of(account, scopes, callbackUri(ctx))
                .withSessionBinding(session.flowBinding());
        if (returnTo.isPresent()) {
            command = command.withReturnTo(returnTo.get());
        }
        if (incremental && session.account().isPresent()) {
            command = command.includingGrantedScopes();
        }
        AuthorizationRedirect redirect = flow.begin(command);
        LOG.info("request {}: authorization started, scopes [{}]", RequestIds.of(ctx), redirect.requestedScopes().render());
        ctx.redirect(redirect.authorizationUri().toString(), HttpStatus.SEE_OTHER);
    }

    /** Where Neon sends the browser back, with {@code code} and {@code state} (or {@code error}). */
    void callback(Context ctx) {
        Optional<SessionManager.Current> session = sessions.current(ctx);
        AuthorizationCallback callback = AuthorizationCallback.fromQuery(ctx.queryString());
        if (session.isPresent()) {
            callback = callback.withSessionBinding(session.get().flowBinding());
        }
        CallbackResult result = flow.complete(callback);
        String rid = RequestIds.of(ctx);
        if (result instanceof CallbackResult.Authorized authorized) {
            sessions.rotate(ctx, session, authorized.account().value());
            LOG.info("request {}: account connected, granted [{}]", rid, authorized.grantedScopes().render());
            flash.set(ctx, "connected");
            ctx.redirect(authorized.returnTo().flatMap(ReturnTo::sanitize).orElse("/projects"), HttpStatus.SEE_OTHER);
        } else if (result instanceof CallbackResult.Denied denied) {
            LOG.info("request {}: authorization denied ({})", rid, denied.error().code().value());
            errors.show(ctx, ErrorView.of(403, "You did not connect your Neon account",
                    "Neon says the request was not approved, so this app cannot see your projects. You can try again"
                            + " whenever you like.", rid, Action.CONNECT)
                    .withNeon(Optional.empty(), Optional.of(denied.error().code().value())));
        } else if (result instanceof CallbackResult.Rejected rejected) {
            LOG.info("request {}: callback rejected ({})", rid, rejected.reason());
            errors.show(ctx, ErrorView.of(400, "This sign-in link cannot be used",
                    "The return from Neon was not accepted: " + rejected.reason().message() + ". Start again.",
                    rid, Action.CONNECT));
        } else if (result instanceof CallbackResult.ExchangeRefused refused) {
            LOG.info("request {}: code exchange refused ({})", rid, refused.error().code().value());
            errors.show(ctx, ErrorView.of(400, "Neon refused the sign-in",
                    "Neon did not accept the authorization (it may have expired or been used already). Start again.",
                    rid, Action.CONNECT)
                    .withNeon(Optional.empty(), Optional.of(refused.error().code().value())));
        }
    }

    /**
     * The configured redirect URI; in embedded mode {@code http://127.0.0.1:<port>/api/oauth/callback} on the port the
     * server listens on (the sandbox lets a loopback IP literal use any port, RFC 8252 section 7.3). The socket's
     * port, not the Host header's: the same origin {@link CanonicalOrigin} sends every request to.
     */
    private URI callbackUri(Context ctx) {
        return config.callbackUri(ctx.req().getLocalPort());
    }

    private AccountKey newAccountKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return AccountKey.of("web-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
