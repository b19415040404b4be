package dev.neonoauth.neon.api;

/**
 * There is no usable grant for the account: never connected, revoked, or refused on refresh. The user must connect
 * again. Thrown by API adapters when the core's access-token provider says so.
 */
public class ReauthorizationRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReauthorizationRequiredException(String message) {
        super(message);
    }
}
