package dev.neonoauth.core.port.in;

/**
 * In-port: the authorization code flow with PKCE (RFC 6749 section 4.1, RFC 7636), with state (RFC 6749 section
 * 10.12) and issuer checks (RFC 9207).
 */
public interface AuthorizationFlow {
    /** How long a started authorization may take by default: 10 minutes, a usual authorization code lifetime. */
    java.time.Duration DEFAULT_STATE_TTL = java.time.Duration.ofMinutes(10);
    /** The longest state lifetime an implementation accepts. */
    java.time.Duration MAX_STATE_TTL = java.time.Duration.ofHours(1);

    /**
     * Creates a state and a PKCE verifier, saves the pending authorization, and returns the URI to send the user
     * to.
     *
     * @throws IllegalArgumentException if the redirect URI is not registered for the client
     */
    AuthorizationRedirect begin(BeginAuthorization command);

    /**
     * Validates the callback, consumes the pending authorization atomically and once, exchanges the code, and stores
     * the tokens.
     *
     * @throws dev.neonoauth.core.port.out.InfrastructureException when the token endpoint or a store failed; the
     *     pending authorization is consumed either way, so the user starts again
     */
    CallbackResult complete(AuthorizationCallback callback);
}
