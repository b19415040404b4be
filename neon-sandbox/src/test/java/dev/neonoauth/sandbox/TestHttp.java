package dev.neonoauth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-HTTP helpers for tests: {@code java.net.http.HttpClient} with redirects NOT followed, so every redirect of
 * the OAuth flow is checked by hand. Talks to 127.0.0.1 only.
 */
final class TestHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALL_SCOPES = String.join(" ", NeonScopes.ALL);
    private static final SecureRandom RANDOM = new SecureRandom();

    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final NeonSandbox sandbox;

    TestHttp(NeonSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A PKCE pair (RFC 7636: 32 random bytes, S256). */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(d));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Tokens from a successful token response. */
    record Tokens(String accessToken, String refreshToken, String idToken, String scope, long expiresIn, JsonNode raw) {
        static Tokens of(HttpResponse<String> r) {
            assertThat(r.statusCode()).as("token response %s", r.body()).isEqualTo(200);
            JsonNode n = parse(r.body());
            return new Tokens(n.path("access_token").asText(null), n.path("refresh_token").asText(null),
                    n.path("id_token").asText(null), n.path("scope").asText(null), n.path("expires_in").asLong(), n);
        }
    }

    static String randomState() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) {
        return get(resolve(pathOrUrl), headers);
    }

    HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(pathOrUrl)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> api(String method, String path, String token, String jsonBody, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.apiBaseUri() + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(sandbox.baseUri() + pathOrUrl);
    }

    /** The authorization URL exactly as the seed doc builds it (plus code_challenge_method=S256, which the doc's example carries). */
    String authorizeUrl(String clientId, String redirectUri, String scope, String state, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", clientId);
        q.put("scope", scope);
        q.put("response_type", "code");
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        if (codeChallenge != null) {
            q.put("code_challenge", codeChallenge);
            q.put("code_challenge_method", "S256");
        }
        return sandbox.authorizationEndpoint() + "?" + formEncode(q);
    }

    /** Follows sign-in and consent through the HTML forms and returns the final redirect's Location. */
    URI signInAndDecide(String authorizeUrl, String email, String password, boolean approve) {
        HttpResponse<String> auth = get(URI.create(authorizeUrl));
        assertThat(auth.statusCode()).as("authorize %s", auth.body()).isEqualTo(302);
        URI loginUrl = location(auth);
        assertThat(loginUrl.getPath()).isEqualTo("/login");
        HttpResponse<String> loginPage = get(loginUrl);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("id=\"sign-in\"").contains("name=\"email\"").contains("name=\"password\"");
        String loginChallenge = hiddenInput(loginPage.body(), "login_challenge");
        HttpResponse<String> login = postForm("/login", Map.of("login_challenge", loginChallenge, "email", email,
                "password", password));
        assertThat(login.statusCode()).as("login %s", login.body()).isEqualTo(302);
        URI consentUrl = location(login);
        assertThat(consentUrl.getPath()).isEqualTo("/consent");
        HttpResponse<String> consentPage = get(consentUrl);
        assertThat(consentPage.statusCode()).isEqualTo(200);
        assertThat(consentPage.body()).contains("id=\"approve\"").contains("id=\"deny\"");
        String consentChallenge = hiddenInput(consentPage.body(), "consent_challenge");
        HttpResponse<String> decided = postForm("/consent", Map.of("consent_challenge", consentChallenge,
                "decision", approve ? "approve" : "deny"));
        assertThat(decided.statusCode()).isEqualTo(302);
        return location(decided);
    }

    /** The whole flow for a client with the default user; returns the callback's query parameters. */
    Map<String, String> authorizeApproved(String clientId, String redirectUri, String scope, Pkce pkce, String state) {
        URI callback = signInAndDecide(authorizeUrl(clientId, redirectUri, scope, state, pkce == null ? null : pkce.challenge()),
                SandboxUser.DEFAULT_EMAIL, SandboxUser.DEFAULT_PASSWORD, true);
        Map<String, String> q = query(callback);
        assertThat(q).as("callback %s", callback).containsKey("code");
        return q;
    }

    HttpResponse<String> exchange(String clientId, String secret, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return postForm("/oauth2/token", form);
    }

    HttpResponse<String> refresh(String clientId, String secret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        form.put("refresh_token", refreshToken);
        return postForm("/oauth2/token", form);
    }

    /** Web client (confidential), all scopes, PKCE, full flow, code exchanged. */
    Tokens webTokens(String scope) {
        Pkce pkce = Pkce.create();
        String redirect = "http://localhost:3000/api/oauth/callback";
        Map<String, String> cb = authorizeApproved(SandboxClient.DEFAULT_WEB_CLIENT_ID, redirect, scope, pkce, randomState());
        return Tokens.of(exchange(SandboxClient.DEFAULT_WEB_CLIENT_ID, SandboxClient.DEFAULT_WEB_CLIENT_SECRET,
                cb.get("code"), redirect, pkce.verifier()));
    }

    Tokens webTokens() {
        return webTokens(ALL_SCOPES);
    }

    static URI location(HttpResponse<String> r) {
        return URI.create(r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header")));
    }

    static Map<String, String> query(URI uri) {
        String q = uri.getRawQuery() != null ? uri.getRawQuery() : uri.getRawFragment();
        Map<String, String> out = new LinkedHashMap<>();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String hiddenInput(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden input %s in page", name).isTrue();
        return m.group(1);
    }

    static List<String> listItems(String html) {
        Matcher m = Pattern.compile("<li data-scope=\"[^\"]*\">([^<]*)</li>").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String formEncode(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8).replace("+", "%20") + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return String.join("&", pairs);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
