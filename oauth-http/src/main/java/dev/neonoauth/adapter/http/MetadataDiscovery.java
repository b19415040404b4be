package dev.neonoauth.adapter.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization server metadata discovery: OpenID Connect Discovery ({@code <issuer>/.well-known/openid-configuration})
 * first, and when that document does not exist (404 or 410), RFC 8414's
 * {@code /.well-known/oauth-authorization-server}, inserted between the host and the issuer's path (RFC 8414 section
 * 3.1). The document must name the issuer that was asked for (trailing slash aside; OIDC Discovery section 4.3,
 * RFC 8414 section 3.3), else discovery fails for good. Successful results are cached per issuer for the life of the
 * instance; failures are not cached.
 */
final class MetadataDiscovery implements AuthorizationServerDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataDiscovery.class);
    static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
    static final String OAUTH_AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";
    /**
     * The adapter, built when first used (holder idiom): building Moshi's reflective adapter took about 5 ms of
     * every CLI start, and most commands, with a fresh token, never ask the authorization server anything.
     */
    private static final class Json {
        static final JsonAdapter<OAuthJson.Metadata> ADAPTER = OAuthJson.MOSHI.adapter(OAuthJson.Metadata.class);

        private Json() {}
    }

    private final Call.Factory http;
    private final Map<String, AuthorizationServer> cache = new ConcurrentHashMap<>();

    MetadataDiscovery(Call.Factory http) {
        this.http = http;
    }

    @Override
    public AuthorizationServer discover(URI issuer) {
        String key = withoutTrailingSlash(issuer.toString());
        AuthorizationServer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            return cache.computeIfAbsent(key, k -> fetch(issuer, k));
        }
    }

    private AuthorizationServer fetch(URI issuer, String issuerWithoutSlash) {
        String openId = issuerWithoutSlash + OPENID_CONFIGURATION;
        Exchange.Answer answer = get(openId);
        String url = openId;
        if (answer.status() == 404 || answer.status() == 410) {
            url = rfc8414Url(issuer);
            LOG.debug("no OpenID configuration at {}; trying RFC 8414 metadata at {}", openId, url);
            answer = get(url);
        }
        if (answer.status() != 200) {
            throw new DiscoveryException("discovery at " + url + " answered HTTP " + answer.status()
                    + (answer.isRedirect() ? " (redirects are not followed)" : ""), answer.isRetryableStatus(), null);
        }
        OAuthJson.Metadata json;
        try {
            json = Json.ADAPTER.fromJson(answer.body());
        } catch (IOException | JsonDataException e) {
            throw new DiscoveryException("discovery at " + url + " did not return a JSON metadata document", true, e);
        }
        if (json == null || !(json.issuer instanceof String named)) {
            throw new DiscoveryException("the metadata at " + url + " has no issuer", false, null);
        }
        if (!AuthorizationServer.sameIssuer(named, issuer.toString())) {
            throw new DiscoveryException("the metadata at " + url + " names the issuer " + Exchange.printable(named)
                    + ", not the configured " + issuer + "; refusing to use it (RFC 8414 section 3.3)", false, null);
        }
        try {
            List<String> methods = json.tokenEndpointAuthMethodsSupported == null ? List.of()
                    : Optional.ofNullable(OAuthJson.strings(json.tokenEndpointAuthMethodsSupported)).orElseThrow(
                            () -> new IllegalArgumentException("token_endpoint_auth_methods_supported is not a list of strings"));
            List<String> challenges = json.codeChallengeMethodsSupported == null ? null
                    : OAuthJson.strings(json.codeChallengeMethodsSupported);
            if (challenges != null && !challenges.isEmpty() && !challenges.contains("S256")) {
                throw new IllegalArgumentException("the server does not support PKCE S256 (it lists " + challenges + ")");
            }
            AuthorizationServer server = AuthorizationServer.builder()
                    .issuer(uri(named, "issuer"))
                    .authorizationEndpoint(uri(json.authorizationEndpoint, "authorization_endpoint"))
                    .tokenEndpoint(uri(json.tokenEndpoint, "token_endpoint"))
                    .revocationEndpoint(optionalUri(json.revocationEndpoint, "revocation_endpoint"))
                    .userinfoEndpoint(optionalUri(json.userinfoEndpoint, "userinfo_endpoint"))
                    .tokenEndpointAuthMethodsSupported(methods)
                    .build();
            LOG.info("discovered {}: token endpoint {}", server.issuer(), server.tokenEndpoint());
            return server;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DiscoveryException("the metadata at " + url + " is invalid: " + e.getMessage(), false, e);
        }
    }

    private Exchange.Answer get(String url) {
        try {
            return Exchange.get(http, url, null, "discovery at " + url);
        } catch (TokenEndpointUnavailableException e) {
            throw new DiscoveryException(e.getMessage(), true, e);
        }
    }

    /** RFC 8414 section 3.1: the well-known suffix goes between the host and the issuer's path. */
    static String rfc8414Url(URI issuer) {
        String path = issuer.getRawPath() == null ? "" : withoutTrailingSlash(issuer.getRawPath());
        String authority = issuer.getRawAuthority();
        return issuer.getScheme() + "://" + authority + OAUTH_AUTHORIZATION_SERVER + path;
    }

    private static URI uri(Object value, String name) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("it has no " + name);
        }
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URI", e);
        }
    }

    private static Optional<URI> optionalUri(Object value, String name) {
        return value == null ? Optional.empty() : Optional.of(uri(value, name));
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
