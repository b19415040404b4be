package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.ScopeSet;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where to send the user: the authorization request URI (RFC 6749 section 4.1.1, RFC 7636 section 4.3), the
 * scopes it asks for, and when the pending authorization expires.
 */
public record AuthorizationRedirect(URI authorizationUri, ScopeSet requestedScopes, Instant expiresAt) {
    public AuthorizationRedirect {
        Objects.requireNonNull(authorizationUri, "authorizationUri == null");
        Objects.requireNonNull(requestedScopes, "requestedScopes == null");
        Objects.requireNonNull(expiresAt, "expiresAt == null");
    }
}
