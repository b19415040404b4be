package dev.neonoauth.neon.api;

import dev.neonoauth.core.port.out.InfrastructureException;
import java.util.Optional;

/**
 * Neon answered with an error status ({@code {code, message, request_id}}), or could not be reached. The HTTP status
 * is 0 when no response arrived. The request id (Neon's, or the {@code X-Request-ID} the client sent) is always
 * kept so that support can find the request.
 */
public class NeonApiException extends InfrastructureException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String code;
    private final String requestId;

    public NeonApiException(int httpStatus, String code, String message, String requestId, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.requestId = requestId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Neon's error code (e.g. {@code PROJECT_NOT_FOUND}), when the body had one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
