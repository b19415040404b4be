package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import java.net.URI;

/** Fixtures: client registrations. */
public final class TestClients {
    public static final URI WEB_CALLBACK = URI.create("http://localhost:3000/api/oauth/callback");
    public static final URI CLI_CALLBACK = URI.create("http://127.0.0.1/callback");

    private TestClients() {}

    /** An authorization server at https://login.example.com with Ory Hydra's endpoint paths. */
    public static AuthorizationServer server() {
        return hydraLike(URI.create("https://login.example.com"));
    }

    /** A server at {@code base} with Ory Hydra's paths ({@code /oauth2/auth}, {@code /oauth2/token}, ...). */
    public static AuthorizationServer hydraLike(URI base) {
        String root = base.toString().replaceAll("/$", "");
        return AuthorizationServer.builder()
                .issuer(URI.create(root + "/"))
                .authorizationEndpoint(URI.create(root + "/oauth2/auth"))
                .tokenEndpoint(URI.create(root + "/oauth2/token"))
                .revocationEndpoint(URI.create(root + "/oauth2/revoke"))
                .userinfoEndpoint(URI.create(root + "/userinfo"))
                .build();
    }

    /** A confidential web client using client_secret_post, the default for a client with a secret. */
    public static ClientRegistration confidential() {
        return ClientRegistration.builder()
                .clientId("neon-oauth-web")
                .clientSecret(new ClientSecret("test-client-secret-value"))
                .addRedirectUris(WEB_CALLBACK)
                .build();
    }

    /** A public CLI client with a loopback redirect. */
    public static ClientRegistration publicClient() {
        return ClientRegistration.builder()
                .clientId("neon-oauth-cli")
                .addRedirectUris(CLI_CALLBACK)
                .build();
    }
}
