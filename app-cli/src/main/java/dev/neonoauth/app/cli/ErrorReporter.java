package dev.neonoauth.app.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.neonoauth.core.port.in.AccessTokenResult;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery.DiscoveryException;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import dev.neonoauth.neon.api.MissingScopeException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.OperationTimeoutException;
import dev.neonoauth.neon.api.OrganizationRequiredException;
import dev.neonoauth.neon.api.OutcomeUnknownException;
import dev.neonoauth.neon.api.ReauthorizationRequiredException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed command into one clear line on standard error ({@code Error: ...}: what is wrong and what to do) and
 * an exit code. The line never names an exception type nor shows a stack trace; {@code --verbose} adds the cause
 * chain (exception types and messages, which by the project's rules never carry a token or secret).
 *
 * <p>A failure while the injector builds a component reaches here wrapped by Guice, whose own message is a dump for
 * developers; the failure behind it is reported instead, like any other ({@link #unwrap}).
 */
final class ErrorReporter {
    /** How oauth-http words a metadata document that names another issuer. */
    /**
     * How neon-api-adapter words an error answer: {@code GET /projects/x failed with HTTP 404: NOT_FOUND: project not
     * found (request id ...)}. The user needs Neon's message and the request id, not the method, path and code.
     */
    private static final Pattern API_ERROR = Pattern.compile(
            "\\S+ \\S+ failed with HTTP \\d{3}: (?:[A-Z][A-Z0-9_]*: )?(.+?)(?: \\(request id [^)]*\\))?", Pattern.DOTALL);
    /** How it words a transport failure: {@code GET /x failed in transport (connection refused) ...}. */
    private static final Pattern TRANSPORT = Pattern.compile("\\S+ \\S+ failed in transport \\(([^)]*)\\).*", Pattern.DOTALL);
    private static final Pattern ISSUER_MISMATCH = Pattern.compile("names the issuer (.+?), not the configured (\\S+?);");

    private ErrorReporter() {}

    /** Prints the error and returns the exit code. */
    static int report(Throwable error, CliContext ctx) {
        Throwable failure = unwrap(error);
        Classified c = classify(failure, ctx);
        Terminal err = ctx.stderr();
        err.line("Error: " + c.message());
        if (ctx.options().verbose) {
            Throwable t = failure;
            for (int depth = 1; t != null && depth <= 10; depth++) {
                err.line("  " + (depth == 1 ? "" : "caused by: ") + t.getClass().getName() + ": " + t.getMessage());
                t = t.getCause() == t ? null : t.getCause();
            }
        }
        return c.exitCode();
    }

    /** The line {@link #report} prints for {@code error}, without the {@code Error: } in front. */
    static String describe(Throwable error, CliContext ctx) {
        return classify(unwrap(error), ctx).message();
    }

    /**
     * The failure behind Guice's wrappers: a provider that threw ({@link ProvisionException}), modules that could not
     * be configured ({@link CreationException}), an injection that could not be resolved
     * ({@link ConfigurationException}). A wrapper without an underlying failure (a wiring mistake) is returned as is.
     */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 10; depth++) {
            Collection<Message> messages = guiceMessages(current);
            if (messages == null) {
                return current;
            }
            Throwable cause = messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst()
                    .orElse(current.getCause());
            if (cause == null) {
                return current;
            }
            current = cause;
        }
        return current;
    }

    private static Collection<Message> guiceMessages(Throwable t) {
        if (t instanceof ProvisionException p) {
            return p.getErrorMessages();
        }
        if (t instanceof CreationException c) {
            return c.getErrorMessages();
        }
        if (t instanceof ConfigurationException c) {
            return c.getErrorMessages();
        }
        return null;
    }

    private record Classified(int exitCode, String message) {
        static Classified error(String message) {
            return new Classified(ExitCode.ERROR, message);
        }
    }

    private static Classified classify(Throwable e, CliContext ctx) {
        if (e instanceof CliException c) {
            return new Classified(c.exitCode(), c.getMessage());
        }
        String login = setting(ctx, CliSettings::loginCommand, "neon-oauth login");
        String message = FailureText.describe(e);
        if (e instanceof ReauthorizationRequiredException) {
            String profile = setting(ctx, CliSettings::profile, CliSettings.DEFAULT_PROFILE);
            // the core's words for "no grant" are the web app's ("connect it first"): say it as a CLI does
            boolean never = message.startsWith(AccessTokenResult.Reason.NOT_CONNECTED.message());
            return new Classified(ExitCode.LOGIN_REQUIRED, (never ? "not logged in (profile " + profile + ")"
                    : "the login of profile " + profile + " is no longer valid: " + message) + ". Run: " + login);
        }
        if (e instanceof MissingScopeException m) {
            return new Classified(ExitCode.MISSING_SCOPE, message + ". Log in again asking for it: " + login
                    + " --scopes \"" + m.missingScope().value() + " <the other scopes you need>\"");
        }
        if (e instanceof OrganizationRequiredException) {
            return Classified.error("Neon needs an organization for this account: pass --org-id ORG_ID "
                    + "(your organizations are listed in the Neon console)");
        }
        if (e instanceof OperationTimeoutException) {
            return Classified.error(message);
        }
        if (e instanceof OutcomeUnknownException) {
            return Classified.error(message + "; check with 'neon-oauth projects list' before trying again");
        }
        if (e instanceof NeonApiException n) {
            return Classified.error(neonApi(n, message, ctx));
        }
        if (e instanceof DiscoveryException d) {
            return Classified.error(discovery(d, message, ctx));
        }
        if (e instanceof TokenEndpointUnavailableException) {
            return Classified.error("the OAuth server could not refresh the login (the stored tokens are kept): "
                    + message + sandboxHint(ctx));
        }
        if (e instanceof StoreUnavailableException) {
            return Classified.error("token storage: " + message);
        }
        if (e instanceof InfrastructureException) {
            return Classified.error(message + sandboxHint(ctx));
        }
        if (e instanceof UncheckedIOException) {
            return Classified.error(message);
        }
        if (guiceMessages(e) != null) {
            return Classified.error("internal error: the command line could not assemble its components. Run again "
                    + "with --verbose and report it.");
        }
        return Classified.error("unexpected error: " + message + ". Run again with --verbose for details.");
    }

    private static String neonApi(NeonApiException n, String message, CliContext ctx) {
        String requestId = n.requestId().map(id -> " (request id " + id + ")").orElse("");
        if (n.httpStatus() == 0) {
            String where = setting(ctx, s -> " at " + s.apiHost(), "");
            Matcher transport = TRANSPORT.matcher(message);
            String why = transport.matches() ? transport.group(1) + requestId : message;
            return "could not reach the Neon API" + where + ": " + why + sandboxHint(ctx)
                    + setting(ctx, s -> s.sandboxProfile() ? "" : ". Check --api-host / " + CliSettings.ENV_API_HOST
                            + " and your network.", "");
        }
        Matcher error = API_ERROR.matcher(message);
        if (error.matches()) {
            return error.group(1) + requestId;
        }
        return message + (n.requestId().filter(message::contains).isPresent() ? "" : requestId);
    }

    /**
     * Discovery failed: the server cannot be reached, or it is not the configured one (another issuer), or its
     * metadata is unusable. Each says which server and which setting to check.
     */
    private static String discovery(DiscoveryException d, String message, CliContext ctx) {
        String server = setting(ctx, s -> s.oauthHost().toString(), "the configured URL");
        String check = "Check --oauth-host / " + CliSettings.ENV_OAUTH_HOST;
        if (d.getCause() instanceof TokenEndpointUnavailableException) {
            return "Cannot reach the OAuth server at " + server + ": " + message + ". " + check
                    + " and your network, then try again.";
        }
        Matcher mismatch = ISSUER_MISMATCH.matcher(message);
        if (mismatch.find()) {
            return "The OAuth server at " + server + " says its issuer is " + mismatch.group(1) + ", not "
                    + mismatch.group(2) + ": it is not the server configured, so the CLI will not use it. " + check
                    + ".";
        }
        return "The OAuth server at " + server + " cannot be used: " + message + ". " + check + ".";
    }

    private static String sandboxHint(CliContext ctx) {
        return setting(ctx, s -> s.sandboxProfile() ? " (is the sandbox running? Start it with: neon-oauth sandbox)" : "",
                "");
    }

    /** A value from the settings, or {@code fallback} when the settings themselves are what failed. */
    private static <T> T setting(CliContext ctx, Function<CliSettings, T> value, T fallback) {
        try {
            return value.apply(ctx.settings());
        } catch (CliException e) {
            return fallback;
        }
    }
}
