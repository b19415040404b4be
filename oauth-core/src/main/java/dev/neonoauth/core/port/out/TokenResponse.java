package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.OAuthError;
import java.util.Objects;

/**
 * What the token endpoint answered: tokens, or an OAuth error (RFC 6749 section 5.1 and 5.2). Failures to get an
 * answer at all are {@link TokenEndpointUnavailableException}s instead.
 */
public sealed interface TokenResponse {

    record Issued(IssuedTokens tokens) implements TokenResponse {
        public Issued {
            Objects.requireNonNull(tokens, "tokens == null");
        }
    }

    /** The server refused, with an RFC 6749 section 5.2 error body. */
    record Refused(OAuthError error, int httpStatus) implements TokenResponse {
        public Refused {
            Objects.requireNonNull(error, "error == null");
        }
    }
}
