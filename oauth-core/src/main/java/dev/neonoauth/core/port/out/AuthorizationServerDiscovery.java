package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AuthorizationServer;
import java.net.URI;

/**
 * Out-port: authorization server metadata discovery (RFC 8414; OpenID Connect Discovery 1.0). Implementations
 * fetch the metadata, check that the issuer it names is {@code issuer} (trailing slash aside; RFC 8414 section
 * 3.3), cache it, and let configured endpoints override discovered ones.
 */
public interface AuthorizationServerDiscovery {

    /**
     * @throws DiscoveryException when the metadata cannot be fetched, is invalid, or names another issuer
     */
    AuthorizationServer discover(URI issuer);

    /** Discovery failed. {@link #isRetryable()} tells a network problem from a misconfiguration. */
    class DiscoveryException extends InfrastructureException {
        private static final long serialVersionUID = 1L;

        public DiscoveryException(String message, boolean retryable, Throwable cause) {
            super(message, retryable, cause);
        }
    }
}
