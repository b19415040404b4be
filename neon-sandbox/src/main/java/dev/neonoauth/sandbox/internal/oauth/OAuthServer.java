package dev.neonoauth.sandbox.internal.oauth;

import static dev.neonoauth.sandbox.internal.http.HttpSupport.html;
import static dev.neonoauth.sandbox.internal.http.HttpSupport.json;
import static dev.neonoauth.sandbox.internal.http.HttpSupport.noStore;

import dev.neonoauth.sandbox.SandboxClient;
import dev.neonoauth.sandbox.SandboxUser;
import dev.neonoauth.sandbox.internal.http.HttpSupport;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 / OpenID Connect endpoints, behaving like Neon's Ory Hydra: discovery, JWKS, authorize (with a
 * sign-in and a consent page standing in for Neon's login and consent apps), token, revoke, userinfo and logout.
 */
public final class OAuthServer {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthServer.class);
    private static final int MIN_STATE_LENGTH = 8;
    private static final Set<String> ASSETS = Set.of("sandbox.css", "neon-oauth-web.svg", "neon-oauth-cli.svg");

    /** An authorization request between {@code /oauth2/auth} and the redirect back to the client. */
    private record Pending(SandboxClient client, String redirectUri, boolean redirectUriInRequest, List<String> scopes,
                           String state, boolean fragment, String codeChallenge, String codeChallengeMethod, String nonce,
                           Instant createdAt, SandboxUser user, Instant authTime) {

        Pending signedIn(SandboxUser who, Instant when) {
            return new Pending(client, redirectUri, redirectUriInRequest, scopes, state, fragment, codeChallenge,
                    codeChallengeMethod, nonce, createdAt, who, when);
        }
    }

    private final Map<String, SandboxClient> clients = new LinkedHashMap<>();
    private final List<SandboxUser> users;
    private final TokenService tokens;
    private final IdTokenSigner signer;
    private final Clock clock;
    private final Supplier<URI> baseUriSupplier;
    private final Duration loginConsentLifetime;
    private final SandboxUser headlessUser;
    private final Map<String, Pending> loginRequests = new ConcurrentHashMap<>();
    private final Map<String, Pending> consentRequests = new ConcurrentHashMap<>();

    public OAuthServer(List<SandboxClient> clients, List<SandboxUser> users, TokenService tokens, IdTokenSigner signer,
                       Clock clock, Supplier<URI> baseUri, Duration loginConsentLifetime, SandboxUser headlessUser) {
        for (SandboxClient c : clients) {
            if (this.clients.put(c.clientId(), c) != null) {
                throw new IllegalArgumentException("client id registered twice: " + c.clientId());
            }
        }
        this.users = List.copyOf(users);
        this.tokens = tokens;
        this.signer = signer;
        this.clock = clock;
        this.baseUriSupplier = baseUri;
        this.loginConsentLifetime = loginConsentLifetime;
        this.headlessUser = headlessUser;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", ctx -> html(ctx, 200, Pages.index(issuer(), baseUri() + "/api/v2", List.copyOf(clients.values())),
                Set.of(), Set.of()));
        routes.get("/.well-known/openid-configuration", ctx -> json(ctx, 200, discovery()));
        routes.get("/.well-known/jwks.json", ctx -> json(ctx, 200, signer.jwks()));
        routes.get("/oauth2/auth", this::authorize);
        routes.post("/oauth2/auth", this::authorize);
        routes.get("/login", this::loginPage);
        routes.post("/login", this::login);
        routes.get("/consent", this::consentPage);
        routes.post("/consent", this::consent);
        routes.post("/oauth2/token", this::token);
        routes.get("/oauth2/token", this::token);
        routes.post("/oauth2/revoke", this::revoke);
        routes.get("/userinfo", this::userinfo);
        routes.post("/userinfo", this::userinfo);
        routes.get("/oauth2/sessions/logout", ctx -> html(ctx, 200,
                Pages.message("Signed out", "The sandbox keeps no login sessions, so there is nothing to sign out of."),
                Set.of(), Set.of()));
        routes.get("/sandbox/assets/{name}", this::asset);
    }

    private URI baseUri() {
        return baseUriSupplier.get();
    }

    private String issuer() {
        return baseUri() + "/";
    }

    /** The discovery document, field for field as Neon's (Hydra 1.x) is published. */
    private Map<String, Object> discovery() {
        String b = baseUri().toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer());
        d.put("authorization_endpoint", b + "/oauth2/auth");
        d.put("token_endpoint", b + "/oauth2/token");
        d.put("jwks_uri", b + "/.well-known/jwks.json");
        d.put("subject_types_supported", List.of("public"));
        d.put("response_types_supported", List.of("code", "code id_token", "id_token", "token id_token", "token",
                "token id_token code"));
        d.put("claims_supported", List.of("sub"));
        d.put("grant_types_supported", List.of("authorization_code", "implicit", "client_credentials", "refresh_token"));
        d.put("response_modes_supported", List.of("query", "fragment"));
        d.put("userinfo_endpoint", b + "/userinfo");
        d.put("scopes_supported", List.of("offline_access", "offline", "openid"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic",
                "private_key_jwt", "none"));
        d.put("userinfo_signing_alg_values_supported", List.of("none", "RS256"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("request_parameter_supported", true);
        d.put("request_uri_parameter_supported", true);
        d.put("require_request_uri_registration", true);
        d.put("claims_parameter_supported", false);
        d.put("revocation_endpoint", b + "/oauth2/revoke");
        d.put("backchannel_logout_supported", true);
        d.put("backchannel_logout_session_supported", true);
        d.put("frontchannel_logout_supported", true);
        d.put("frontchannel_logout_session_supported", true);
        d.put("end_session_endpoint", b + "/oauth2/sessions/logout");
        d.put("request_object_signing_alg_values_supported", List.of("RS256", "none"));
        d.put("code_challenge_methods_supported", List.of("plain", "S256"));
        return d;
    }

    // ---------------------------------------------------------------- authorize, sign-in, consent

    private void authorize(Context ctx) {
        Map<String, String> p = params(ctx);
        SandboxClient client = clients.get(p.getOrDefault("client_id", ""));
        if (client == null) {
            errorPage(ctx, OAuthError.invalidClient("The requested OAuth 2.0 Client does not exist."));
            return;
        }
        String rawRedirect = p.getOrDefault("redirect_uri", "");
        String redirect;
        boolean redirectInRequest;
        if (rawRedirect.isEmpty() && client.redirectUris().size() == 1) {
            redirect = client.redirectUris().get(0);
            redirectInRequest = false;
        } else if (RedirectUris.match(client.redirectUris(), rawRedirect).isPresent()) {
            redirect = rawRedirect;
            redirectInRequest = true;
        } else {
            LOG.info("authorize: redirect_uri not registered for client {}", client.clientId());
            errorPage(ctx, OAuthError.invalidRequest(
                    "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls."));
            return;
        }
        String state = p.getOrDefault("state", "");
        String responseMode = p.getOrDefault("response_mode", "");
        boolean fragment = "fragment".equals(responseMode);
        List<String> scopes = splitScopes(p.get("scope"));
        for (String scope : scopes) {
            if (!client.scopes().contains(scope)) {
                redirectError(ctx, redirect, fragment, state,
                        OAuthError.invalidScope("The OAuth 2.0 Client is not allowed to request scope '" + scope + "'."));
                return;
            }
        }
        String responseType = p.getOrDefault("response_type", "");
        if (!"code".equals(responseType)) {
            redirectError(ctx, redirect, fragment, state, OAuthError.unsupportedResponseType(
                    "The client is not allowed to request response_type '" + responseType + "'."));
            return;
        }
        if (!responseMode.isEmpty() && !"query".equals(responseMode) && !"fragment".equals(responseMode)) {
            redirectError(ctx, redirect, false, state, OAuthError.invalidRequest(
                    "Request with unsupported response_mode '" + responseMode + "'."));
            return;
        }
        if (state.length() < MIN_STATE_LENGTH) {
            redirectError(ctx, redirect, fragment, state, OAuthError.invalidState("Request parameter 'state' must be at "
                    + "least be " + MIN_STATE_LENGTH + " characters long to ensure sufficient entropy."));
            return;
        }
        Pending pending = new Pending(client, redirect, redirectInRequest, scopes, state, fragment,
                p.getOrDefault("code_challenge", ""), p.getOrDefault("code_challenge_method", ""), p.get("nonce"),
                clock.instant(), null, null);
        if (headlessUser != null) {
            LOG.info("authorize: headless approval for client {} as {}", client.clientId(), headlessUser.email());
            finish(ctx, pending.signedIn(headlessUser, clock.instant()));
            return;
        }
        if ("none".equals(p.get("prompt"))) {
            redirectError(ctx, redirect, fragment, state, OAuthError.loginRequired(
                    "Prompt 'none' was requested, but no existing login session was found."));
            return;
        }
        String challenge = Crypto.randomUrlSafe(32);
        loginRequests.put(challenge, pending);
        ctx.redirect(baseUri() + "/login?login_challenge=" + challenge);
    }

    private void loginPage(Context ctx) {
        String challenge = ctx.queryParam("login_challenge");
        Pending pending = live(loginRequests, challenge);
        if (pending == null) {
            expiredPage(ctx);
            return;
        }
        html(ctx, 200, Pages.signIn(pending.client(), challenge, null, null, defaultUserHint()), logoOrigin(pending),
                Set.of());
    }

    private void login(Context ctx) {
        String challenge = ctx.formParam("login_challenge");
        Pending pending = live(loginRequests, challenge);
        if (pending == null) {
            expiredPage(ctx);
            return;
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").trim();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Optional<SandboxUser> user = users.stream()
                .filter(u -> u.email().equalsIgnoreCase(email) && Crypto.constantTimeEquals(u.password(), password))
                .findFirst();
        if (user.isEmpty()) {
            html(ctx, 200, Pages.signIn(pending.client(), challenge, email, "Wrong email or password.", defaultUserHint()),
                    logoOrigin(pending), Set.of());
            return;
        }
        if (loginRequests.remove(challenge) == null) {
            expiredPage(ctx);
            return;
        }
        String consentChallenge = Crypto.randomUrlSafe(32);
        consentRequests.put(consentChallenge, pending.signedIn(user.get(), clock.instant()));
        ctx.redirect(baseUri() + "/consent?consent_challenge=" + consentChallenge, io.javalin.http.HttpStatus.FOUND);
    }

    private void consentPage(Context ctx) {
        String challenge = ctx.queryParam("consent_challenge");
        Pending pending = live(consentRequests, challenge);
        if (pending == null) {
            expiredPage(ctx);
            return;
        }
        html(ctx, 200, Pages.consent(pending.client(), challenge, pending.user().email(), pending.scopes()),
                logoOrigin(pending), Set.of(HttpSupport.origin(pending.redirectUri())));
    }

    private void consent(Context ctx) {
        String challenge = ctx.formParam("consent_challenge");
        Pending pending = live(consentRequests, challenge);
        if (pending == null || consentRequests.remove(challenge) == null) {
            expiredPage(ctx);
            return;
        }
        if ("approve".equals(ctx.formParam("decision"))) {
            finish(ctx, pending);
        } else {
            redirectError(ctx, pending.redirectUri(), pending.fragment(), pending.state(),
                    OAuthError.accessDenied("The resource owner denied the request."));
        }
    }

    /** After sign-in and consent: the PKCE checks Hydra runs in NewAuthorizeResponse, then the code. */
    private void finish(Context ctx, Pending p) {
        if (!p.codeChallenge().isEmpty()) {
            String method = p.codeChallengeMethod();
            if (method.isEmpty() || "plain".equals(method)) {
                redirectError(ctx, p.redirectUri(), p.fragment(), p.state(),
                        OAuthError.invalidRequest("Clients must use code_challenge_method=S256, plain is not allowed."));
                return;
            }
            if (!"S256".equals(method)) {
                redirectError(ctx, p.redirectUri(), p.fragment(), p.state(),
                        OAuthError.invalidRequest("The code_challenge_method is not supported, use S256 instead."));
                return;
            }
        }
        String code = tokens.issueCode(new TokenService.CodeRequest(p.client().clientId(), p.user().id(), p.scopes(),
                p.redirectUri(), p.redirectUriInRequest(), p.codeChallenge(), p.codeChallengeMethod(), p.nonce(),
                p.authTime()));
        Map<String, String> params = new TreeMap<>();
        params.put("code", code);
        params.put("scope", String.join(" ", p.scopes()));
        params.put("state", p.state());
        ctx.redirect(withParams(p.redirectUri(), params, p.fragment()), io.javalin.http.HttpStatus.FOUND);
    }

    // ---------------------------------------------------------------- token, revoke, userinfo

    private void token(Context ctx) {
        noStore(ctx);
        try {
            if (ctx.method() != HandlerType.POST) {
                throw OAuthError.invalidRequest("HTTP method is '" + ctx.method() + "', expected 'POST'.");
            }
            requireForm(ctx);
            String grantType = Optional.ofNullable(ctx.formParam("grant_type")).orElse("");
            if (grantType.isEmpty()) {
                throw OAuthError.invalidRequest("Request parameter 'grant_type' is missing");
            }
            SandboxClient client = authenticateClient(ctx);
            TokenService.Issued issued = switch (grantType) {
                case "authorization_code" -> tokens.exchangeCode(client, ctx.formParam("code"),
                        ctx.formParam("redirect_uri"), ctx.formParam("code_verifier"));
                case "refresh_token" -> tokens.refresh(client, ctx.formParam("refresh_token"));
                default -> throw OAuthError.unsupportedGrantType(null);
            };
            json(ctx, 200, issued.toJson());
        } catch (OAuthError e) {
            LOG.info("token endpoint: {} ({})", e.error(), e.hint());
            writeError(ctx, e);
        }
    }

    private void revoke(Context ctx) {
        noStore(ctx);
        try {
            requireForm(ctx);
            SandboxClient client = authenticateClient(ctx);
            String token = ctx.formParam("token");
            if (token == null || token.isEmpty()) {
                throw OAuthError.invalidRequest("The request body is missing the 'token' parameter.");
            }
            tokens.revoke(client, token, ctx.formParam("token_type_hint"));
            ctx.status(200).result("");
        } catch (OAuthError e) {
            writeError(ctx, e);
        }
    }

    private void userinfo(Context ctx) {
        noStore(ctx);
        String token = bearer(ctx).orElseGet(() -> ctx.isFormUrlencoded() ? ctx.formParam("access_token") : null);
        TokenService.Validation v = tokens.validateAccessToken(token);
        if (v instanceof TokenService.Validation.Valid valid) {
            json(ctx, 200, Map.of("sub", valid.token().userId()));
            return;
        }
        OAuthError e = OAuthError.requestUnauthorized(null);
        ctx.header("WWW-Authenticate", "Bearer error=\"" + e.error() + "\",error_description=\"" + e.description() + "\"");
        writeError(ctx, e);
    }

    /** fosite's client authentication: basic header, or client_id + client_secret in the body, or client_id alone (none). */
    private SandboxClient authenticateClient(Context ctx) {
        String clientId;
        String secret;
        String method;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidRequest("The client credentials in the HTTP authorization header could not be decoded.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidRequest("The client credentials in the HTTP authorization header could not be decoded.");
            }
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            method = SandboxClient.CLIENT_SECRET_BASIC;
        } else {
            clientId = Optional.ofNullable(ctx.formParam("client_id")).orElse("");
            secret = ctx.formParam("client_secret");
            method = secret != null && !secret.isEmpty() ? SandboxClient.CLIENT_SECRET_POST : SandboxClient.NONE;
        }
        if (clientId.isEmpty()) {
            throw OAuthError.invalidRequest("Client credentials missing or malformed in both HTTP Authorization header and HTTP POST body.");
        }
        SandboxClient client = clients.get(clientId);
        if (client == null) {
            throw OAuthError.invalidClient(null);
        }
        if (!client.authMethods().contains(method)) {
            String supported = client.authMethods().contains(SandboxClient.CLIENT_SECRET_BASIC)
                    ? SandboxClient.CLIENT_SECRET_BASIC : client.authMethods().iterator().next();
            throw OAuthError.invalidClient("The OAuth 2.0 Client supports client authentication method '" + supported
                    + "', but method '" + method + "' was requested. You must configure the OAuth 2.0 client's "
                    + "'token_endpoint_auth_method' value to accept '" + method + "'.");
        }
        if (!client.isPublic() && !Crypto.constantTimeEquals(client.clientSecret(), secret)) {
            throw OAuthError.invalidClient(null);
        }
        return client;
    }

    // ---------------------------------------------------------------- helpers

    private void asset(Context ctx) {
        String name = ctx.pathParam("name");
        if (!ASSETS.contains(name)) {
            ctx.status(404).result("not found");
            return;
        }
        try (InputStream in = OAuthServer.class.getResourceAsStream("/dev/neonoauth/sandbox/assets/" + name)) {
            if (in == null) {
                ctx.status(404).result("not found");
                return;
            }
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) {
                p.put(k, v.get(0));
            }
        });
        if (ctx.method() == HandlerType.POST && ctx.isFormUrlencoded()) {
            ctx.formParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    p.putIfAbsent(k, v.get(0));
                }
            });
        }
        return p;
    }

    private static void requireForm(Context ctx) {
        if (!ctx.isFormUrlencoded()) {
            throw OAuthError.invalidRequest("Unable to parse HTTP body, make sure to send a properly formatted form request body.");
        }
    }

    private static Optional<String> bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(h.substring(7).trim());
        }
        return Optional.empty();
    }

    private static List<String> splitScopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+"))));
    }

    private Pending live(Map<String, Pending> requests, String challenge) {
        if (challenge == null || challenge.isEmpty()) {
            return null;
        }
        Pending p = requests.get(challenge);
        if (p == null) {
            return null;
        }
        if (clock.instant().isAfter(p.createdAt().plus(loginConsentLifetime))) {
            requests.remove(challenge);
            return null;
        }
        return p;
    }

    private String defaultUserHint() {
        return users.stream().filter(u -> u.id().equals(SandboxUser.DEFAULT_ID)).findFirst()
                .map(u -> "Sandbox user: " + u.email() + " / " + SandboxUser.DEFAULT_PASSWORD)
                .filter(h -> users.stream().anyMatch(u -> u.password().equals(SandboxUser.DEFAULT_PASSWORD)))
                .orElse(null);
    }

    private static Set<String> logoOrigin(Pending p) {
        String logo = p.client().logoUri();
        Set<String> s = new LinkedHashSet<>();
        if (logo != null) {
            String origin = HttpSupport.origin(logo);
            if (origin != null) {
                s.add(origin);
            }
        }
        return s;
    }

    private static void expiredPage(Context ctx) {
        errorPage(ctx, OAuthError.invalidRequest("The login or consent request was not found, was already used, or has "
                + "expired. Start the authorization again from the application."));
    }

    private static void errorPage(Context ctx, OAuthError e) {
        html(ctx, e.status(), Pages.error(e.error(), e.description()), Set.of(), Set.of());
    }

    private static void redirectError(Context ctx, String redirectUri, boolean fragment, String state, OAuthError e) {
        LOG.info("authorize: redirecting with error {}", e.error());
        Map<String, String> params = new TreeMap<>();
        params.put("error", e.error());
        params.put("error_description", e.description());
        params.put("state", state);
        ctx.redirect(withParams(redirectUri, params, fragment), io.javalin.http.HttpStatus.FOUND);
    }

    static String withParams(String uri, Map<String, String> params, boolean fragment) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        String encoded = String.join("&", pairs);
        if (fragment) {
            return uri + "#" + encoded;
        }
        return uri + (uri.contains("?") ? "&" : "?") + encoded;
    }

    private static void writeError(Context ctx, OAuthError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.description());
        json(ctx, e.status(), body);
    }

}
