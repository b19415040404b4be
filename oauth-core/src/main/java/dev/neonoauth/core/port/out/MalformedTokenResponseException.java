package dev.neonoauth.core.port.out;

/**
 * The token endpoint answered 200 with something that is not a valid token response (RFC 6749 section 5.1): not
 * JSON, a required field missing, or a field of the wrong type. The message names the field, never a value; nothing
 * from such an answer is stored. Not retryable: the request may have consumed a refresh token, and sending it again
 * would look like token theft to a server that rotates refresh tokens.
 */
public class MalformedTokenResponseException extends TokenEndpointUnavailableException {
    private static final long serialVersionUID = 1L;

    public MalformedTokenResponseException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
