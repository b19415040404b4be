package dev.neonoauth.core.port.out;

/**
 * Base of the unchecked exceptions that adapters throw when something outside the core failed (network, server,
 * database) rather than the protocol saying no. The core lets them propagate; driving adapters map them to exit
 * codes or HTTP statuses. See docs/adr/0003-error-model.md.
 *
 * <p>Messages never contain tokens, codes, verifiers or secrets.
 */
public abstract class InfrastructureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    protected InfrastructureException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the same call may succeed if tried again later (timeouts, 5xx, lock contention). */
    public boolean isRetryable() {
        return retryable;
    }
}
