package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccessToken;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.ScopeSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link AccessTokenProvider} can give. */
public sealed interface AccessTokenResult {

    /** A token to send now. */
    record Available(AccessToken token, Optional<Instant> expiresAt, ScopeSet grantedScopes) implements AccessTokenResult {
        public Available {
            Objects.requireNonNull(token, "token == null");
            Objects.requireNonNull(expiresAt, "expiresAt == null");
            Objects.requireNonNull(grantedScopes, "grantedScopes == null");
        }
    }

    /** No usable grant: the user must authorize again. */
    record ReauthorizationRequired(Reason reason, Optional<OAuthError> error) implements AccessTokenResult {
        public ReauthorizationRequired {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(error, "error == null");
        }

        /** A sentence for the user, naming the server's error code when there was one. */
        public String message() {
            return reason.message() + error.map(e -> " (" + e.code().value() + ")").orElse("");
        }
    }

    /** Why reauthorization is required. */
    enum Reason {
        NOT_CONNECTED("no grant is stored for this account; connect it first"),
        NO_REFRESH_TOKEN("the access token expired and there is no refresh token; ask for the offline scopes"),
        GRANT_REVOKED("the authorization server refused the refresh: the grant was revoked or expired");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }
}
