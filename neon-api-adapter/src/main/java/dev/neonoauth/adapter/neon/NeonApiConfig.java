package dev.neonoauth.adapter.neon;

import dev.neonoauth.adapter.http.HttpLogLevel;
import dev.neonoauth.adapter.http.OAuthHttpConfig;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.neon.NeonOAuth;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the Neon adapter: where the OAuth server and the API are, how long to wait, how often to retry,
 * how much to read, and whether to log HTTP traffic. Build it with {@link #builder()} or {@link #fromEnvironment(Map)};
 * every field has a default that talks to Neon's production servers.
 *
 * <p>Plain {@code http} is accepted only for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}),
 * so that a local sandbox works and nothing else is ever contacted without TLS.
 *
 * @param issuer the OAuth issuer; discovery must name the same issuer (trailing slash aside)
 * @param useDiscovery fetch the server's metadata (once, then cached); when false the endpoints are Ory Hydra's
 *     paths under the issuer
 * @param authorizationEndpointOverride replaces the discovered or derived authorization endpoint
 * @param tokenEndpointOverride replaces the discovered or derived token endpoint
 * @param revocationEndpointOverride replaces the discovered or derived revocation endpoint
 * @param userinfoEndpointOverride replaces the discovered or derived userinfo endpoint
 * @param apiBaseUrl Neon API v2 base URL
 * @param connectTimeout TCP and TLS connect timeout
 * @param readTimeout read (and write) timeout of one HTTP exchange
 * @param callTimeout whole-call timeout of one HTTP exchange, including its one 401 retry
 * @param lockedRetries how many times a 423 Locked answer is retried
 * @param lockedRetryDelay wait between 423 retries
 * @param throttledRetries how many times a 429 or 503 answer is retried
 * @param backoffBase first delay of the exponential backoff (429, 503 without Retry-After; transport failures)
 * @param backoffCap largest delay of the exponential backoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the retries
 * @param transportRetries how many times a GET is retried after a transport failure
 * @param operationPollInterval wait between polls of a Neon operation
 * @param maxOAuthResponseBytes the largest body read from the OAuth server
 * @param maxApiResponseBytes the largest body read from the Neon API
 * @param httpLogLevel HTTP traffic logging; secrets are redacted at every level
 */
