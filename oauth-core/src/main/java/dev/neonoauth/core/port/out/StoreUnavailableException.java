package dev.neonoauth.core.port.out;

/**
 * A {@link TokenStore} or {@link PendingAuthorizationStore} failed: the database is down, a lock could not be taken
 * in time, or a stored row cannot be decrypted. Messages never contain token material.
 */
public class StoreUnavailableException extends InfrastructureException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
