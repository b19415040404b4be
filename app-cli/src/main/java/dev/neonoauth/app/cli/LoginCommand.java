package dev.neonoauth.app.cli;

import dev.neonoauth.core.domain.OAuthErrorCode;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.in.AuthorizationCallback;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import dev.neonoauth.core.port.in.AuthorizationRedirect;
import dev.neonoauth.core.port.in.BeginAuthorization;
import dev.neonoauth.core.port.in.CallbackResult;
import dev.neonoauth.core.port.in.RejectionReason;
import dev.neonoauth.core.port.out.InfrastructureException;
import dev.neonoauth.neon.api.NeonApiException;
import dev.neonoauth.neon.api.NeonUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neon-oauth login}: the authorization code flow with PKCE through a loopback redirect (RFC 8252), or, with
 * {@code --no-browser}, by pasting the redirected URL.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = {
        "Sign in to Neon and store the grant for the profile.",
        "Opens the browser on the authorization page and receives the redirect on http://127.0.0.1:PORT/callback. "
                + "With --no-browser, prints the URL and reads the redirected URL from standard input."})
final class LoginCommand implements Callable<Integer> {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1).minusMinutes(1);
    private static final int MAX_PASTE_ATTEMPTS = 5;
    /** Rejections that leave this login's pending authorization untouched: the listener keeps waiting. */
    private static final Set<RejectionReason> NOT_FOR_THIS_LOGIN = Set.of(RejectionReason.UNKNOWN_STATE,
            RejectionReason.MISSING_STATE, RejectionReason.MALFORMED_PARAMETERS, RejectionReason.DUPLICATED_PARAMETER,
            RejectionReason.ISSUER_MISMATCH);

    private final CliContext ctx;

    @Option(names = "--no-browser", description = "Do not open a browser: print the URL, then paste the address the "
            + "browser was redirected to (for SSH sessions and machines without a browser).")
    boolean noBrowser;

    @Option(names = "--port", paramLabel = "N", description = "Listen on this loopback port instead of a free one "
            + "(for ssh -L N:127.0.0.1:N). With --no-browser, the port of the redirect URI.")
    Integer port;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Time.class, defaultValue = "5m",
            description = "How long to wait for the browser (e.g. 90s, 5m; default 5m).")
    Duration timeout = DEFAULT_TIMEOUT;

    @Option(names = "--scopes", paramLabel = "SCOPES", description = "Scopes to ask for, separated by spaces or commas; "
            + "short forms like projects:read are accepted. Default: $NEON_SCOPES, else Neon CLI's scopes.")
    String scopes;

    LoginCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The outcome of a login, decided by the first callback that belongs to it. */
    record Outcome(int exitCode, String message, Optional<CallbackResult.Authorized> authorized) {
        static Outcome failed(String message) {
            return new Outcome(ExitCode.ERROR, message, Optional.empty());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration wait = timeout;
        if (wait.compareTo(Duration.ofSeconds(1)) < 0 || wait.compareTo(MAX_TIMEOUT) > 0) {
            throw CliException.usage("--timeout must be between 1s and 59m");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw CliException.usage("--port must be between 1 and 65535");
        }
        if (!noBrowser) {
            refuseUnattended();
        }
        CliSettings settings = ctx.settings();
        ScopeSet requested = CliSettings.loginScopes(Optional.ofNullable(scopes));
        ctx.stateTtl(wait.plusMinutes(1));
        Optional<TokenSet> previous = ctx.onlineServices().storedGrant(settings.account());
        Outcome outcome = noBrowser ? pasteMode(settings, requested) : loopback(settings, requested, wait);
        int code = report(settings, outcome);
        // The new grant replaced the old one in the store: revoke the old one rather than leave it valid at Neon.
        previous.ifPresent(replaced -> ctx.say(ctx.onlineServices().revokeReplaced(replaced)));
        return code;
    }

    /** A browser login needs a person at a terminal; CI and pipes get a clear refusal at once. */
    private void refuseUnattended() {
        Optional<String> ci = ctx.env().variable("CI").filter(v -> !v.equalsIgnoreCase("false") && !v.equals("0"));
        if (ci.isPresent() || !ctx.env().terminal()) {
            String why = ci.isPresent() ? "CI is set" : "there is no terminal";
            throw CliException.error("browser login refused: " + why + ", so nobody can complete it. Run "
                    + "'neon-oauth login --no-browser' and paste the redirected URL, or log in on a machine with a "
                    + "browser and a terminal.");
        }
    }

    private Outcome loopback(CliSettings settings, ScopeSet requested, Duration wait) throws InterruptedException {
        AuthorizationFlow flow = ctx.onlineServices().authorizationFlow();
        try (LoopbackCallbackReceiver<Outcome> receiver =
                     LoopbackCallbackReceiver.start(port == null ? 0 : port, query -> onCallback(flow, query))) {
            AuthorizationRedirect redirect =
                    flow.begin(BeginAuthorization.of(settings.account(), requested, receiver.redirectUri()));
            ctx.say("Sign in to Neon in your browser (profile " + settings.profile() + "). If no browser opens, "
                    + "visit this URL:");
            ctx.say("  " + redirect.authorizationUri());
            if (!ctx.env().browser().open(redirect.authorizationUri())) {
                ctx.say("Could not start a browser: open the URL above yourself (on another machine, forward the "
                        + "port first: ssh -L " + receiver.port() + ":127.0.0.1:" + receiver.port() + " ...).");
            }
            ctx.say("Waiting up to " + human(wait) + " for the browser at " + receiver.redirectUri() + " ...");
            return receiver.await(wait).orElseGet(() -> Outcome.failed("login timed out after " + human(wait)
                    + ": the browser never came back to " + receiver.redirectUri() + ". Run 'neon-oauth login' "
                    + "again (--timeout to wait longer, --no-browser to paste the URL instead)."));
        }
    }

    /** Handles one callback of the loopback listener: an HTML page for the browser, and the outcome if final. */
    private LoopbackCallbackReceiver.Reply<Outcome> onCallback(AuthorizationFlow flow, String rawQuery) {
        Decision d = complete(flow, rawQuery);
        String html = d.success()
                ? CallbackPages.success(d.title(), d.detail())
                : CallbackPages.error(d.title(), d.detail());
        return d.outcome().isPresent()
                ? LoopbackCallbackReceiver.Reply.finished(d.status(), html, d.outcome().get())
                : LoopbackCallbackReceiver.Reply.waiting(d.status(), html);
    }

    /** What one callback means, for the browser and for the command. */
    private record Decision(int status, boolean success, String title, String detail, Optional<Outcome> outcome,
            String reason) {
        Decision(int status, boolean success, String title, String detail, Optional<Outcome> outcome) {
            this(status, success, title, detail, outcome, "");
        }
    }

    private Decision complete(AuthorizationFlow flow, String rawQuery) {
        CallbackResult result;
        try {
            result = flow.complete(AuthorizationCallback.fromQuery(rawQuery));
        } catch (InfrastructureException e) {
            String why = FailureText.describe(e);
            String message = "could not finish the sign-in: " + why;
            return new Decision(502, false, "Sign-in failed",
                    "The command line could not finish the sign-in (" + why + "). Run neon-oauth login again.",
                    Optional.of(Outcome.failed(message)));
        }
        if (result instanceof CallbackResult.Authorized authorized) {
            return new Decision(200, true, "You are signed in",
                    "neon-oauth is connected to your Neon account. You can close this tab and go back to the terminal.",
                    Optional.of(new Outcome(ExitCode.SUCCESS, "", Optional.of(authorized))));
        }
        if (result instanceof CallbackResult.Denied denied) {
            boolean byUser = denied.error().is(OAuthErrorCode.ACCESS_DENIED);
            String message = byUser
                    ? "you denied access in the browser; nothing was stored. Run 'neon-oauth login' to try again."
                    : "Neon refused the authorization: " + denied.error().summary() + ". Nothing was stored.";
            return new Decision(403, false, byUser ? "You denied access" : "Neon refused the sign-in",
                    byUser ? "You denied neon-oauth access to your Neon account. Nothing was stored; you can close "
                            + "this tab." : "Neon refused the authorization: " + denied.error().summary() + ".",
                    Optional.of(Outcome.failed(message)));
        }
        if (result instanceof CallbackResult.ExchangeRefused refused) {
            String message = "Neon refused to issue tokens for the code: " + refused.error().summary()
                    + ". Run 'neon-oauth login' again.";
            return new Decision(502, false, "Sign-in failed", "Neon refused to issue tokens ("
                    + refused.error().code().value() + "). Run neon-oauth login again.",
                    Optional.of(Outcome.failed(message)));
        }
        RejectionReason reason = ((CallbackResult.Rejected) result).reason();
        if (NOT_FOR_THIS_LOGIN.contains(reason)) {
            return new Decision(400, false, "Not for this sign-in",
                    "This link does not belong to the sign-in the command line is waiting for (" + reason.message()
                            + "). The command line is still waiting.", Optional.empty(), reason.message());
        }
        return new Decision(400, false, "Sign-in failed", "The sign-in could not be completed: " + reason.message()
                + ". Run neon-oauth login again.",
                Optional.of(Outcome.failed("the sign-in could not be completed: " + reason.message() + ".")));
    }

    private Outcome pasteMode(CliSettings settings, ScopeSet requested) {
        AuthorizationFlow flow = ctx.onlineServices().authorizationFlow();
        URI redirectUri = URI.create("http://127.0.0.1:" + (port != null ? port : freeLoopbackPort())
                + LoopbackCallbackReceiver.CALLBACK_PATH);
        AuthorizationRedirect redirect = flow.begin(BeginAuthorization.of(settings.account(), requested, redirectUri));
        ctx.say("Open this URL in a browser on any machine and sign in to Neon (profile " + settings.profile() + "):");
        ctx.say("  " + redirect.authorizationUri());
        ctx.say("The browser is then sent to " + redirectUri + "?... which will not load. Copy that whole address "
                + "from the address bar, paste it here and press Enter:");
        BufferedReader reader = new BufferedReader(new InputStreamReader(ctx.env().in(), StandardCharsets.UTF_8));
        for (int attempt = 1; attempt <= MAX_PASTE_ATTEMPTS; attempt++) {
            String line = readLine(reader);
            if (line == null) {
                return Outcome.failed("no redirected URL was pasted (end of input). Run 'neon-oauth login "
                        + "--no-browser' again.");
            }
            line = line.strip();
            if (line.isEmpty()) {
                attempt--;
                continue;
            }
            Optional<String> query = callbackQuery(line);
            if (query.isEmpty()) {
                ctx.say("That is not the redirected address: it starts with http://127.0.0.1:PORT/callback? and "
                        + "carries code and state. Paste it again:");
                continue;
            }
            Decision d = complete(flow, query.get());
            if (d.outcome().isPresent()) {
                return d.outcome().get();
            }
            ctx.say("That address is not for this login (" + d.reason() + "). Paste the address the URL above "
                    + "redirected to:");
        }
        return Outcome.failed("gave up after " + MAX_PASTE_ATTEMPTS + " addresses that were not the redirect of this "
                + "login. Run 'neon-oauth login --no-browser' again.");
    }

    /** The raw query of a pasted {@code http://127.0.0.1:PORT/callback?...} address, or empty if it is not one. */
    static Optional<String> callbackQuery(String pasted) {
        try {
            URI uri = new URI(pasted);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawQuery() == null
                    || !LoopbackCallbackReceiver.CALLBACK_PATH.equals(uri.getRawPath())) {
                return Optional.empty();
            }
            return Optional.of(uri.getRawQuery());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            return 8250; // no port could be bound; any port works, nothing listens in paste mode
        }
    }

    private int report(CliSettings settings, Outcome outcome) {
        if (outcome.authorized().isEmpty()) {
            throw new CliException(outcome.exitCode(), outcome.message());
        }
        CallbackResult.Authorized authorized = outcome.authorized().get();
        ProfilesCommand.remember(ctx, settings.account());
        Optional<NeonUser> user = Optional.empty();
        try {
            user = Optional.of(ctx.onlineServices().neonApi().currentUser(settings.account()));
        } catch (NeonApiException | dev.neonoauth.neon.api.ReauthorizationRequiredException e) {
            ctx.say("Logged in, but the user could not be read: " + FailureText.describe(e));
        }
        if (!authorized.missingScopes().isEmpty()) {
            ctx.say("Note: Neon granted fewer scopes than asked for; missing: " + authorized.missingScopes().render());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("profile", settings.profile());
        result.put("user", user.map(NeonUser::email));
        result.put("scopes", authorized.grantedScopes().asSet().stream().map(Object::toString).toList());
        String who = user.map(u -> " as " + u.email()).orElse("");
        ctx.output().message("Logged in to Neon" + who + " (profile " + settings.profile() + ").", result);
        return ExitCode.SUCCESS;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
