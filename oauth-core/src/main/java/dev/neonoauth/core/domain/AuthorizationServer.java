package dev.neonoauth.core.domain;

import java.net.URI;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a client needs to know of an authorization server: its issuer and endpoints. Built by hand or from
 * discovery metadata; nothing in the core assumes a particular server.
 *
 * <p>Related specifications: RFC 8414 section 2 (metadata); OpenID Connect Discovery 1.0 section 3; RFC 9207
 * (issuer identification).
 */
@Value.Immutable
@ValueStyle
public abstract class AuthorizationServer {
    public abstract URI issuer();

    public abstract URI authorizationEndpoint();

    public abstract URI tokenEndpoint();

    public abstract Optional<URI> revocationEndpoint();

    public abstract Optional<URI> userinfoEndpoint();

    /**
     * The client authentication methods the token endpoint accepts ({@code token_endpoint_auth_methods_supported},
     * RFC 8414 section 2); empty when unknown.
     */
    public abstract java.util.List<String> tokenEndpointAuthMethodsSupported();

    public static Builder builder() {
        return new Builder();
    }

    /**
     * True when {@code candidate} names this server's issuer, ignoring one trailing slash (discovery documents
     * often end the issuer with a slash that configuration omits). Used for discovery and for the
     * RFC 9207 {@code iss} callback parameter.
     */
    public boolean isIssuer(String candidate) {
        return candidate != null && sameIssuer(issuer().toString(), candidate);
    }

    /** Issuer comparison after trailing-slash normalisation; exact otherwise (no case folding of the path). */
    public static boolean sameIssuer(String a, String b) {
        return withoutTrailingSlash(a).equals(withoutTrailingSlash(b));
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    @Value.Check
    protected void check() {
        requireAbsolute(issuer(), "issuer");
        requireAbsolute(authorizationEndpoint(), "authorization endpoint");
        requireAbsolute(tokenEndpoint(), "token endpoint");
        revocationEndpoint().ifPresent(u -> requireAbsolute(u, "revocation endpoint"));
        userinfoEndpoint().ifPresent(u -> requireAbsolute(u, "userinfo endpoint"));
        if (authorizationEndpoint().getRawQuery() != null && authorizationEndpoint().getRawQuery().contains("#")) {
            throw new IllegalArgumentException("the authorization endpoint must not have a fragment");
        }
    }

    private static void requireAbsolute(URI uri, String name) {
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URI: " + uri);
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a fragment (RFC 6749 section 3.1)");
        }
        if ("http".equals(uri.getScheme()) && !RedirectUris.isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException(
                    name + " uses plain http on a non-loopback host; use https (RFC 6749 section 3.1): " + uri);
        }
    }

    public static final class Builder extends ImmutableAuthorizationServer.Builder {}
}
