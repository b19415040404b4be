package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.ClientSecret;
import java.net.URI;

/** Fixtures: client registrations. */
public final class TestClients {
    public static final URI WEB_CALLBACK = URI.create("http://localhost:3000/api/oauth/callback");
    public static final URI CLI_CALLBACK = URI.create("http://127.0.0.1/callback");

    private TestClients() {}

    /** A confidential web client using client_secret_post, like Neon's docs. */
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
