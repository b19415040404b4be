package dev.neonoauth.neon;

import dev.neonoauth.core.domain.AuthorizationServer;
import java.net.URI;

/**
 * Where Neon's OAuth server and API are, and the endpoint layout of Ory Hydra, the server Neon runs. Discovery
 * ({@code /.well-known/openid-configuration}) finds the same endpoints; these are for configurations without it.
 */
public final class NeonOAuth {
    /** Neon's issuer as its discovery document spells it (with the trailing slash). */
    public static final URI ISSUER = URI.create("https://oauth2.neon.tech/");
    /** Neon's API v2. */
    public static final URI API_BASE_URL = URI.create("https://console.neon.tech/api/v2");

    private NeonOAuth() {}

    /** Neon's production server: {@code https://oauth2.neon.tech} with Hydra's endpoint paths. */
    public static AuthorizationServer authorizationServer() {
        return hydraEndpoints(ISSUER);
    }

    /**
     * A server at {@code base} that uses Ory Hydra's paths ({@code /oauth2/auth}, {@code /oauth2/token},
     * {@code /oauth2/revoke}, {@code /userinfo}) and the issuer {@code base + "/"}.
     *
     * @throws IllegalArgumentException when {@code base} is not an absolute https URL (http only on loopback)
     */
    public static AuthorizationServer hydraEndpoints(URI base) {
        String s = base.toString();
        String root = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        return AuthorizationServer.builder()
                .issuer(URI.create(root + "/"))
                .authorizationEndpoint(URI.create(root + "/oauth2/auth"))
                .tokenEndpoint(URI.create(root + "/oauth2/token"))
                .revocationEndpoint(URI.create(root + "/oauth2/revoke"))
                .userinfoEndpoint(URI.create(root + "/userinfo"))
                .build();
    }
}
