package dev.neonoauth.adapter.http;

import dev.neonoauth.core.domain.AuthorizationServer;
import dev.neonoauth.core.port.out.AuthorizationServerDiscovery;
import dev.neonoauth.core.port.out.AuthorizationServerSource;

/**
 * The configured authorization server, resolved on first use: discovered through the configured issuer (the discovery
 * caches it) with the configured endpoints replacing discovered ones, or, without discovery, the configured endpoints
 * alone. No I/O happens until an endpoint is needed; a failed discovery is not cached and is tried again next time.
 */
final class LazyServer implements AuthorizationServerSource {
    private final OAuthHttpConfig config;
    private final AuthorizationServerDiscovery discovery;
    private volatile AuthorizationServer resolved;

    LazyServer(OAuthHttpConfig config, AuthorizationServerDiscovery discovery) {
        this.config = config;
        this.discovery = discovery;
    }

    /** @throws AuthorizationServerDiscovery.DiscoveryException when discovery fails */
    @Override
    public AuthorizationServer current() {
        AuthorizationServer server = resolved;
        if (server == null) {
            server = config.discovery() ? withOverrides(discovery.discover(config.issuer())) : configured(config);
            resolved = server;
        }
        return server;
    }

    private AuthorizationServer withOverrides(AuthorizationServer discovered) {
        return AuthorizationServer.builder().from(discovered)
                .authorizationEndpoint(config.authorizationEndpoint().orElse(discovered.authorizationEndpoint()))
                .tokenEndpoint(config.tokenEndpoint().orElse(discovered.tokenEndpoint()))
                .revocationEndpoint(config.revocationEndpoint().or(discovered::revocationEndpoint))
                .userinfoEndpoint(config.userinfoEndpoint().or(discovered::userinfoEndpoint))
                .build();
    }

    static AuthorizationServer configured(OAuthHttpConfig config) {
        return AuthorizationServer.builder()
                .issuer(config.issuer())
                .authorizationEndpoint(config.authorizationEndpoint().orElseThrow())
                .tokenEndpoint(config.tokenEndpoint().orElseThrow())
                .revocationEndpoint(config.revocationEndpoint())
                .userinfoEndpoint(config.userinfoEndpoint())
                .build();
    }
}
