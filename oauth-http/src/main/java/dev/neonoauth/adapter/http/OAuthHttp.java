package dev.neonoauth.adapter.http;

import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;
import dev.neonoauth.core.port.out.OAuthEndpoints;
import dev.neonoauth.core.port.out.RevocationEndpoint;
import dev.neonoauth.core.port.out.TokenEndpoint;
import dev.neonoauth.core.port.out.UserInfoEndpoint;
import java.util.Objects;
import okhttp3.Call;
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
    private final Call.Factory http;
    private final MetadataDiscovery discovery;
    private final LazyServer server;
    private final HttpTokenEndpoint tokenEndpoint;
    private final HttpRevocationEndpoint revocationEndpoint;
    private final HttpUserInfoEndpoint userInfoEndpoint;

    private OAuthHttp(OAuthHttpConfig config, Call.Factory http) {
        this.config = config;
        this.http = http;
        this.discovery = new MetadataDiscovery(http);
        this.server = new LazyServer(config, discovery);
        this.tokenEndpoint = new HttpTokenEndpoint(http, server);
        this.revocationEndpoint = new HttpRevocationEndpoint(http, server);
        this.userInfoEndpoint = new HttpUserInfoEndpoint(http, server);
    }

    /**
     * With its own HTTP client ({@link HttpClients} settings and the configured timeouts). Its TLS (the JDK's trust
     * store, an {@code SSLContext}) is set up by the first {@code https} request ({@link TlsOnDemand}): a server on
     * plain {@code http} (loopback only) is talked to without it.
     */
    public static OAuthHttp create(OAuthHttpConfig config) {
        Objects.requireNonNull(config, "config == null");
        OkHttpClient.Builder builder = HttpClients.builder(config.connectTimeout(), config.readTimeout(),
                config.callTimeout()).addInterceptor(HttpClients.standardHeaders(UserAgent.value()));
        return new OAuthHttp(config, TlsOnDemand.build(withAdapterInterceptors(builder, config)));
    }

    /**
     * Sharing {@code base}'s connection pool, dispatcher, interceptors and TLS settings (e.g. a proxy, a trust store or
     * certificate pins); its redirect and retry settings should be those of {@link HttpClients#builder}, with
     * {@link HttpClients#standardHeaders} among its interceptors.
     */
    public static OAuthHttp create(OAuthHttpConfig config, OkHttpClient base) {
        Objects.requireNonNull(config, "config == null");
        Objects.requireNonNull(base, "base == null");
        return new OAuthHttp(config, withAdapterInterceptors(base.newBuilder(), config).build());
    }

    /** The answer size cap, then the traffic log when configured, after the interceptors the builder has. */
    private static OkHttpClient.Builder withAdapterInterceptors(OkHttpClient.Builder builder, OAuthHttpConfig config) {
        builder.addInterceptor(new ResponseSizeLimitInterceptor(config.maxResponseBytes()));
        if (config.httpLogLevel() != HttpLogLevel.NONE) {
            builder.addInterceptor(new RedactingHttpLogger(config.httpLogLevel(), RedactingHttpLogger.OAUTH_LOGGER));
        }
        return builder;
    }

    /** The HTTP client of every endpoint: a {@link TlsOnDemand} from {@link #create(OAuthHttpConfig)}. */
    Call.Factory http() {
        return http;
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
