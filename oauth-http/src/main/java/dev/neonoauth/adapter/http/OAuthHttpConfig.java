package dev.neonoauth.adapter.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an authorization server is and how to talk to it: its issuer, whether to discover its endpoints, explicit
 * endpoints (which replace discovered ones, or stand alone without discovery), timeouts, the largest answer read, and
 * HTTP logging. Build it with {@link #builder()} or {@link #fromEnvironment(Map, String)}.
 *
 * <p>Discovery asks {@code <issuer>/.well-known/openid-configuration} first and, when that is not found, the RFC 8414
 * document {@code /.well-known/oauth-authorization-server}; either must name the configured issuer. Without
 * discovery, the authorization and token endpoints must be given.
 *
 * <p>Plain {@code http} is accepted only for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}).
 *
 * @param issuer the server's issuer identifier
 * @param discovery fetch the server's metadata at first use (then cached)
 * @param authorizationEndpoint replaces the discovered authorization endpoint; required without discovery
 * @param tokenEndpoint replaces the discovered token endpoint; required without discovery
 * @param revocationEndpoint replaces the discovered revocation endpoint (RFC 7009)
 * @param userinfoEndpoint replaces the discovered userinfo endpoint (OpenID Connect)
 * @param connectTimeout TCP and TLS connect timeout
 * @param readTimeout read (and write) timeout
 * @param callTimeout whole-call timeout of one request
 * @param maxResponseBytes the largest answer body read
 * @param httpLogLevel HTTP traffic logging (logger {@value RedactingHttpLogger#OAUTH_LOGGER}); secrets are redacted
 */
public record OAuthHttpConfig(
        URI issuer,
        boolean discovery,
        Optional<URI> authorizationEndpoint,
        Optional<URI> tokenEndpoint,
        Optional<URI> revocationEndpoint,
        Optional<URI> userinfoEndpoint,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxResponseBytes,
        HttpLogLevel httpLogLevel) {

    private static final long MIN_BODY_BYTES = 1024;

    public OAuthHttpConfig {
        requireHttpUri(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint == null");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint == null");
        Objects.requireNonNull(revocationEndpoint, "revocationEndpoint == null");
        Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint == null");
        authorizationEndpoint.ifPresent(u -> requireHttpUri(u, "authorization endpoint"));
        tokenEndpoint.ifPresent(u -> requireHttpUri(u, "token endpoint"));
        revocationEndpoint.ifPresent(u -> requireHttpUri(u, "revocation endpoint"));
        userinfoEndpoint.ifPresent(u -> requireHttpUri(u, "userinfo endpoint"));
        if (!discovery && (authorizationEndpoint.isEmpty() || tokenEndpoint.isEmpty())) {
            throw new IllegalArgumentException(
                    "without discovery, the authorization endpoint and the token endpoint must be configured");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxResponseBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("maxResponseBytes must be at least " + MIN_BODY_BYTES);
        }
        Objects.requireNonNull(httpLogLevel, "httpLogLevel == null");
    }

    /** A configuration for {@code issuer} with discovery and every default. */
    public static OAuthHttpConfig forIssuer(URI issuer) {
        return builder().issuer(issuer).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.issuer = issuer;
        b.discovery = discovery;
        b.authorizationEndpoint = authorizationEndpoint.orElse(null);
        b.tokenEndpoint = tokenEndpoint.orElse(null);
        b.revocationEndpoint = revocationEndpoint.orElse(null);
        b.userinfoEndpoint = userinfoEndpoint.orElse(null);
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.maxResponseBytes = maxResponseBytes;
        b.httpLogLevel = httpLogLevel;
        return b;
    }

    /**
     * Reads {@code <prefix>ISSUER} (required), {@code <prefix>DISCOVERY} ({@code true} or {@code false}),
     * {@code <prefix>AUTHORIZATION_ENDPOINT}, {@code <prefix>TOKEN_ENDPOINT}, {@code <prefix>REVOCATION_ENDPOINT},
     * {@code <prefix>USERINFO_ENDPOINT} and {@code <prefix>HTTP_LOG}; blank values count as absent. With the prefix
     * {@code "OAUTH_"}: {@code OAUTH_ISSUER=https://login.example.com}.
     *
     * @throws IllegalArgumentException naming the variable whose value is missing or invalid
     */
    public static OAuthHttpConfig fromEnvironment(Map<String, String> env, String prefix) {
        Objects.requireNonNull(env, "env == null");
        Objects.requireNonNull(prefix, "prefix == null");
        Builder b = builder();
        b.issuer(value(env, prefix + "ISSUER").map(v -> parseUri(v, prefix + "ISSUER")).orElseThrow(
                () -> new IllegalArgumentException(prefix + "ISSUER is not set: set it to the server's issuer URL")));
        value(env, prefix + "DISCOVERY").ifPresent(v -> b.discovery(parseBoolean(v, prefix + "DISCOVERY")));
        value(env, prefix + "AUTHORIZATION_ENDPOINT")
                .ifPresent(v -> b.authorizationEndpoint(parseUri(v, prefix + "AUTHORIZATION_ENDPOINT")));
        value(env, prefix + "TOKEN_ENDPOINT").ifPresent(v -> b.tokenEndpoint(parseUri(v, prefix + "TOKEN_ENDPOINT")));
        value(env, prefix + "REVOCATION_ENDPOINT")
                .ifPresent(v -> b.revocationEndpoint(parseUri(v, prefix + "REVOCATION_ENDPOINT")));
        value(env, prefix + "USERINFO_ENDPOINT")
                .ifPresent(v -> b.userinfoEndpoint(parseUri(v, prefix + "USERINFO_ENDPOINT")));
        value(env, prefix + "HTTP_LOG").ifPresent(v -> b.httpLogLevel(parseLevel(v, prefix + "HTTP_LOG")));
        if (!b.discovery && (b.authorizationEndpoint == null || b.tokenEndpoint == null)) {
            throw new IllegalArgumentException(prefix + "DISCOVERY=false needs " + prefix + "AUTHORIZATION_ENDPOINT and "
                    + prefix + "TOKEN_ENDPOINT");
        }
        return b.build();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Parses and checks the URL here, so that a refused value is reported under its variable's name. */
    private static URI parseUri(String value, String name) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL", e);
        }
        requireHttpUri(uri, name);
        return uri;
    }

    private static HttpLogLevel parseLevel(String value, String name) {
        try {
            return HttpLogLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String value, String name) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Requires an absolute http(s) URL with a host, no fragment and no user info; plain http only on loopback.
     *
     * @throws IllegalArgumentException naming {@code name}
     */
    public static void requireHttpUri(URI uri, String name) {
        Objects.requireNonNull(uri, () -> name + " == null");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a host: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a fragment: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not carry user info");
        }
        if (scheme.equals("http") && !isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException(name + " uses plain http on the non-loopback host " + uri.getHost()
                    + "; use https (plain http is allowed only for localhost, 127.0.0.0/8 and ::1)");
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, () -> name + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Builds an {@link OAuthHttpConfig}; unset fields keep their defaults. */
    public static final class Builder {
        private URI issuer;
        private boolean discovery = true;
        private URI authorizationEndpoint;
        private URI tokenEndpoint;
        private URI revocationEndpoint;
        private URI userinfoEndpoint;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private long maxResponseBytes = 64 * 1024;
        private HttpLogLevel httpLogLevel = HttpLogLevel.NONE;

        private Builder() {}

        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder discovery(boolean discovery) {
            this.discovery = discovery;
            return this;
        }

        public Builder authorizationEndpoint(URI uri) {
            this.authorizationEndpoint = uri;
            return this;
        }

        public Builder tokenEndpoint(URI uri) {
            this.tokenEndpoint = uri;
            return this;
        }

        public Builder revocationEndpoint(URI uri) {
            this.revocationEndpoint = uri;
            return this;
        }

        public Builder userinfoEndpoint(URI uri) {
            this.userinfoEndpoint = uri;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder httpLogLevel(HttpLogLevel level) {
            this.httpLogLevel = level;
            return this;
        }

        /** @throws IllegalArgumentException if a value is missing, out of range, or a URL is not allowed */
        public OAuthHttpConfig build() {
            if (issuer == null) {
                throw new IllegalArgumentException("the issuer is required");
            }
            return new OAuthHttpConfig(issuer, discovery, Optional.ofNullable(authorizationEndpoint),
                    Optional.ofNullable(tokenEndpoint), Optional.ofNullable(revocationEndpoint),
                    Optional.ofNullable(userinfoEndpoint), connectTimeout, readTimeout, callTimeout, maxResponseBytes,
                    httpLogLevel);
        }
    }
}
