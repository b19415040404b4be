package dev.neonoauth.app.web;

import dev.neonoauth.neon.NeonScopes;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.ScopeSet;
import dev.neonoauth.core.port.in.AuthorizationFlow;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The web app's configuration, read from environment variables ({@link #fromEnvironment(Map)}). With no
 * {@code NEON_CLIENT_ID} the app runs in embedded mode: an in-process Neon sandbox and the embedded database.
 *
 * @param host the interface to bind ({@code HOST}; 127.0.0.1 in embedded mode, 0.0.0.0 otherwise)
 * @param port the port ({@code PORT}, default 3000; 0 picks a free one)
 * @param clientId the OAuth client id; empty means embedded mode
 * @param clientSecret the client secret (confidential web client)
 * @param redirectUri the callback registered at Neon; empty in embedded mode (derived from host and port)
 * @param oauthHost {@code NEON_OAUTH_HOST}, passed to the Neon adapter; empty means Neon's production server
 * @param apiHost {@code NEON_API_HOST}, passed to the Neon adapter
 * @param jdbcUrl {@code NEON_OAUTH_JDBC_URL}, passed to storage; empty means the embedded database
 * @param scopes the scopes asked for at "Connect Neon" ({@code NEON_OAUTH_SCOPES})
 * @param cookieSecure forces the session cookie's Secure flag ({@code NEON_OAUTH_COOKIE_SECURE}); empty means
 *     automatic: Secure when the redirect URI is https, or when the request arrived over https
 * @param trustProxy trust {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} from a reverse proxy
 *     ({@code TRUST_PROXY}): the scheme decides the cookie's Secure flag and HSTS, the host whether a request is sent to
 *     the canonical origin (see {@link CanonicalOrigin})
 * @param sessionIdle idle timeout of a session ({@code NEON_OAUTH_SESSION_IDLE_MINUTES}, default 30)
 * @param sessionAbsolute absolute lifetime of a session ({@code NEON_OAUTH_SESSION_ABSOLUTE_HOURS}, default 12)
 * @param shutdownGrace how long in-flight requests may finish at shutdown ({@code NEON_OAUTH_SHUTDOWN_GRACE_SECONDS})
 * @param stateTtl how long a started "Connect Neon" may take before its state expires and its pending authorization
 *     is purged ({@code NEON_OAUTH_STATE_TTL_SECONDS}, default 600, 1 to 3600). The state is bound to the browser's
 *     session, so a callback after the session's idle timeout fails even within this lifetime.
 * @param environment the whole environment, for the adapters' own configuration
 */
