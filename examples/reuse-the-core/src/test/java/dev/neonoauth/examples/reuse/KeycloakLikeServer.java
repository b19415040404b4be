package dev.neonoauth.examples.reuse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A generic OAuth 2.0 / OpenID Connect authorization server for tests, on 127.0.0.1, deliberately shaped unlike
 * Neon's Hydra: a realm path in the issuer without a trailing slash ({@code /realms/demo}), Keycloak's endpoint paths,
 * {@code client_secret_basic} only, PKCE S256 checked, refresh tokens rotated (a used one is dead), extra response
 * members the client must ignore, and an {@code iss} in the authorization response (RFC 9207). Every user approves.
 */
final class KeycloakLikeServer implements AutoCloseable {
    static final String CLIENT_ID = "reuse-example";
    static final String CLIENT_SECRET = "s3cr3t:with/reserved+chars";
    static final String SUBJECT = "5f7e9c2a-0d1b-4c7e-9a55-alice";
    static final String GRANTED_SCOPES = "openid profile email offline_access";
    static final int ACCESS_TOKEN_SECONDS = 300;

    /** One request to the token endpoint, as received. */
    record TokenRequest(String authorization, Map<String, String> form) {}

    private record Authorization(String redirectUri, String challenge, String scope) {}

    private final HttpServer server;
    private final String realm;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> liveAccessTokens = ConcurrentHashMap.newKeySet();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile boolean openIdDiscovery = true;
    private volatile boolean rfc8414Discovery = true;
    private volatile String advertisedIssuer;
    private volatile String lastIssuedAccessToken;
    private volatile String lastIssuedRefreshToken;

    private KeycloakLikeServer(HttpServer server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    static KeycloakLikeServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        KeycloakLikeServer server = new KeycloakLikeServer(http, "/realms/demo");
        http.createContext("/", server::route);
        http.start();
        return server;
    }

