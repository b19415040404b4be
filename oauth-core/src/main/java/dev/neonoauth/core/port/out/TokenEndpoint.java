package dev.neonoauth.core.port.out;

/**
 * Out-port: the authorization server's token endpoint (RFC 6749 section 3.2).
 *
 * <p>Implementations authenticate the client as its registration says, send the grant form-encoded, and map the
 * answer: 200 with a valid body to {@link TokenResponse.Issued}, an error body to {@link TokenResponse.Refused},
 * anything else (transport failure, timeout, 5xx, redirect, undecodable or oversized body) to
 * {@link TokenEndpointUnavailableException}.
 */
public interface TokenEndpoint {

    /** @throws TokenEndpointUnavailableException when no answer could be obtained */
    TokenResponse exchange(CodeExchange request);

    /** @throws TokenEndpointUnavailableException when no answer could be obtained */
    TokenResponse refresh(TokenRefresh request);
}