public record WebConfig(
        String host,
        int port,
        Optional<String> clientId,
        Optional<ClientSecret> clientSecret,
        Optional<URI> redirectUri,
        Optional<String> oauthHost,
        Optional<String> apiHost,
        Optional<String> jdbcUrl,
        ScopeSet scopes,
        Optional<Boolean> cookieSecure,
        boolean trustProxy,
        Duration sessionIdle,
        Duration sessionAbsolute,
        Duration shutdownGrace,
        Duration stateTtl,
        Map<String, String> environment) {

    public static final int DEFAULT_PORT = 3000;
    public static final String CALLBACK_PATH = "/api/oauth/callback";
    /** The scopes the app asks for by default: everything it uses, with refresh tokens. */
    public static final ScopeSet DEFAULT_SCOPES = NeonScopes.DEFAULT;

    public WebConfig {
        Objects.requireNonNull(host, "host == null");
        Objects.requireNonNull(clientId, "clientId == null");
        Objects.requireNonNull(clientSecret, "clientSecret == null");
        Objects.requireNonNull(redirectUri, "redirectUri == null");
        Objects.requireNonNull(oauthHost, "oauthHost == null");
        Objects.requireNonNull(apiHost, "apiHost == null");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
        Objects.requireNonNull(scopes, "scopes == null");
        Objects.requireNonNull(cookieSecure, "cookieSecure == null");
        Objects.requireNonNull(sessionIdle, "sessionIdle == null");
        Objects.requireNonNull(sessionAbsolute, "sessionAbsolute == null");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
        Objects.requireNonNull(stateTtl, "stateTtl == null");
        environment = Map.copyOf(environment);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("NEON_OAUTH_SCOPES names no scope");
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionAbsolute.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("session timeouts must be positive, and the absolute one at least the idle one");
        }
        if (stateTtl.compareTo(Duration.ofSeconds(1)) < 0
                || stateTtl.compareTo(AuthorizationFlow.MAX_STATE_TTL) > 0) {
            throw new IllegalArgumentException("NEON_OAUTH_STATE_TTL_SECONDS must be between 1 and "
                    + AuthorizationFlow.MAX_STATE_TTL.toSeconds());
        }
        if (clientId.isPresent() && redirectUri.isEmpty()) {
            throw new IllegalArgumentException("NEON_REDIRECT_URI is required with NEON_CLIENT_ID"
                    + " (e.g. https://yourapp.example/api/oauth/callback)");
        }
        redirectUri.ifPresent(uri -> {
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("NEON_REDIRECT_URI must be an absolute http(s) URL"
                        + " (e.g. https://yourapp.example/api/oauth/callback)");
            }
            if (!CALLBACK_PATH.equals(uri.getPath())) {
                throw new IllegalArgumentException("NEON_REDIRECT_URI must end with " + CALLBACK_PATH);
            }
        });
    }

    /**
     * {@code NEON_CLIENT_AUTH}: {@code client_secret_post}, {@code client_secret_basic} or {@code none}; empty when
     * unset (a client with a secret then uses {@code client_secret_post}, the method Neon registers partner clients
     * with).
     *
     * @throws IllegalArgumentException naming the variable when the value is not one of those
     */
    static Optional<ClientAuthenticationMethod> clientAuthentication(Map<String, String> env) {
        try {
            return value(env, ENV_CLIENT_AUTH).map(ClientAuthenticationMethod::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_CLIENT_AUTH + ": " + e.getMessage(), e);
        }
    }

    /** True when no client is configured: run the in-process sandbox and the embedded database. */
    public boolean embedded() {
        return clientId.isEmpty();
    }

    static final String ENV_CLIENT_AUTH = "NEON_CLIENT_AUTH";

    /** Reads the configuration from environment variables; see docs/app-web.md for the table. */
    public static WebConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        Optional<String> clientId = value(env, "NEON_CLIENT_ID");
        String host = value(env, "HOST").orElse(clientId.isEmpty() ? "127.0.0.1" : "0.0.0.0");
        int port = value(env, "PORT").map(p -> parseInt("PORT", p)).orElse(DEFAULT_PORT);
        Optional<URI> redirect = value(env, "NEON_REDIRECT_URI").map(v -> parseUri("NEON_REDIRECT_URI", v));
        ScopeSet scopes = value(env, "NEON_OAUTH_SCOPES").map(s -> ScopeSet.parse(s.replace(',', ' ')))
                .orElse(DEFAULT_SCOPES);
        Optional<Boolean> secure = value(env, "NEON_OAUTH_COOKIE_SECURE").map(v -> parseBoolean("NEON_OAUTH_COOKIE_SECURE", v));
        clientAuthentication(env); // validated here, read when the client registration is built
        return new WebConfig(
                host,
                port,
                clientId,
                value(env, "NEON_CLIENT_SECRET").map(ClientSecret::new),
                redirect,
                value(env, "NEON_OAUTH_HOST"),
                value(env, "NEON_API_HOST"),
                value(env, "NEON_OAUTH_JDBC_URL"),
                scopes,
                secure,
                value(env, "TRUST_PROXY").map(v -> parseBoolean("TRUST_PROXY", v)).orElse(false),
                Duration.ofMinutes(value(env, "NEON_OAUTH_SESSION_IDLE_MINUTES")
                        .map(v -> parseInt("NEON_OAUTH_SESSION_IDLE_MINUTES", v)).orElse(30)),
                Duration.ofHours(value(env, "NEON_OAUTH_SESSION_ABSOLUTE_HOURS")
                        .map(v -> parseInt("NEON_OAUTH_SESSION_ABSOLUTE_HOURS", v)).orElse(12)),
                Duration.ofSeconds(value(env, "NEON_OAUTH_SHUTDOWN_GRACE_SECONDS")
                        .map(v -> parseInt("NEON_OAUTH_SHUTDOWN_GRACE_SECONDS", v)).orElse(10)),
                value(env, "NEON_OAUTH_STATE_TTL_SECONDS").map(v -> Duration.ofSeconds(parseInt("NEON_OAUTH_STATE_TTL_SECONDS", v)))
                        .orElse(AuthorizationFlow.DEFAULT_STATE_TTL),
                env);
    }

    /** The same configuration on another port (tests and embedded runs use port 0). */
    public WebConfig withPort(int newPort) {
        return new WebConfig(host, newPort, clientId, clientSecret, redirectUri, oauthHost, apiHost, jdbcUrl, scopes,
                cookieSecure, trustProxy, sessionIdle, sessionAbsolute, shutdownGrace, stateTtl, environment);
    }

    /** The same configuration with other session timeouts. */
    public WebConfig withSessionTimeouts(Duration idle, Duration absolute) {
        return new WebConfig(host, port, clientId, clientSecret, redirectUri, oauthHost, apiHost, jdbcUrl, scopes,
                cookieSecure, trustProxy, idle, absolute, shutdownGrace, stateTtl, environment);
    }

    /** The same configuration asking for other scopes. */
    public WebConfig withScopes(ScopeSet newScopes) {
        return new WebConfig(host, port, clientId, clientSecret, redirectUri, oauthHost, apiHost, jdbcUrl, newScopes,
                cookieSecure, trustProxy, sessionIdle, sessionAbsolute, shutdownGrace, stateTtl, environment);
    }

    /**
     * The callback URI for a server bound to {@code actualPort}: the configured one, or in embedded mode
     * {@code http://127.0.0.1:<port>/api/oauth/callback} (a loopback IP literal matches any port at the sandbox).
     */
    public URI callbackUri(int actualPort) {
        return redirectUri.orElseGet(() -> URI.create("http://127.0.0.1:" + actualPort + CALLBACK_PATH));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static URI parseUri(String name, String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        };
    }

    @Override
    public String toString() {
        return "WebConfig{host=" + host + ", port=" + port + ", embedded=" + embedded()
                + ", clientId=" + clientId.orElse("(embedded sandbox client)")
                + ", redirectUri=" + redirectUri.map(URI::toString).orElse("(derived)")
                + ", scopes=" + scopes.render() + ", trustProxy=" + trustProxy + "}";
    }
}
