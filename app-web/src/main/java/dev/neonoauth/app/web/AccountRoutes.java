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
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApi;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.NeonUser;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account page (user, granted scopes, token expiry), Disconnect (revoke at Neon, delete locally, end the session)
 * and Sign out (end the session, delete locally, without asking Neon). Disconnect and Sign out never depend on Neon's
 * API or OAuth server being up: their forms are in every page's header, and the account page renders even when Neon
 * cannot say who the user is.
 */
@Singleton
final class AccountRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);
    /** How long Sign out waits for a refresh of the same account in flight before giving up on deleting its tokens. */
    private static final Duration SIGN_OUT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    private final NeonApi neon;
    private final AccessTokenProvider tokens;
    private final Disconnect disconnect;
    private final TokenStore store;
    private final SessionManager sessions;
    private final Guard guard;
    private final Pages pages;

    private final ConnectedUsers users;

    @Inject
    AccountRoutes(NeonApi neon, AccessTokenProvider tokens, Disconnect disconnect, TokenStore store,
            SessionManager sessions, Guard guard, Pages pages, ConnectedUsers users) {
        this.users = users;
        this.neon = neon;
        this.tokens = tokens;
        this.disconnect = disconnect;
        this.store = store;
        this.sessions = sessions;
        this.guard = guard;
        this.pages = pages;
    }

    void show(Context ctx) {
        AccountKey account = guard.account(ctx);
        AccessTokenResult token;
        try {
            token = tokens.currentToken(account);
        } catch (InfrastructureException e) {
            LOG.warn("request {}: the grant could not be checked ({})", RequestIds.of(ctx), e.getMessage());
            render(ctx, account, Optional.empty(), Optional.of("This app could not check your grant with Neon just now,"
                    + " so it cannot show your Neon profile or permissions. You can still disconnect or sign out."),
                    List.of(), Optional.empty());
            return;
        }
        if (token instanceof AccessTokenResult.ReauthorizationRequired required) {
            throw new ReauthorizationRequiredException(required.message());
        }
        AccessTokenResult.Available available = (AccessTokenResult.Available) token;
        Optional<AccountView.Profile> profile = Optional.empty();
        Optional<String> notice = Optional.empty();
        try {
            NeonUser user = neon.currentUser(account);
            profile = Optional.of(new AccountView.Profile(user.id(), user.email(), user.name()));
        } catch (NeonApiException e) {
            if (e.httpStatus() == 401) {
                throw e; // refused even after a refresh: the reconnect page (ErrorPages)
            }
            LOG.warn("request {}: the Neon profile could not be loaded (status={} neonRequestId={})", RequestIds.of(ctx),
                    e.httpStatus(), e.requestId().orElse("-"));
            notice = Optional.of(profileNotice(e.requestId()));
        } catch (InfrastructureException | MissingScopeException e) {
            LOG.warn("request {}: the Neon profile could not be loaded ({})", RequestIds.of(ctx),
                    e.getClass().getSimpleName());
            notice = Optional.of(profileNotice(Optional.empty()));
        }
        render(ctx, account, profile, notice,
                available.grantedScopes().asSet().stream().map(Scope::value).toList(),
                available.expiresAt().map(BranchTree::formatInstant));
    }

    private static String profileNotice(Optional<String> neonRequestId) {
        return "This app could not load your Neon profile: Neon's API did not answer as expected"
                + neonRequestId.map(id -> " (Neon request id " + id + ")").orElse("")
                + ". Your connection is unchanged; you can still disconnect or sign out.";
    }

    private void render(Context ctx, AccountKey account, Optional<AccountView.Profile> profile, Optional<String> notice,
            List<String> scopes, Optional<String> expiry) {
        pages.render(ctx, 200, "account.jte", "Account", new AccountView(profile, notice, scopes, expiry,
                account.value()));
    }

    /** Revokes at Neon when it can, deletes the tokens this app kept whatever Neon does, and ends the session. */
    void disconnect(Context ctx) {
        AccountKey account = guard.account(ctx);
        DisconnectResult result = disconnect.disconnect(account);
        users.forget(account.value());
        sessions.current(ctx).ifPresent(current -> sessions.invalidate(ctx, current));
        LOG.info("request {}: disconnected, revocation {}{}, deleted locally {}", RequestIds.of(ctx), result.revocation(),
                result.detail().map(d -> " (" + d + ")").orElse(""), result.deletedLocally());
        String message = switch (result.revocation()) {
            case REVOKED -> "Neon revoked this app's access, and the tokens this app kept were deleted.";
            case NOT_CONNECTED -> "There was nothing to revoke: this app kept no tokens for you.";
            case NOT_SUPPORTED -> "The tokens this app kept were deleted. Neon offers no revocation here, so the"
                    + " access token stays valid until it expires; you can also revoke the app in the Neon console.";
            case FAILED -> "The tokens this app kept were deleted, but the revocation at Neon could not be confirmed:"
                    + " Neon could not be reached or did not accept it. Revoke the app in the Neon console to be sure.";
        };
        pages.render(ctx, 200, "message.jte", "Disconnected",
                new MessageView("Disconnected", message, Optional.empty(), Optional.empty()));
    }

    /**
     * Ends the session without contacting Neon. The tokens this app kept for it are deleted too: a grant belongs to the
     * browser session that connected it, so nothing could use them again, and a stored refresh token that nobody can
     * use is only a risk. Neon's grant itself ends when its tokens expire (Disconnect revokes it at once).
     */
    void signOut(Context ctx) {
        AccountKey account = guard.account(ctx);
        boolean deleted = forgetLocally(ctx, account);
        users.forget(account.value());
        sessions.current(ctx).ifPresent(current -> sessions.invalidate(ctx, current));
        LOG.info("request {}: signed out, deleted locally {}", RequestIds.of(ctx), deleted);
        pages.render(ctx, 200, "message.jte", "Signed out", new MessageView("Signed out", deleted
                ? "You are signed out, and the tokens this app kept for you were deleted. Neon was not contacted: to"
                        + " end this app's access at Neon at once, revoke it in the Neon console (or use Disconnect"
                        + " next time)."
                : "You are signed out. The tokens this app kept for you could not be deleted just now; they are"
                        + " deleted when you disconnect, or revoke the app in the Neon console.",
                Optional.empty(), Optional.empty()));
    }

    /** Deletes the account's tokens under its refresh lock, so that no refresh in flight saves them again. */
    private boolean forgetLocally(Context ctx, AccountKey account) {
        try (TokenStore.RefreshLock lock = store.lock(account, SIGN_OUT_LOCK_TIMEOUT)) {
            lock.delete();
            return true;
        } catch (InfrastructureException e) {
            LOG.warn("request {}: the tokens could not be deleted at sign-out ({})", RequestIds.of(ctx), e.getMessage());
            return false;
        }
    }
}
