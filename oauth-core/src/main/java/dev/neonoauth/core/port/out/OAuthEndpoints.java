package dev.neonoauth.core.port.out;

/**
 * Out-port: the three server-facing ports a client needs, as one adapter provides them (oauth-http implements it for
 * any standards-compliant server). A convenience for assembly: each port can also be given on its own.
 */
public interface OAuthEndpoints {

    /** The server's issuer and endpoints, resolved at first use. */
    AuthorizationServerSource server();

    TokenEndpoint tokenEndpoint();

    RevocationEndpoint revocationEndpoint();
}
