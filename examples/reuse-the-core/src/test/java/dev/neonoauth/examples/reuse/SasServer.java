package dev.neonoauth.examples.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An in-process Spring Authorization Server on 127.0.0.1 ({@link AuthServerConfig}), and the user's browser at it: one
 * cookie jar, a form login, and the authorization request answered with a redirect to the client.
 */
final class SasServer implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final ConfigurableApplicationContext context;
    private final String issuer;
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private boolean signedIn;

    private SasServer(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /** Starts a server with OpenID Connect ({@code oidc}) or an RFC 8414-only OAuth 2.0 server. */
    static SasServer start(boolean oidc) {
        int port = freeLoopbackPort();   // the issuer names the port, so it is chosen first
        String issuer = "http://127.0.0.1:" + port;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerConfig.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                // command-line arguments win over anything else Spring would read
                .run("--server.address=127.0.0.1", "--server.port=" + port, "--sas.issuer=" + issuer,
                        "--sas.oidc=" + oidc, "--spring.config.name=sas-test-none");
        return new SasServer(context, issuer);
    }

    URI issuer() {
        return URI.create(issuer);
    }

    /** The environment the example reads, for one of the two registered clients. */
    Map<String, String> environment(String clientId) {
        Map<String, String> env = new HashMap<>();
        env.put("OAUTH_ISSUER", issuer);
        env.put("OAUTH_CLIENT_ID", clientId);
        env.put("OAUTH_CLIENT_SECRET", AuthServerConfig.secret(clientId));
        env.put("OAUTH_SCOPES", "openid profile");
        env.put("OAUTH_ACCOUNT", AuthServerConfig.USER);
        return env;
    }

    /**
     * What the browser does with the authorization URL: signs in at the login form (once), opens the URL, and returns
     * where the server redirects it, which is the client's redirect URI with code and state.
     */
    synchronized URI authorize(URI authorizationUri) throws IOException, InterruptedException {
        assertThat(authorizationUri.toString()).startsWith(issuer + "/oauth2/authorize?");
        if (!signedIn) {
            signIn();
        }
        HttpResponse<String> answer = send(browser, HttpRequest.newBuilder(authorizationUri).build());
        assertThat(answer.statusCode()).as("the authorization endpoint redirects: %s", answer.body()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(issuer + "/login")).build());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(page.statusCode() == 200 && csrf.find()).as("the login form with its CSRF token").isTrue();
        HttpResponse<String> login = send(browser, post(issuer + "/login", form(Map.of(
                "username", AuthServerConfig.USER, "password", AuthServerConfig.PASSWORD, "_csrf", csrf.group(1)))));
        assertThat(login.headers().firstValue("Location").orElse("error")).as("signed in").doesNotContain("error");
        signedIn = true;
    }

    /** A refresh_token grant sent straight to the token endpoint, with the client's registered authentication. */
    HttpResponse<String> refreshDirectly(String clientId, String refreshToken) throws IOException, InterruptedException {
        Map<String, String> params = new HashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        HttpRequest request;
        if (clientId.equals(AuthServerConfig.POST_CLIENT)) {
            params.put("client_id", clientId);
            params.put("client_secret", AuthServerConfig.secret(clientId));
            request = post(issuer + "/oauth2/token", form(params));
        } else {
            String pair = clientId + ":" + AuthServerConfig.secret(clientId);
            request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                    .build();
        }
        return send(HttpClient.newHttpClient(), request);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(issuer + path)).build());
    }

    @Override
    public void close() {
        context.close();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
