package dev.neonoauth.core.port.out;

/**
 * The token, revocation, userinfo or discovery endpoint could not give an answer: transport failure, timeout, 5xx,
 * a redirect, or a body that is not a valid response. The cause is kept.
 */
public class TokenEndpointUnavailableException extends InfrastructureException {
    private static final long serialVersionUID = 1L;

    public TokenEndpointUnavailableException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }

    public TokenEndpointUnavailableException(String message, boolean retryable) {
        this(message, retryable, null);
    }
}
