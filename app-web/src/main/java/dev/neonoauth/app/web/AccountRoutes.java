package dev.neonoauth.app.web;

import dev.neonoauth.app.web.session.SessionManager;
import dev.neonoauth.app.web.tree.BranchTree;
import dev.neonoauth.app.web.view.AccountView;
import dev.neonoauth.app.web.view.MessageView;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.Scope;
import dev.neonoauth.core.port.in.AccessTokenProvider;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.Disconnect;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The account page (user, granted scopes, token expiry) and Disconnect (revoke at Neon, delete locally). */
@Singleton
final class AccountRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);
    private final NeonApi neon;
    private final AccessTokenProvider tokens;
    private final Disconnect disconnect;
    private final SessionManager sessions;
    private final Guard guard;
    private final Pages pages;

    @Inject
    AccountRoutes(NeonApi neon, AccessTokenProvider tokens, Disconnect disconnect, SessionManager sessions, Guard guard,
            Pages pages) {
        this.neon = neon;
        this.tokens = tokens;
        this.disconnect = disconnect;
        this.sessions = sessions;
        this.guard = guard;
        this.pages = pages;
    }

    void show(Context ctx) {
        AccountKey account = guard.account(ctx);
        AccessTokenResult token = tokens.currentToken(account);
        if (token instanceof AccessTokenResult.ReauthorizationRequired required) {
            throw new ReauthorizationRequiredException(required.message());
        }
        AccessTokenResult.Available available = (AccessTokenResult.Available) token;
        NeonUser user = neon.currentUser(account);
        pages.render(ctx, 200, "account.jte", "Account", new AccountView(user.id(), user.email(), user.name(),
                available.grantedScopes().asSet().stream().map(Scope::value).toList(),
                available.expiresAt().map(BranchTree::formatInstant), account.value()));
    }

    void disconnect(Context ctx) {
        AccountKey account = guard.account(ctx);
        DisconnectResult result = disconnect.disconnect(account);
        sessions.current(ctx).ifPresent(current -> sessions.invalidate(ctx, current));
        LOG.info("request {}: disconnected, revocation {}, deleted locally {}", RequestIds.of(ctx), result.revocation(),
                result.deletedLocally());
        String message = switch (result.revocation()) {
            case REVOKED -> "Neon revoked this app's access, and the tokens this app kept were deleted.";
            case NOT_CONNECTED -> "There was nothing to revoke: this app kept no tokens for you.";
            case NOT_SUPPORTED -> "The tokens this app kept were deleted. Neon offers no revocation here, so the"
                    + " access token stays valid until it expires; you can also revoke the app in the Neon console.";
            case FAILED -> "The tokens this app kept were deleted, but Neon did not confirm the revocation"
                    + result.detail().map(d -> " (" + d + ")").orElse("")
                    + ". Revoke the app in the Neon console to be sure.";
        };
        pages.render(ctx, 200, "message.jte", "Disconnected",
                new MessageView("Disconnected", message, Optional.empty(), Optional.empty()));
    }
}
