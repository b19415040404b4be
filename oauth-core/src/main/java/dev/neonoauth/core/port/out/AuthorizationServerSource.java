package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AuthorizationServer;
import java.util.Objects;

/**
 * Out-port: the authorization server the services talk to, resolved when it is first needed. A source backed by
 * discovery does its network I/O on the first call, not while an application is being assembled, so that a
 * misconfigured or unreachable server fails the operation that needs it (with a typed
 * {@link AuthorizationServerDiscovery.DiscoveryException}) instead of the application's start, and operations that
 * need no server (deleting local tokens, reading the store) still work.
 */
@FunctionalInterface
public interface AuthorizationServerSource {

    /**
     * The server's issuer and endpoints.
     *
     * @throws InfrastructureException when they cannot be resolved now (discovery failed); a later call may succeed
     */
    AuthorizationServer current();

    /** A source that always answers {@code server} (configured endpoints, no discovery). */
    static AuthorizationServerSource of(AuthorizationServer server) {
        Objects.requireNonNull(server, "server == null");
        return () -> server;
    }
}
