package dev.neonoauth.neon.api;

import dev.neonoauth.core.port.out.InfrastructureException;

/**
 * A non-idempotent request (e.g. {@code POST /projects}) may have reached Neon but no answer came back. It is not
 * retried blindly: the caller should look (list the projects) before trying again.
 */
public class OutcomeUnknownException extends InfrastructureException {
    private static final long serialVersionUID = 1L;
    private final String requestId;

    public OutcomeUnknownException(String message, String requestId, Throwable cause) {
        super(message, false, cause);
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }
}
