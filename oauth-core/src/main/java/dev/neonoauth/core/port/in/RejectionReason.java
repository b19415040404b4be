package dev.neonoauth.core.port.in;

/** Why a callback was rejected without contacting the token endpoint. */
public enum RejectionReason {
    /** The query string could not be decoded. */
    MALFORMED_PARAMETERS("the callback's parameters could not be decoded"),
    /** A parameter appeared more than once (RFC 6749 section 3.1). */
    DUPLICATED_PARAMETER("a callback parameter was sent more than once"),
    /** No {@code state} parameter. */
    MISSING_STATE("the callback carries no state"),
    /** The state is not one this client issued, or it was already used. */
    UNKNOWN_STATE("the state is unknown or was already used"),
    /** The state was issued, but its time ran out. */
    EXPIRED_STATE("the authorization took too long; start again"),
    /** The callback arrived in another browser session than the one that started the flow. */
    SESSION_MISMATCH("the authorization was started in another browser session"),
    /** No {@code code} parameter (and no {@code error}). */
    MISSING_CODE("the callback carries neither a code nor an error"),
    /** An {@code iss} parameter names another authorization server (RFC 9207 section 2.4: mix-up defence). */
    ISSUER_MISMATCH("the response came from another authorization server"),
    /** A parameter value is not acceptable (an oversized code, an invalid scope list). */
    INVALID_PARAMETER("a callback parameter is invalid");

    private final String message;

    RejectionReason(String message) {
        this.message = message;
    }

    /** A sentence fit for an end user; contains no request data. */
    public String message() {
        return message;
    }
}
