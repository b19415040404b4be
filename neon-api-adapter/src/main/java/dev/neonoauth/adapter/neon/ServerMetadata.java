package dev.neonoauth.adapter.neon;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;

/**
 * The configured authorization server, resolved on first use: discovered through the configured issuer (the
 * discovery caches it), or derived from the issuer with Ory Hydra's paths, then overridden per endpoint. No I/O
 * happens until an endpoint is needed.
 */
final class ServerMetadata {
    private final NeonApiConfig config;
    private final AuthorizationServerDiscovery discovery;
    private volatile AuthorizationServer resolved;

    ServerMetadata(NeonApiConfig config, AuthorizationServerDiscovery discovery) {
        this.config = config;
        this.discovery = discovery;
    }

    /** @throws AuthorizationServerDiscovery.DiscoveryException when discovery fails (not cached; retried next time) */
    AuthorizationServer current() {
        AuthorizationServer server = resolved;
        if (server == null) {
            server = config.useDiscovery() ? discovery.discover(config.normalizedIssuer()) : derived(config);
            resolved = server;
        }
        return server;
    }

    static AuthorizationServer derived(NeonApiConfig config) {
        AuthorizationServer hydra = AuthorizationServer.forHydra(config.normalizedIssuer());
        return AuthorizationServer.builder()
                .issuer(config.normalizedIssuer())
                .authorizationEndpoint(config.authorizationEndpointOverride().orElse(hydra.authorizationEndpoint()))
                .tokenEndpoint(config.tokenEndpointOverride().orElse(hydra.tokenEndpoint()))
                .revocationEndpoint(config.revocationEndpointOverride().or(hydra::revocationEndpoint))
                .userinfoEndpoint(config.userinfoEndpointOverride().or(hydra::userinfoEndpoint))
                .build();
    }
}
