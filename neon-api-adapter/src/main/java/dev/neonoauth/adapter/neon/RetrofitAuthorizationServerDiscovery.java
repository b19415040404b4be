package dev.neonoauth.adapter.neon;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.TokenEndpointUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect Discovery: {@code GET <issuer>/.well-known/openid-configuration}. The document must name the
 * issuer that was asked for (trailing slash aside; OIDC Discovery section 4.3, RFC 8414 section 3.3), else discovery
 * fails for good. Configured endpoint overrides replace discovered endpoints. Successful results are cached per
 * issuer for the life of the instance; failures are not cached.
 */
final class RetrofitAuthorizationServerDiscovery implements AuthorizationServerDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(RetrofitAuthorizationServerDiscovery.class);
    private static final String WELL_KNOWN = "/.well-known/openid-configuration";
    private static final JsonAdapter<OAuthJson.Discovery> JSON = Json.MOSHI.adapter(OAuthJson.Discovery.class);

    private final NeonOAuthService service;
    private final NeonApiConfig config;
    private final Map<String, AuthorizationServer> cache = new ConcurrentHashMap<>();

    RetrofitAuthorizationServerDiscovery(NeonOAuthService service, NeonApiConfig config) {
        this.service = service;
        this.config = config;
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
        String url = issuerWithoutSlash + WELL_KNOWN;
        OAuthHttp.Answer answer;
        try {
            answer = OAuthHttp.execute(service.discovery(url), "discovery at " + url);
        } catch (TokenEndpointUnavailableException e) {
            throw new DiscoveryException(e.getMessage(), true, e);
        }
        if (answer.status() != 200) {
            boolean retryable = answer.isServerError() || answer.status() == 429 || answer.status() == 408;
            throw new DiscoveryException("discovery at " + url + " answered HTTP " + answer.status()
                    + (answer.isRedirect() ? " (redirects are not followed)" : ""), retryable, null);
        }
        OAuthJson.Discovery json;
        try {
            json = JSON.fromJson(answer.body());
        } catch (IOException | JsonDataException e) {
            throw new DiscoveryException("discovery at " + url + " did not return a JSON metadata document", true, e);
        }
        if (json == null || json.issuer == null) {
            throw new DiscoveryException("the metadata at " + url + " has no issuer", false, null);
        }
        if (!AuthorizationServer.sameIssuer(json.issuer, issuer.toString())) {
            throw new DiscoveryException("the metadata at " + url + " names the issuer " + json.issuer
                    + ", not the configured " + issuer + "; refusing to use it (OpenID Connect Discovery section 4.3)",
                    false, null);
        }
        try {
            AuthorizationServer server = AuthorizationServer.builder()
                    .issuer(uri(json.issuer, "issuer"))
                    .authorizationEndpoint(config.authorizationEndpointOverride()
                            .orElseGet(() -> uri(json.authorizationEndpoint, "authorization_endpoint")))
                    .tokenEndpoint(config.tokenEndpointOverride().orElseGet(() -> uri(json.tokenEndpoint, "token_endpoint")))
                    .revocationEndpoint(config.revocationEndpointOverride()
                            .or(() -> optionalUri(json.revocationEndpoint, "revocation_endpoint")))
                    .userinfoEndpoint(config.userinfoEndpointOverride()
                            .or(() -> optionalUri(json.userinfoEndpoint, "userinfo_endpoint")))
                    .build();
            LOG.info("discovered {}: token endpoint {}", server.issuer(), server.tokenEndpoint());
            return server;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DiscoveryException("the metadata at " + url + " is invalid: " + e.getMessage(), false, e);
        }
    }

    private static URI uri(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("it has no " + name);
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URI", e);
        }
    }

    private static Optional<URI> optionalUri(String value, String name) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(uri(value, name));
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
