package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which provider and which client, read from the environment. Nothing here is Neon's: the issuer is any OAuth 2.0
 * authorization server with RFC 8414 or OpenID Connect discovery.
 *
 * @param issuer the issuer URL; the endpoints are discovered from it
 * @param clientId the client id registered at the provider
 * @param clientSecret the secret of a confidential client; empty for a public client
 * @param authenticationMethod how the client authenticates at the token endpoint
 * @param redirectUri the registered loopback redirect URI; without a port any free port is used (RFC 8252 section 7.3)
 * @param scopes the scopes to ask for
 * @param account the key the grant is stored under
 */
record ProviderConfig(
        URI issuer,
        String clientId,
        Optional<ClientSecret> clientSecret,
        ClientAuthenticationMethod authenticationMethod,
        URI redirectUri,
        ScopeSet scopes,
        AccountKey account) {

    static final String ENV_ISSUER = "OAUTH_ISSUER";
    static final String ENV_CLIENT_ID = "OAUTH_CLIENT_ID";
    static final String ENV_CLIENT_SECRET = "OAUTH_CLIENT_SECRET";
    static final String ENV_CLIENT_AUTH = "OAUTH_CLIENT_AUTH";
    static final String ENV_SCOPES = "OAUTH_SCOPES";
    static final String ENV_REDIRECT_URI = "OAUTH_REDIRECT_URI";
    static final String ENV_ACCOUNT = "OAUTH_ACCOUNT";

    static final String DEFAULT_SCOPES = "openid offline_access";
    static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1/callback");

    ProviderConfig {
        Objects.requireNonNull(issuer, "issuer == null");
        Objects.requireNonNull(clientId, "clientId == null");
        Objects.requireNonNull(clientSecret, "clientSecret == null");
        Objects.requireNonNull(authenticationMethod, "authenticationMethod == null");
        Objects.requireNonNull(redirectUri, "redirectUri == null");
        Objects.requireNonNull(scopes, "scopes == null");
        Objects.requireNonNull(account, "account == null");
    }

    /**
     * Reads {@code OAUTH_ISSUER} and {@code OAUTH_CLIENT_ID} (required), {@code OAUTH_CLIENT_SECRET},
     * {@code OAUTH_CLIENT_AUTH} ({@code client_secret_basic} by default with a secret, {@code none} without),
     * {@code OAUTH_SCOPES} (default {@value #DEFAULT_SCOPES}), {@code OAUTH_REDIRECT_URI} (default
     * {@code http://127.0.0.1/callback}) and {@code OAUTH_ACCOUNT} (default {@code default}).
     *
     * @throws IllegalArgumentException naming the variable that is missing or invalid
     */
    static ProviderConfig fromEnvironment(Map<String, String> env) {
        URI issuer = uri(required(env, ENV_ISSUER), ENV_ISSUER);
        String clientId = required(env, ENV_CLIENT_ID);
        Optional<ClientSecret> secret = optional(env, ENV_CLIENT_SECRET).map(ClientSecret::new);
        ClientAuthenticationMethod method = optional(env, ENV_CLIENT_AUTH)
                .map(ClientAuthenticationMethod::parse)
                .orElse(secret.isPresent() ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.NONE);
        ScopeSet scopes;
        try {
            scopes = ScopeSet.parse(optional(env, ENV_SCOPES).orElse(DEFAULT_SCOPES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_SCOPES + ": " + e.getMessage(), e);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(ENV_SCOPES + " names no scope");
        }
        URI redirect = optional(env, ENV_REDIRECT_URI).map(v -> uri(v, ENV_REDIRECT_URI)).orElse(DEFAULT_REDIRECT_URI);
        AccountKey account = AccountKey.of(optional(env, ENV_ACCOUNT).orElse("default"));
        ProviderConfig config = new ProviderConfig(issuer, clientId, secret, method, redirect, scopes, account);
        config.clientRegistration();   // fails now, naming the problem, rather than at the first request
        return config;
    }

    /** The client as the core sees it. */
    ClientRegistration clientRegistration() {
        return ClientRegistration.builder()
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authenticationMethod(authenticationMethod)
                .addRedirectUris(redirectUri)
                .defaultScopes(scopes)
                .build();
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static URI uri(String value, String name) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException(name + " must be an absolute URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL", e);
        }
    }

    @Override
    public String toString() {
        return "ProviderConfig{issuer=" + issuer + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isPresent() ? "[redacted]" : "none")
                + ", authenticationMethod=" + authenticationMethod.parameterValue()
                + ", redirectUri=" + redirectUri + ", scopes=" + scopes.render() + ", account=" + account + "}";
    }
}
