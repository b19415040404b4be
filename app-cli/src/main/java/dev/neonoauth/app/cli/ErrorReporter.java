package dev.neonoauth.app.cli;

import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.OperationTimeoutException;
import dev.neonoauth.neon.api.OrganizationRequiredException;
import dev.neonoauth.neon.api.OutcomeUnknownException;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import java.io.PrintStream;

/**
 * Turns a failed command into one clear line on standard error ({@code Error: ...}) and an exit code;
 * {@code --verbose} adds the cause chain (exception types and messages, which by the project's rules never carry a token or secret).
 */
final class ErrorReporter {
    private ErrorReporter() {}

    /** Prints the error and returns the exit code. */
    static int report(Throwable error, CliContext ctx) {
        PrintStream err = ctx.env().err();
        Classified c = classify(error, ctx);
        err.println("Error: " + Tables.clean(c.message()));
        if (ctx.options().verbose) {
            Throwable t = error;
            int depth = 0;
            while (t != null && depth++ < 10) {
                err.println("  " + (depth == 1 ? "" : "caused by: ") + t.getClass().getName() + ": "
                        + Tables.clean(String.valueOf(t.getMessage())));
                t = t.getCause() == t ? null : t.getCause();
            }
        }
        err.flush();
        return c.exitCode();
    }

    private record Classified(int exitCode, String message) {}

    private static Classified classify(Throwable e, CliContext ctx) {
        String login = loginCommand(ctx);
        if (e instanceof CliException c) {
            return new Classified(c.exitCode(), c.getMessage());
        }
        if (e instanceof ReauthorizationRequiredException) {
            return new Classified(ExitCode.LOGIN_REQUIRED, "no usable login for profile " + profile(ctx) + " ("
                    + e.getMessage() + "). Run: " + login);
        }
        if (e instanceof MissingScopeException m) {
            return new Classified(ExitCode.MISSING_SCOPE, e.getMessage() + ". Log in again asking for it: " + login
                    + " --scopes \"" + m.missingScope().value() + " <the other scopes you need>\"");
        }
        if (e instanceof OrganizationRequiredException) {
            return new Classified(ExitCode.ERROR, "Neon needs an organization for this account: pass --org-id ORG_ID "
                    + "(your organizations are listed in the Neon console)");
        }
        if (e instanceof OperationTimeoutException) {
            return new Classified(ExitCode.ERROR, e.getMessage());
        }
        if (e instanceof OutcomeUnknownException) {
            return new Classified(ExitCode.ERROR, e.getMessage() + "; check with 'neon-oauth projects list' before "
                    + "trying again");
        }
        if (e instanceof NeonApiException n) {
            if (n.httpStatus() == 0) {
                return new Classified(ExitCode.ERROR, "could not reach the Neon API: " + n.getMessage()
                        + sandboxHint(ctx));
            }
            return new Classified(ExitCode.ERROR, "Neon API: " + n.getMessage()
                    + n.code().map(code -> " [" + code + "]").orElse("")
                    + n.requestId().filter(id -> !String.valueOf(n.getMessage()).contains(id))
                            .map(id -> " (request id " + id + ")").orElse(""));
        }
        if (e instanceof TokenEndpointUnavailableException) {
            return new Classified(ExitCode.ERROR, "the OAuth server could not refresh the login (the stored tokens are "
                    + "kept): " + e.getMessage() + sandboxHint(ctx));
        }
        if (e instanceof StoreUnavailableException) {
            return new Classified(ExitCode.ERROR, "token storage: " + e.getMessage());
        }
        if (e instanceof InfrastructureException) {
            return new Classified(ExitCode.ERROR, e.getMessage() + sandboxHint(ctx));
        }
        return new Classified(ExitCode.ERROR, "unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static String sandboxHint(CliContext ctx) {
        try {
            return ctx.settings().sandboxProfile() ? " (is the sandbox running? Start it with: neon-oauth sandbox)" : "";
        } catch (CliException e) {
            return "";
        }
    }

    private static String profile(CliContext ctx) {
        try {
            return ctx.settings().profile();
        } catch (CliException e) {
            return CliSettings.DEFAULT_PROFILE;
        }
    }

    private static String loginCommand(CliContext ctx) {
        try {
            return ctx.settings().loginCommand();
        } catch (CliException e) {
            return "neon-oauth login";
        }
    }
}
