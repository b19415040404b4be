package dev.neonoauth.neon.api;

/**
 * Neon answered a {@code DELETE} with 204: the resource does not exist or was already deleted. Only methods that must
 * return the deleted resource throw it ({@link NeonApi#deleteBranch}); their {@code ...IfExists} variants return empty
 * instead. Not retryable, and nothing to retry: the resource is gone.
 */
public class AlreadyDeletedException extends NeonApiException {
    private static final long serialVersionUID = 1L;

    public AlreadyDeletedException(String code, String message, String requestId) {
        super(204, code, message, requestId, false, null);
    }
}
