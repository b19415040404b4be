package dev.neonoauth.core.domain;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A client as registered at the authorization server: its id, its secret if it is confidential, how it
 * authenticates, and the redirect URIs it may use.
 *
 * <p>Related specifications: RFC 6749 section 2 (client types, registration, authentication); RFC 8252
 * (native apps use public clients and loopback redirects).
 */
@Value.Immutable
@ValueStyle
public abstract class ClientRegistration {

    public abstract String clientId();

    /** Present for confidential clients; never rendered by {@link #toString()}. */
    public abstract Optional<ClientSecret> clientSecret();

    /**
     * How the client authenticates at the token and revocation endpoints, when the application chose. When empty,
     * {@link #authenticationMethodFor(AuthorizationServer)} picks one from what the server supports.
     */
    public abstract Optional<ClientAuthenticationMethod> authenticationMethod();

    /**
     * The method to use with {@code server}: the chosen one; {@code none} for a client without a secret; else
     * {@code client_secret_basic} when the server lists it in {@code token_endpoint_auth_methods_supported} or lists
     * nothing (RFC 6749 section 2.3.1: every server must support it; RFC 8414 section 2: the default is
     * {@code client_secret_basic}), else {@code client_secret_post} when the server lists that.
     *
     * @throws IllegalArgumentException when the server supports neither secret method (the message names them)
     */
    public ClientAuthenticationMethod authenticationMethodFor(AuthorizationServer server) {
        if (authenticationMethod().isPresent()) {
            return authenticationMethod().get();
        }
        if (clientSecret().isEmpty()) {
            return ClientAuthenticationMethod.NONE;
        }
        List<String> supported = server.tokenEndpointAuthMethodsSupported();
        if (supported.isEmpty() || supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.parameterValue())) {
            return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
        }
        if (supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST.parameterValue())) {
            return ClientAuthenticationMethod.CLIENT_SECRET_POST;
        }
        throw new IllegalArgumentException("the authorization server supports none of client_secret_basic and "
                + "client_secret_post for a client with a secret (it lists " + supported + ")");
    }

    /** The registered redirect URIs; a flow may only use one of these. */
    public abstract List<URI> redirectUris();

    /** The scopes an application asks for unless it chooses others; empty unless set. */
    @Value.Default
    public ScopeSet defaultScopes() {
        return ScopeSet.empty();
    }

    public boolean isConfidential() {
        return clientSecret().isPresent();
    }

    /**
     * True when {@code candidate} is registered. Loopback IP literals match with any port, as RFC 8252 section 7.3
     * asks (and Ory Hydra implements); everything else matches exactly.
     */
    public boolean allowsRedirectUri(URI candidate) {
        for (URI registered : redirectUris()) {
            if (registered.equals(candidate) || matchesAsLoopback(registered, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAsLoopback(URI registered, URI requested) {
        String host = requested.getHost();
        boolean ipLiteralLoopback = host != null && (host.equals("127.0.0.1") || host.equals("[::1]"));
        return ipLiteralLoopback
                && "http".equals(requested.getScheme())
                && "http".equals(registered.getScheme())
                && host.equals(registered.getHost())
                && java.util.Objects.equals(registered.getRawPath(), requested.getRawPath())
                && java.util.Objects.equals(registered.getRawQuery(), requested.getRawQuery());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Value.Check
    protected void check() {
        Secrets.requireVisibleAscii(clientId(), "client id");
        if (redirectUris().isEmpty()) {
            throw new IllegalArgumentException("a client registers at least one redirect URI (RFC 6749 section 3.1.2.2)");
        }
        redirectUris().forEach(RedirectUris::requireValid);
        authenticationMethod().ifPresent(method -> {
            boolean needsSecret = method != ClientAuthenticationMethod.NONE;
            if (needsSecret && clientSecret().isEmpty()) {
                throw new IllegalArgumentException(
                        "client authentication " + method.parameterValue() + " needs a client secret");
            }
            if (!needsSecret && clientSecret().isPresent()) {
                throw new IllegalArgumentException("a client with authentication 'none' must not carry a secret");
            }
        });
    }

    @Override
    public String toString() {
        return "ClientRegistration{clientId=" + clientId()
                + ", confidential=" + isConfidential()
                + ", authenticationMethod=" + authenticationMethod().map(ClientAuthenticationMethod::parameterValue)
                        .orElse("(from the server's metadata)")
                + ", redirectUris=" + redirectUris() + "}";
    }

    public static final class Builder extends ImmutableClientRegistration.Builder {}
}
