package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.in.DisconnectResult;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.NeonUser;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code logout}, {@code status} and {@code token}: the profile's grant. */
final class AccountCommands {
    private AccountCommands() {}

    /** A usable access token for the profile, refreshed if needed; exit code 3 when there is none. */
    static AccessTokenResult.Available requireToken(CliContext ctx) {
        CliSettings settings = ctx.settings();
        AccessTokenResult result = ctx.services().accessTokens().currentToken(settings.account());
        if (result instanceof AccessTokenResult.ReauthorizationRequired required) {
            throw new CliException(ExitCode.LOGIN_REQUIRED, notLoggedIn(settings, required));
        }
        return (AccessTokenResult.Available) result;
    }

    static String notLoggedIn(CliSettings settings, AccessTokenResult.ReauthorizationRequired required) {
        String why = required.reason() == AccessTokenResult.Reason.NOT_CONNECTED
                ? "not logged in (profile " + settings.profile() + ")"
                : "the login of profile " + settings.profile() + " is no longer valid: " + required.message();
        return why + ". Run: " + settings.loginCommand();
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, description = {
            "Revoke the profile's grant at Neon, then delete the stored tokens.",
            "The stored tokens are deleted whatever the server says, also when it cannot be reached, answers with an "
                    + "error or refuses; the report says whether Neon confirmed the revocation."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                    "0:Logged out: Neon revoked the grant (or there was nothing to revoke, or the server has no "
                            + "revocation endpoint) and the stored tokens are deleted.",
                    "1:Neon did not confirm the revocation (server unreachable, an error answer, or refused), but the "
                            + "stored tokens are deleted: the report on standard output says so (with -o json, "
                            + "\"deleted_locally\": true); the grant may stay valid until it expires, revoke it in the "
                            + "Neon console. Also any other failure (e.g. the token storage), reported as 'Error: ...' "
                            + "on standard error: then nothing was deleted.",
                    "2:Usage error."})
    static final class Logout implements Callable<Integer> {
        private final CliContext ctx;

        Logout(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CliSettings settings = ctx.settings();
            // services(), not onlineServices(): deleting the stored tokens needs no server
            DisconnectResult result = ctx.services().disconnect().disconnect(settings.account());
            if (result.deletedLocally() || result.revocation() == DisconnectResult.Revocation.NOT_CONNECTED) {
                ProfilesCommand.forget(ctx, settings.account());
            }
            Optional<String> detail = result.detail().map(FailureText::scrub);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("profile", settings.profile());
            report.put("revocation", result.revocation().name().toLowerCase(java.util.Locale.ROOT));
            report.put("deleted_locally", result.deletedLocally());
            report.put("detail", detail);
            String text = switch (result.revocation()) {
                case NOT_CONNECTED -> "Not logged in (profile " + settings.profile() + "): nothing to revoke or delete.";
                case REVOKED -> "Logged out (profile " + settings.profile() + "): Neon revoked the grant and the stored "
                        + "tokens were deleted.";
                case NOT_SUPPORTED -> "Stored tokens deleted (profile " + settings.profile() + "), but the server has no "
                        + "revocation endpoint: the tokens stay valid at Neon until they expire.";
                case FAILED -> "Stored tokens deleted (profile " + settings.profile() + "), but Neon did not confirm "
                        + "the revocation (" + detail.orElse("no detail") + "): the grant may stay valid "
                        + "until it expires; revoke it in the Neon console." + sandboxHint(settings);
            };
            ctx.output().message(text, report);
            return result.revocation() == DisconnectResult.Revocation.FAILED ? ExitCode.ERROR : ExitCode.SUCCESS;
        }

        private static String sandboxHint(CliSettings settings) {
            return settings.sandboxProfile() ? " (Is the sandbox running? Start it with: neon-oauth sandbox)" : "";
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {
            "Show the profile's login: user, granted scopes, token expiry, servers.",
            "Needs no server: when the token has expired and the server cannot be reached to refresh it, the stored "
                    + "login is shown with a warning."})
    static final class Status implements Callable<Integer> {
        private final CliContext ctx;

        Status(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CliSettings settings = ctx.settings();
            AccessTokenResult.Available token;
            String userError = null;
            try {
                token = requireToken(ctx);
            } catch (InfrastructureException e) {
                // the token needed a refresh and the server could not be asked: show what is stored
                TokenSet stored = ctx.services().storedGrant(settings.account()).orElseThrow(() -> e);
                token = new AccessTokenResult.Available(stored.accessToken(), stored.expiresAt(), stored.grantedScopes());
                userError = "the access token has expired and could not be refreshed";
                ctx.say("Warning: " + userError + ": " + ErrorReporter.describe(e, ctx));
            }
            Optional<NeonUser> user = Optional.empty();
            if (userError == null) {
                try {
                    user = Optional.of(ctx.services().neonApi().currentUser(settings.account()));
                } catch (NeonApiException e) {
                    // the stored login is shown all the same: the server is only asked who the user is
                    userError = ErrorReporter.describe(e, ctx);
                    ctx.say("Warning: the user could not be read: " + userError);
                }
            }
            Instant now = ctx.env().clock().instant();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("profile", settings.profile());
            status.put("logged_in", true);
            status.put("user", user.map(NeonUser::email).orElse(userError == null ? null : "unknown: " + userError));
            status.put("user_id", user.map(NeonUser::id));
            status.put("name", user.flatMap(NeonUser::name));
            status.put("scopes", token.grantedScopes().asSet().stream().map(Object::toString).toList());
            status.put("token_expires_at", token.expiresAt());
            status.put("token_expires_in", token.expiresAt().map(at -> human(Duration.between(now, at))));
            status.put("client_id", settings.clientId());
            status.put("oauth_host", settings.oauthHost().toString());
            status.put("api_host", settings.apiHost().toString());
            status.put("sandbox", settings.sandboxProfile());
            ctx.output().object(status);
            return ExitCode.SUCCESS;
        }

        static String human(Duration d) {
            if (d.isNegative()) {
                return "expired";
            }
            long s = d.toSeconds();
            return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
        }
    }

    @Command(name = "me", mixinStandardHelpOptions = true, description = "Show the user the login acts for.")
    static final class Me implements Callable<Integer> {
        private final CliContext ctx;

        Me(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            NeonUser user = ctx.onlineServices().neonApi().currentUser(ctx.settings().account());
            ctx.output().object(Views.user(user));
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = {
            "Print a valid access token for scripts (refreshed when needed).",
            "The only command that prints a secret, and only on standard output: "
                    + "curl -H \"Authorization: Bearer $(neon-oauth token)\" ..."})
    static final class Token implements Callable<Integer> {
        private final CliContext ctx;

        Token(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            AccessTokenResult.Available token = requireToken(ctx);
            if (ctx.options().output == OutputFormat.table) {
                ctx.stdout().line(token.token().value());
            } else {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("access_token", token.token().value());
                value.put("expires_at", token.expiresAt());
                ctx.output().object(value);
            }
            return ExitCode.SUCCESS;
        }
    }
}
