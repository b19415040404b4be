package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AuthorizationCode;
import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.CodeVerifier;
import java.net.URI;
import java.util.Objects;

/**
 * An authorization-code grant request (RFC 6749 section 4.1.3, RFC 7636 section 4.5): the code, the redirect URI
 * of the authorization request, the PKCE verifier, and the client that authenticates.
 */
public record CodeExchange(ClientRegistration client, AuthorizationCode code, URI redirectUri, CodeVerifier codeVerifier) {
    public CodeExchange {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(redirectUri, "redirectUri == null");
        Objects.requireNonNull(codeVerifier, "codeVerifier == null");
    }
}
