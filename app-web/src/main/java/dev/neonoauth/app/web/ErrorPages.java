package dev.neonoauth.app.web;

import dev.neonoauth.app.web.view.ErrorView;
import dev.neonoauth.app.web.view.ErrorView.Action;
import dev.neonoauth.core.domain.ReturnTo;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.OperationTimeoutException;
import dev.neonoauth.neon.api.OrganizationRequiredException;
import dev.neonoauth.neon.api.OutcomeUnknownException;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a page a person can act on: consent denied, a missing permission (with a button that asks
 * for it through incremental authorization), an expired session, a Neon API error with its request id. Pages and
 * logs name error codes and request ids, never a token, code or secret.
 */
@Singleton
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    private final Pages pages;
    private final Flash flash;

    @Inject
    ErrorPages(Pages pages, Flash flash) {
        this.pages = pages;
        this.flash = flash;
    }

    void register(RoutesConfig routes) {
        routes.exception(WebExceptions.NotConnectedException.class, (e, ctx) -> {
            flash.set(ctx, "not-connected"); // the landing page says why it is shown instead
            ctx.redirect("/", HttpStatus.FOUND);
        });
        routes.exception(WebExceptions.SessionExpiredException.class, (e, ctx) -> show(ctx, ErrorView.of(401,
                "Your session expired", "You were away for a while, so this app signed you out. Connect again to continue.",
                RequestIds.of(ctx), Action.CONNECT).returningTo(returnPath(ctx))));
        routes.exception(WebExceptions.CsrfRejectedException.class, (e, ctx) -> show(ctx, ErrorView.of(403,
                "This form has expired", "The form was not sent from this app's current page, so nothing was changed."
                        + " Go back, reload the page and try again.", RequestIds.of(ctx), Action.HOME)));
        routes.exception(WebExceptions.NotFoundException.class, (e, ctx) -> notFound(ctx));
        routes.exception(WebExceptions.BadInputException.class, (e, ctx) -> show(ctx, ErrorView.of(400,
                "That did not work", e.getMessage(), RequestIds.of(ctx), Action.BACK_TO_PROJECTS)
                .returningTo(backPath(ctx))));
        routes.exception(MissingScopeException.class, (e, ctx) -> show(ctx, ErrorView.of(403,
                "This needs another permission",
                "You did not give this app the permission this action needs. Neon can ask you for it now; the"
                        + " permissions you already gave are kept.", RequestIds.of(ctx), Action.HOME)
                .askingFor(e.missingScope().value(), backPath(ctx))));
        routes.exception(ReauthorizationRequiredException.class, (e, ctx) -> reconnect(ctx));
        routes.exception(OrganizationRequiredException.class, (e, ctx) -> show(ctx, ErrorView.of(400,
                "Choose an organization", "Your Neon account belongs to organizations: choose one above the list"
                        + " of projects, then create the project there.", RequestIds.of(ctx), Action.BACK_TO_PROJECTS)
                .withNeon(e.requestId(), e.code())));
        routes.exception(NeonApiException.class, (e, ctx) -> neonError(ctx, e));
        routes.exception(OutcomeUnknownException.class, (e, ctx) -> show(ctx, ErrorView.of(504,
                "Neon did not answer in time", "Neon may or may not have made the change. Look at the list of projects"
                        + " before trying again.", RequestIds.of(ctx), Action.BACK_TO_PROJECTS)
                .withNeon(Optional.ofNullable(e.requestId()), Optional.empty())));
        routes.exception(OperationTimeoutException.class, (e, ctx) -> show(ctx, ErrorView.of(504,
                "Neon is still working", "The change was accepted but has not finished yet. Reload in a moment.",
                RequestIds.of(ctx), Action.BACK_TO_PROJECTS)));
        routes.exception(DiscoveryException.class, (e, ctx) -> {
            LOG.warn("request {}: the authorization server could not be resolved ({}, retryable={})", RequestIds.of(ctx),
                    e.getMessage(), e.isRetryable());
            show(ctx, ErrorView.of(503, "Neon's sign-in service is unavailable", e.isRetryable()
                    ? "This app could not reach Neon's sign-in service. Try again in a moment."
                    : "Neon's sign-in service did not answer as this app expects, so it cannot connect accounts now."
                            + " Whoever runs this app should check its Neon OAuth settings (NEON_OAUTH_HOST).",
                    RequestIds.of(ctx), Action.HOME));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> show(ctx, ErrorView.of(e.getStatus(),
                e.getStatus() == 404 ? "Not found" : "That did not work",
                e.getStatus() == 404 ? "There is nothing at this address."
                        : "This app could not handle the request. Go back and try again.",
                RequestIds.of(ctx), Action.HOME)));
        routes.exception(InfrastructureException.class, (e, ctx) -> {
            LOG.warn("request {} failed: {} ({})", RequestIds.of(ctx), e.getClass().getSimpleName(), e.getMessage());
            show(ctx, ErrorView.of(503, "A service is unavailable",
                    "This app could not reach Neon or its database. Try again in a moment.", RequestIds.of(ctx),
                    Action.HOME));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} failed with {}", RequestIds.of(ctx), e.getClass().getName(), e);
            show(ctx, ErrorView.of(500, "Something went wrong",
                    "An unexpected error happened. If it persists, report the request id below.", RequestIds.of(ctx),
                    Action.HOME));
        });
    }

    /**
     * The grant is gone or no longer accepted: the token provider says so, or Neon answered 401 even after the adapter's
     * one refresh and retry. Connecting again is the only fix, so the page offers it (and, as every page of a
     * connected session, Disconnect and Sign out in its header).
     */
    void reconnect(Context ctx) {
        show(ctx, ErrorView.of(401, "Reconnect your Neon account", "This app can no longer act on your Neon account:"
                + " the access was revoked, expired or never given. Connect again to continue.", RequestIds.of(ctx),
                Action.CONNECT).returningTo(returnPath(ctx)));
    }

    void notFound(Context ctx) {
        show(ctx, ErrorView.of(404, "Not found", "There is nothing at this address.", RequestIds.of(ctx), Action.HOME));
    }

    private void neonError(Context ctx, NeonApiException e) {
        if (e.httpStatus() == 401) {
            LOG.info("request {}: Neon refused the access token even after a refresh (neonRequestId={})",
                    RequestIds.of(ctx), e.requestId().orElse("-"));
            reconnect(ctx);
            return;
        }
        int status = switch (e.httpStatus()) {
            case 404 -> 404;
            case 403 -> 403;
            case 409, 423 -> 409;
            case 429 -> 429;
            case 400, 422 -> 400;
            default -> 502;
        };
        String message = switch (status) {
            case 404 -> "Neon does not know this project or branch, or it was deleted.";
            case 403 -> "Neon refused: your account may not be allowed to do this.";
            case 409 -> "Neon is busy with another change to this project. Try again in a moment.";
            case 429 -> "Too many requests to Neon. Wait a moment and try again.";
            case 400 -> "Neon did not accept the request. The error code below says why; change the input and try"
                    + " again.";
            default -> "Neon answered with an error. If it persists, give Neon's support the request id below.";
        };
        LOG.warn("request {}: Neon API error status={} code={} neonRequestId={}", RequestIds.of(ctx), e.httpStatus(),
                e.code().orElse("-"), e.requestId().orElse("-"));
        show(ctx, ErrorView.of(status, "Neon API error", message, RequestIds.of(ctx), Action.BACK_TO_PROJECTS)
                .withNeon(e.requestId(), e.code()).returningTo(backPath(ctx)));
    }

    void show(Context ctx, ErrorView view) {
        ctx.header("Cache-Control", "no-store"); // also under /static/, whose files may be cached
        pages.render(ctx, view.status(), "error.jte", view.title(), view);
    }

    /** Where to come back after reconnecting: this page for a GET, the projects page after a POST. */
    private static String returnPath(Context ctx) {
        if (ctx.method() == HandlerType.GET) {
            return ReturnTo.sanitize(ctx.path()).orElse("/projects");
        }
        return "/projects";
    }

    /** A safe link back: this page for a GET, else the project's page or the list. */
    private static String backPath(Context ctx) {
        if (ctx.method() == HandlerType.GET) {
            return ReturnTo.sanitize(ctx.path()).orElse("/projects");
        }
        String path = ctx.path();
        String[] parts = path.split("/");
        if (parts.length >= 3 && parts[1].equals("projects") && Ids.isNeonId(parts[2])) {
            return "/projects/" + parts[2];
        }
        return "/projects";
    }
}
