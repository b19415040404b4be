package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.RequestScheme;
import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: routes, security headers on every response (Jetty's own error pages included), requests for
 * another host sent to the {@link CanonicalOrigin} before a session exists, CSRF on every POST, an access log without
 * secrets, a health endpoint, and a graceful stop that lets in-flight requests finish.
 */
@Singleton
public final class WebApp {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.neonoauth.app.web.access");
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    private final WebConfig config;
    private final SessionManager sessions;
    private final Guard guard;
    private final Pages pages;
    private final ErrorPages errors;
    private final OAuthRoutes oauth;
    private final ProjectRoutes projects;
    private final AccountRoutes account;
    private final SecurityHeaders headers;
    private final AtomicBoolean redirectLogged = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "neon-oauth-web-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private Javalin javalin;
    private volatile CanonicalOrigin canonical;

    @Inject
    WebApp(WebConfig config, SessionManager sessions, Guard guard, Pages pages, ErrorPages errors, OAuthRoutes oauth,
            ProjectRoutes projects, AccountRoutes account, AuthorizationServerSource server) {
        this.config = config;
        this.sessions = sessions;
        this.guard = guard;
        this.pages = pages;
        this.errors = errors;
        this.oauth = oauth;
        this.projects = projects;
        this.account = account;
        this.headers = new SecurityHeaders(server);
    }

    /** Starts serving; returns the bound port. */
    public synchronized int start() {
        javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorPages(headers, pages, config.trustProxy())));
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
            });
            c.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {}ms rid={}", ctx.method(), ctx.path(),
                    ctx.statusCode(), Math.round(ms), RequestIds.of(ctx)));
            var r = c.routes;
            r.before(this::beforeEach);
            r.after(ctx -> inFlight.decrementAndGet());
            r.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            r.get("/", this::landing);
            r.get("/api/oauth/start", ctx -> ctx.redirect("/", HttpStatus.SEE_OTHER));
            r.post("/api/oauth/start", oauth::start);
            r.get(WebConfig.CALLBACK_PATH, oauth::callback);
            r.get("/projects", projects::list);
            r.post("/projects", projects::create);
            r.post("/projects/recover", projects::recover);
            r.get("/projects/{id}", projects::show);
            r.post("/projects/{id}/connection", projects::revealConnection);
            r.get("/projects/{id}/progress", projects::progress);
            r.post("/projects/{id}/rename", projects::rename);
            r.get("/projects/{id}/delete", projects::confirmDelete);
            r.post("/projects/{id}/delete", projects::delete);
            r.post("/projects/{id}/recover", projects::recover);
            r.post("/projects/{id}/branches", projects::createBranch);
            r.post("/projects/{id}/branches/{branch}/endpoint", projects::createEndpoint);
            r.get("/projects/{id}/branches/{branch}/delete", projects::confirmDeleteBranch);
            r.post("/projects/{id}/branches/{branch}/delete", projects::deleteBranch);
            r.get("/about", ctx -> pages.render(ctx, 200, "about.jte", "About",
                    config.scopes().asSet().stream().map(s -> s.value()).toList()));
            r.get("/account", account::show);
            r.post("/account/disconnect", account::disconnect);
            r.post("/account/sign-out", account::signOut);
            errors.register(r);
            r.error(404, ctx -> {
                if (!Pages.rendered(ctx)) { // an unknown route or static file: Javalin's plain-text answer
                    errors.notFound(ctx);
                }
            });
        });
        javalin.start();
        canonical = CanonicalOrigin.of(config.callbackUri(javalin.port()));
        housekeeping.scheduleWithFixedDelay(this::purge, 1, 5, TimeUnit.MINUTES);
        LOG.info("app-web listening on {}:{} ({})", config.host(), javalin.port(), config);
        return javalin.port();
    }

    private void beforeEach(Context ctx) {
        inFlight.incrementAndGet();
        RequestIds.assign(ctx);
        headers.apply(ctx, RequestScheme.isHttps(ctx, config.trustProxy()));
        if (draining.get()) {
            ctx.header("Connection", "close");
            ctx.status(503).result("shutting down");
            ctx.skipRemainingHandlers();
            return;
        }
        if (redirectedToCanonicalOrigin(ctx)) {
            return; // redirect() drops the route's handlers; the after-handler still runs (unlike skipRemainingHandlers)
        }
        if (ctx.method() == HandlerType.POST) {
            guard.checkCsrf(ctx);
        }
    }

    /** Sends a request for another host to the canonical origin (see {@link CanonicalOrigin}); not health checks. */
    private boolean redirectedToCanonicalOrigin(Context ctx) {
        CanonicalOrigin origin = canonical;
        if (origin == null || ctx.path().equals("/health")) {
            return false;
        }
        String forwardedHost = config.trustProxy() ? firstValue(ctx.header("X-Forwarded-Host")) : null;
        String query = ctx.queryString();
        Optional<String> location = origin.redirectFor(forwardedHost != null ? forwardedHost : ctx.header("Host"),
                ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
        if (location.isEmpty()) {
            return false;
        }
        if (redirectLogged.compareAndSet(false, true)) {
            LOG.info("requests for other hosts are redirected to {}; behind a reverse proxy, forward the original Host"
                    + " header (or X-Forwarded-Host with TRUST_PROXY=true)", origin);
        }
        ctx.redirect(location.get(), HttpStatus.forStatus(CanonicalOrigin.statusFor(ctx.method().name())));
        return true;
    }

    private static String firstValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",", 2)[0].trim();
    }

    private void landing(Context ctx) {
        boolean expired = sessions.presentedExpiredSession(ctx);
        pages.render(ctx, 200, "landing.jte", "Welcome", expired);
    }

    private void purge() {
        try {
            int purged = sessions.purgeExpired();
            if (purged > 0) {
                LOG.debug("purged {} expired sessions", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("session purge failed: {}", e.getMessage());
        }
    }

    public synchronized int port() {
        if (javalin == null) {
            throw new IllegalStateException("not started");
        }
        return javalin.port();
    }

    /** Requests currently being handled. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Graceful stop: new requests get 503, requests in flight may finish within {@code grace}, then the server
     * stops.
     */
    public synchronized void stop(Duration grace) {
        if (javalin == null) {
            return;
        }
        draining.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("stopping with {} requests still in flight after {}", inFlight.get(), grace);
        }
        housekeeping.shutdownNow();
        javalin.stop();
        javalin = null;
        LOG.info("app-web stopped");
    }
}
