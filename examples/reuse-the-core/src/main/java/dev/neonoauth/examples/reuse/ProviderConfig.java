package dev.neonoauth.examples.reuse;

import dev.neonoauth.adapter.http.OAuthHttpConfig;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.ClientAuthenticationMethod;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which authorization server and which client, read from environment variables. Nothing here is specific to one
 * server: the issuer is any OAuth 2.0 server with OpenID Connect or RFC 8414 metadata.
 *
 * @param server the server's issuer and HTTP settings ({@code OAUTH_ISSUER}, {@code OAUTH_DISCOVERY},
 *     {@code OAUTH_*_ENDPOINT}, {@code OAUTH_HTTP_LOG}), read by oauth-http
 * @param client the client as registered at the server
 * @param scopes the scopes to ask for
 * @param account the key the grant is stored under
 */
public record ProviderConfig(OAuthHttpConfig server, ClientRegistration client, ScopeSet scopes, AccountKey account) {
    public static final String ENV_PREFIX = "OAUTH_";
    public static final String ENV_CLIENT_ID = "OAUTH_CLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "OAUTH_CLIENT_SECRET";
    public static final String ENV_CLIENT_AUTH = "OAUTH_CLIENT_AUTH";
    public static final String ENV_SCOPES = "OAUTH_SCOPES";
    public static final String ENV_REDIRECT_URI = "OAUTH_REDIRECT_URI";
    public static final String ENV_ACCOUNT = "OAUTH_ACCOUNT";

    public static final String DEFAULT_SCOPES = "openid";
    public static final String DEFAULT_REDIRECT_URI = "http://127.0.0.1/callback";

    /**
     * Reads the server settings through {@link OAuthHttpConfig#fromEnvironment} ({@code OAUTH_ISSUER} is required),
     * then {@code OAUTH_CLIENT_ID} (required), {@code OAUTH_CLIENT_SECRET} (unset for a public client),
     * {@code OAUTH_CLIENT_AUTH} ({@code client_secret_basic}, {@code client_secret_post} or {@code none}; unset: chosen
     * from the server's metadata), {@code OAUTH_SCOPES} (default {@value #DEFAULT_SCOPES}), {@code OAUTH_REDIRECT_URI}
     * (default {@value #DEFAULT_REDIRECT_URI}: any free port) and {@code OAUTH_ACCOUNT} (default {@code default}).
     *
     * @throws IllegalArgumentException with one message that names the variable to fix
     */
    public static ProviderConfig fromEnvironment(Map<String, String> env) {
        OAuthHttpConfig server = serverSettings(env);
        String clientId = value(env, ENV_CLIENT_ID)
                .orElseThrow(() -> new IllegalArgumentException(ENV_CLIENT_ID + " is not set"));
        if (!clientId.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException(ENV_CLIENT_ID + " must be printable ASCII (RFC 6749 appendix A.1)");
        }
        Optional<ClientSecret> secret = value(env, ENV_CLIENT_SECRET).map(v -> parse(ENV_CLIENT_SECRET, v, ClientSecret::new));
        Optional<ClientAuthenticationMethod> method =
                value(env, ENV_CLIENT_AUTH).map(v -> parse(ENV_CLIENT_AUTH, v, ClientAuthenticationMethod::parse));
        if (method.isPresent() && (method.get() == ClientAuthenticationMethod.NONE) == secret.isPresent()) {
            throw new IllegalArgumentException(ENV_CLIENT_AUTH + "=" + method.get().parameterValue()
                    + (secret.isPresent() ? " is for a public client: unset " : " needs ") + ENV_CLIENT_SECRET);
        }
        ScopeSet scopes = parse(ENV_SCOPES, value(env, ENV_SCOPES).orElse(DEFAULT_SCOPES), ScopeSet::parse);
        URI redirectUri = parse(ENV_REDIRECT_URI, value(env, ENV_REDIRECT_URI).orElse(DEFAULT_REDIRECT_URI),
                LoopbackReceiver::requireLoopback);
        AccountKey account = parse(ENV_ACCOUNT, value(env, ENV_ACCOUNT).orElse("default"), AccountKey::of);
        ClientRegistration client = ClientRegistration.builder()
                .clientId(clientId)
                .clientSecret(secret)
                .authenticationMethod(method)
                .addRedirectUris(redirectUri)
                .defaultScopes(scopes)
                .build();
        return new ProviderConfig(server, client, scopes, account);
    }

    /** The registered redirect URI; without a port, the loopback receiver picks a free one (RFC 8252 section 7.3). */
    public URI redirectUri() {
        return client.redirectUris().get(0);
    }

    /** oauth-http reads the server's variables and names the one whose value is missing or invalid. */
    private static OAuthHttpConfig serverSettings(Map<String, String> env) {
        return OAuthHttpConfig.fromEnvironment(env, ENV_PREFIX);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