public record NeonApiConfig(
        URI issuer,
        boolean useDiscovery,
        Optional<URI> authorizationEndpointOverride,
        Optional<URI> tokenEndpointOverride,
        Optional<URI> revocationEndpointOverride,
        Optional<URI> userinfoEndpointOverride,
        URI apiBaseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int lockedRetries,
        Duration lockedRetryDelay,
        int throttledRetries,
        Duration backoffBase,
        Duration backoffCap,
        Duration maxRetryAfter,
        int transportRetries,
        Duration operationPollInterval,
        long maxOAuthResponseBytes,
        long maxApiResponseBytes,
        HttpLogLevel httpLogLevel) {

    /** Neon's OAuth issuer, as its discovery document spells it. */
    public static final URI DEFAULT_ISSUER = NeonOAuth.ISSUER;
    /** Neon's API v2. */
    public static final URI DEFAULT_API_BASE_URL = NeonOAuth.API_BASE_URL;
    /** Environment variable: the OAuth host, e.g. {@code https://oauth2.neon.tech} (as neonctl reads it). */
    public static final String ENV_OAUTH_HOST = "NEON_OAUTH_HOST";
    /** Environment variable: the API base URL, e.g. {@code https://console.neon.tech/api/v2} (as neonctl reads it). */
    public static final String ENV_API_HOST = "NEON_API_HOST";
    /** Environment variable: {@code none}, {@code basic}, {@code headers} or {@code body}. */
    public static final String ENV_HTTP_LOG = "NEON_HTTP_LOG";

    private static final int MAX_RETRIES = 20;
    private static final long MIN_BODY_BYTES = 1024;

    public NeonApiConfig {
        requireHttpUri(issuer, "issuer");
        requireNonNull(authorizationEndpointOverride, "authorizationEndpointOverride");
        requireNonNull(tokenEndpointOverride, "tokenEndpointOverride");
        requireNonNull(revocationEndpointOverride, "revocationEndpointOverride");
        requireNonNull(userinfoEndpointOverride, "userinfoEndpointOverride");
        authorizationEndpointOverride.ifPresent(u -> requireHttpUri(u, "authorization endpoint override"));
        tokenEndpointOverride.ifPresent(u -> requireHttpUri(u, "token endpoint override"));
        revocationEndpointOverride.ifPresent(u -> requireHttpUri(u, "revocation endpoint override"));
        userinfoEndpointOverride.ifPresent(u -> requireHttpUri(u, "userinfo endpoint override"));
        requireHttpUri(apiBaseUrl, "API base URL");
        if (apiBaseUrl.getRawQuery() != null) {
            throw new IllegalArgumentException("the API base URL must not have a query: " + apiBaseUrl);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        requireRetries(lockedRetries, "lockedRetries");
        requireNotNegative(lockedRetryDelay, "lockedRetryDelay");
        requireRetries(throttledRetries, "throttledRetries");
        requirePositive(backoffBase, "backoffBase");
        requirePositive(backoffCap, "backoffCap");
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap must not be shorter than backoffBase");
        }
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        requireRetries(transportRetries, "transportRetries");
        requirePositive(operationPollInterval, "operationPollInterval");
        if (maxOAuthResponseBytes < MIN_BODY_BYTES || maxApiResponseBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("response size limits must be at least " + MIN_BODY_BYTES + " bytes");
        }
        requireNonNull(httpLogLevel, "httpLogLevel");
    }

    /** The defaults: Neon's production servers, discovery on, logging off. */
    public static NeonApiConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.issuer = issuer;
        b.useDiscovery = useDiscovery;
        b.authorizationEndpointOverride = authorizationEndpointOverride.orElse(null);
        b.tokenEndpointOverride = tokenEndpointOverride.orElse(null);
        b.revocationEndpointOverride = revocationEndpointOverride.orElse(null);
        b.userinfoEndpointOverride = userinfoEndpointOverride.orElse(null);
        b.apiBaseUrl = apiBaseUrl;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.lockedRetries = lockedRetries;
        b.lockedRetryDelay = lockedRetryDelay;
        b.throttledRetries = throttledRetries;
        b.backoffBase = backoffBase;
        b.backoffCap = backoffCap;
        b.maxRetryAfter = maxRetryAfter;
        b.transportRetries = transportRetries;
        b.operationPollInterval = operationPollInterval;
        b.maxOAuthResponseBytes = maxOAuthResponseBytes;
        b.maxApiResponseBytes = maxApiResponseBytes;
        b.httpLogLevel = httpLogLevel;
        return b;
    }

    /**
     * The defaults, changed by the environment: {@value #ENV_OAUTH_HOST} (the OAuth host; the issuer is the host
     * with a trailing slash), {@value #ENV_API_HOST} (the API base URL) and {@value #ENV_HTTP_LOG} (log level).
     * Blank values count as absent.
     *
     * @throws IllegalArgumentException if a value is not a valid URL or level, or uses http on a non-loopback host
     */
    public static NeonApiConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env == null");
        Builder builder = builder();
        value(env, ENV_OAUTH_HOST).ifPresent(host -> builder.issuer(parseUri(host, ENV_OAUTH_HOST)));
        value(env, ENV_API_HOST).ifPresent(api -> builder.apiBaseUrl(parseUri(api, ENV_API_HOST)));
        value(env, ENV_HTTP_LOG).ifPresent(level -> builder.httpLogLevel(parseLevel(level)));
        return builder.build();
    }

    /**
     * The OAuth part of this configuration for oauth-http: the issuer with discovery and the endpoint overrides, or,
     * without discovery, Ory Hydra's endpoints under the issuer with the overrides applied; the OAuth body limit; the
     * same timeouts and logging.
     */
    public OAuthHttpConfig oauthHttpConfig() {
        OAuthHttpConfig.Builder b = OAuthHttpConfig.builder()
                .issuer(normalizedIssuer())
                .discovery(useDiscovery)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .maxResponseBytes(maxOAuthResponseBytes)
                .httpLogLevel(httpLogLevel);
        if (!useDiscovery) {
            AuthorizationServer hydra = NeonOAuth.hydraEndpoints(normalizedIssuer());
            b.authorizationEndpoint(hydra.authorizationEndpoint()).tokenEndpoint(hydra.tokenEndpoint())
                    .revocationEndpoint(hydra.revocationEndpoint().orElseThrow())
                    .userinfoEndpoint(hydra.userinfoEndpoint().orElseThrow());
        }
        authorizationEndpointOverride.ifPresent(b::authorizationEndpoint);
        tokenEndpointOverride.ifPresent(b::tokenEndpoint);
        revocationEndpointOverride.ifPresent(b::revocationEndpoint);
        userinfoEndpointOverride.ifPresent(b::userinfoEndpoint);
        return b.build();
    }

    /** The issuer with exactly one trailing slash, the form Neon's discovery uses. */
    URI normalizedIssuer() {
        String s = issuer.toString();
        return s.endsWith("/") ? issuer : URI.create(s + "/");
    }

    /** The API base URL with a trailing slash, as Retrofit wants it. */
    String apiBaseUrlWithSlash() {
        String s = apiBaseUrl.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static URI parseUri(String value, String name) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static HttpLogLevel parseLevel(String value) {
        try {
            return HttpLogLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_HTTP_LOG + ": " + e.getMessage(), e);
        }
    }

    private static void requireNonNull(Object value, String name) {
        Objects.requireNonNull(value, () -> name + " == null");
    }

    private static void requireHttpUri(URI uri, String name) {
        OAuthHttpConfig.requireHttpUri(uri, name);
    }

    private static void requirePositive(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    private static void requireRetries(int retries, String name) {
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_RETRIES + ", got " + retries);
        }
    }

    /** Builds a {@link NeonApiConfig}; unset fields keep their defaults. */
    public static final class Builder {
        private URI issuer = DEFAULT_ISSUER;
        private boolean useDiscovery = true;
        private URI authorizationEndpointOverride;
        private URI tokenEndpointOverride;
        private URI revocationEndpointOverride;
        private URI userinfoEndpointOverride;
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int lockedRetries = 5;
        private Duration lockedRetryDelay = Duration.ofSeconds(3);
        private int throttledRetries = 4;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffCap = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private int transportRetries = 2;
        private Duration operationPollInterval = Duration.ofSeconds(1);
        private long maxOAuthResponseBytes = 64 * 1024;
        private long maxApiResponseBytes = 16L * 1024 * 1024;
        private HttpLogLevel httpLogLevel = HttpLogLevel.NONE;

        private Builder() {}

        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder useDiscovery(boolean useDiscovery) {
            this.useDiscovery = useDiscovery;
            return this;
        }

        public Builder authorizationEndpointOverride(URI uri) {
            this.authorizationEndpointOverride = uri;
            return this;
        }

        public Builder tokenEndpointOverride(URI uri) {
            this.tokenEndpointOverride = uri;
            return this;
        }

        public Builder revocationEndpointOverride(URI uri) {
            this.revocationEndpointOverride = uri;
            return this;
        }

        public Builder userinfoEndpointOverride(URI uri) {
            this.userinfoEndpointOverride = uri;
            return this;
        }

        public Builder apiBaseUrl(URI apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
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

        public Builder lockedRetries(int retries) {
            this.lockedRetries = retries;
            return this;
        }

        public Builder lockedRetryDelay(Duration delay) {
            this.lockedRetryDelay = delay;
            return this;
        }

        public Builder throttledRetries(int retries) {
            this.throttledRetries = retries;
            return this;
        }

        public Builder backoffBase(Duration base) {
            this.backoffBase = base;
            return this;
        }

        public Builder backoffCap(Duration cap) {
            this.backoffCap = cap;
            return this;
        }

        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = max;
            return this;
        }

        public Builder transportRetries(int retries) {
            this.transportRetries = retries;
            return this;
        }

        public Builder operationPollInterval(Duration interval) {
            this.operationPollInterval = interval;
            return this;
        }

        public Builder maxOAuthResponseBytes(long bytes) {
            this.maxOAuthResponseBytes = bytes;
            return this;
        }

        public Builder maxApiResponseBytes(long bytes) {
            this.maxApiResponseBytes = bytes;
            return this;
        }

        public Builder httpLogLevel(HttpLogLevel level) {
            this.httpLogLevel = level;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range or a URL is not allowed */
        public NeonApiConfig build() {
            return new NeonApiConfig(issuer, useDiscovery,
                    Optional.ofNullable(authorizationEndpointOverride), Optional.ofNullable(tokenEndpointOverride),
                    Optional.ofNullable(revocationEndpointOverride), Optional.ofNullable(userinfoEndpointOverride),
                    apiBaseUrl, connectTimeout, readTimeout, callTimeout,
                    lockedRetries, lockedRetryDelay, throttledRetries, backoffBase, backoffCap, maxRetryAfter,
                    transportRetries, operationPollInterval, maxOAuthResponseBytes, maxApiResponseBytes, httpLogLevel);
        }
    }
}
