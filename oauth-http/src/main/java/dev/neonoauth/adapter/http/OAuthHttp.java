package dev.neonoauth.adapter.http;

import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.OAuthEndpoints;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The core's server-facing ports for any standards-compliant OAuth 2.0 / OpenID Connect server, over OkHttp and
 * Moshi: metadata discovery (OpenID Connect, then RFC 8414), the token endpoint (authorization_code and refresh_token
 * grants, strict RFC 6749 section 5.1 parsing), revocation (RFC 7009) and userinfo. Client authentication is
 * {@code client_secret_basic}, {@code client_secret_post} or {@code none}, as the {@code ClientRegistration} chooses
 * or, when it does not, as the server's {@code token_endpoint_auth_methods_supported} allows.
 *
 * <pre>{@code
 * OAuthHttp http = OAuthHttp.create(OAuthHttpConfig.forIssuer(URI.create("https://login.example.com")));
 * OAuthClient oauth = OAuthClient.builder().client(registration).endpoints(http)
 *         .tokenStore(new InMemoryTokenStore()).pendingAuthorizationStore(new InMemoryPendingAuthorizationStore())
 *         .build();
 * }</pre>
 *
 * Creating it does no I/O; the server's metadata is fetched by the first operation that needs it. Thread-safe; create
 * one per server and share it (its connections are pooled).
 */
public final class OAuthHttp implements OAuthEndpoints {
    private final OAuthHttpConfig config;
    private final OkHttpClient http;
    private final MetadataDiscovery discovery;
    private final LazyServer server;
    private final HttpTokenEndpoint tokenEndpoint;
    private final HttpRevocationEndpoint revocationEndpoint;
    private final HttpUserInfoEndpoint userInfoEndpoint;

    private OAuthHttp(OAuthHttpConfig config, OkHttpClient base) {
        this.config = config;
        OkHttpClient.Builder builder = base.newBuilder()
                .addInterceptor(new ResponseSizeLimitInterceptor(config.maxResponseBytes()));
        if (config.httpLogLevel() != HttpLogLevel.NONE) {
            builder.addInterceptor(new RedactingHttpLogger(config.httpLogLevel(), RedactingHttpLogger.OAUTH_LOGGER));
        }
        this.http = builder.build();
        this.discovery = new MetadataDiscovery(http);
        this.server = new LazyServer(config, discovery);
        this.tokenEndpoint = new HttpTokenEndpoint(http, server);
        this.revocationEndpoint = new HttpRevocationEndpoint(http, server);
        this.userInfoEndpoint = new HttpUserInfoEndpoint(http, server);
    }

    /** With its own HTTP client ({@link HttpClients} settings and the configured timeouts). */
    public static OAuthHttp create(OAuthHttpConfig config) {
        Objects.requireNonNull(config, "config == null");
        return new OAuthHttp(config, HttpClients.builder(config.connectTimeout(), config.readTimeout(),
                config.callTimeout()).addInterceptor(HttpClients.standardHeaders(UserAgent.value())).build());
    }

    /**
     * Sharing {@code base}'s connection pool, dispatcher and interceptors (e.g. a proxy or a TLS setting); its
     * redirect and retry settings should be those of {@link HttpClients#builder}, with
     * {@link HttpClients#standardHeaders} among its interceptors.
     */
    public static OAuthHttp create(OAuthHttpConfig config, OkHttpClient base) {
        return new OAuthHttp(Objects.requireNonNull(config, "config == null"), Objects.requireNonNull(base, "base == null"));
    }

    public OAuthHttpConfig config() {
        return config;
    }

    /** The configured server, discovered (and cached) at first use. */
    @Override
    public AuthorizationServerSource server() {
        return server;
    }

    /** Discovery of any issuer's metadata (cached per issuer); {@link #server()} uses it for the configured one. */
    public AuthorizationServerDiscovery discovery() {
        return discovery;
    }

    @Override
    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    public RevocationEndpoint revocationEndpoint() {
        return revocationEndpoint;
    }

    public UserInfoEndpoint userInfoEndpoint() {
        return userInfoEndpoint;
    }
}