    /** {@code http://127.0.0.1:<port>/realms/demo}, without a trailing slash, as Keycloak spells it. */
    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + realm);
    }

    KeycloakLikeServer withoutOpenIdDiscovery() {
        openIdDiscovery = false;
        return this;
    }

    KeycloakLikeServer withoutRfc8414Discovery() {
        rfc8414Discovery = false;
        return this;
    }

    /** The metadata names this issuer instead of the real one (a misconfigured or malicious server). */
    KeycloakLikeServer advertisingIssuer(String issuer) {
        advertisedIssuer = issuer;
        return this;
    }

    List<TokenRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    String lastIssuedAccessToken() {
        return lastIssuedAccessToken;
    }

    String lastIssuedRefreshToken() {
        return lastIssuedRefreshToken;
    }

    boolean isLiveRefreshToken(String token) {
        return liveRefreshTokens.contains(token);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(realm + "/.well-known/openid-configuration") && openIdDiscovery) {
                json(exchange, 200, metadata());
            } else if (method.equals("GET") && path.equals("/.well-known/oauth-authorization-server" + realm) && rfc8414Discovery) {
                json(exchange, 200, metadata());
            } else if (method.equals("GET") && path.equals(realm + "/protocol/openid-connect/auth")) {
                authorize(exchange);
            } else if (method.equals("POST") && path.equals(realm + "/protocol/openid-connect/token")) {
                token(exchange);
            } else if (method.equals("GET") && path.equals(realm + "/protocol/openid-connect/userinfo")) {
                userinfo(exchange);
            } else {
                json(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private String metadata() {
        String base = issuer().toString();
        String issuer = advertisedIssuer != null ? advertisedIssuer : base;
        return "{\"issuer\":\"" + issuer + "\","
                + "\"authorization_endpoint\":\"" + base + "/protocol/openid-connect/auth\","
                + "\"token_endpoint\":\"" + base + "/protocol/openid-connect/token\","
                + "\"userinfo_endpoint\":\"" + base + "/protocol/openid-connect/userinfo\","
                + "\"revocation_endpoint\":\"" + base + "/protocol/openid-connect/revoke\","
                + "\"jwks_uri\":\"" + base + "/protocol/openid-connect/certs\","
                + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
                + "\"response_types_supported\":[\"code\"],"
                + "\"code_challenge_methods_supported\":[\"plain\",\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\",\"email\",\"offline_access\"],"
                + "\"authorization_response_iss_parameter_supported\":true,"
                + "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"" + base + "/protocol/openid-connect/token\"},"
                + "\"claims_parameter_supported\":true,\"frontchannel_logout_session_supported\":true}";
    }

    /** The user is "logged in" and approves; errors in client_id or redirect_uri are shown, never redirected. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = decodeForm(exchange.getRequestURI().getRawQuery());
        String redirectUri = q.getOrDefault("redirect_uri", "");
        if (!CLIENT_ID.equals(q.get("client_id")) || !isRegisteredRedirect(redirectUri)) {
            text(exchange, 400, "invalid client_id or redirect_uri");
            return;
        }
        String error = null;
        if (!"code".equals(q.get("response_type"))) {
            error = "unsupported_response_type";
        } else if (!"S256".equals(q.get("code_challenge_method")) || q.getOrDefault("code_challenge", "").length() != 43) {
            error = "invalid_request";
        } else if (!List.of(q.getOrDefault("scope", "").split(" ")).contains("openid")) {
            error = "invalid_scope";
        }
        String location;
        if (error != null) {
            location = redirectUri + "?error=" + error + "&state=" + enc(q.getOrDefault("state", "")) + "&iss=" + enc(issuer().toString());
        } else {
            String code = randomToken("kc_code_");
            codes.put(code, new Authorization(redirectUri, q.get("code_challenge"), q.get("scope")));
            location = redirectUri + "?state=" + enc(q.get("state")) + "&session_state=" + randomToken("")
                    + "&iss=" + enc(issuer().toString()) + "&code=" + enc(code);
        }
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    /** RFC 8252 section 7.3: a loopback IP redirect matches the registered one with any port. */
    private static boolean isRegisteredRedirect(String candidate) {
        URI uri = URI.create(candidate);
        return "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost()) && "/callback".equals(uri.getPath())
                && uri.getQuery() == null;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        tokenRequests.add(new TokenRequest(authorization, form));
        if (form.containsKey("client_secret") || !validBasic(authorization)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"demo\"");
            json(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"client_secret_basic is required\"}");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Authorization auth = codes.remove(form.getOrDefault("code", ""));
                if (auth == null) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}");
                } else if (!auth.redirectUri().equals(form.get("redirect_uri"))) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Incorrect redirect_uri\"}");
                } else if (!auth.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
                } else {
                    json(exchange, 200, issue());
                }
            }
            case "refresh_token" -> {
                if (!liveRefreshTokens.remove(form.getOrDefault("refresh_token", ""))) {
                    json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}");
                } else {
                    json(exchange, 200, issue());
                }
            }
            default -> json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !liveAccessTokens.contains(authorization.substring("Bearer ".length()))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        json(exchange, 200, "{\"sub\":\"" + SUBJECT + "\",\"email\":\"alice@example.org\",\"email_verified\":true,"
                + "\"name\":\"Alice Example\",\"preferred_username\":\"alice\"}");
    }

    private String issue() {
        String access = randomToken("kc_at_");
        String refresh = randomToken("kc_rt_");
        liveAccessTokens.add(access);
        liveRefreshTokens.add(refresh);
        lastIssuedAccessToken = access;
        lastIssuedRefreshToken = refresh;
        String idClaims = "{\"iss\":\"" + issuer() + "\",\"sub\":\"" + SUBJECT + "\",\"aud\":\"" + CLIENT_ID + "\"}";
        String idToken = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(idClaims) + ".c2lnbmF0dXJl";
        return "{\"access_token\":\"" + access + "\",\"expires_in\":" + ACCESS_TOKEN_SECONDS + ","
                + "\"refresh_expires_in\":1800,\"refresh_token\":\"" + refresh + "\",\"token_type\":\"Bearer\","
                + "\"id_token\":\"" + idToken + "\",\"not-before-policy\":0,\"session_state\":\"" + randomToken("") + "\","
                + "\"scope\":\"" + GRANTED_SCOPES + "\"}";
    }

    private static boolean validBasic(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon > 0
                && CLIENT_ID.equals(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8))
                && CLIENT_SECRET.equals(URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private String randomToken(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
