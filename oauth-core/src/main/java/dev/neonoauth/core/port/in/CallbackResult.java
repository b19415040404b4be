package dev.neonoauth.core.port.in;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.OAuthError;
import dev.neonoauth.core.domain.ScopeSet;
import java.util.Objects;
import java.util.Optional;

/**
 * How a callback ended. Expected protocol outcomes are values; only infrastructure failures are exceptions
 * (docs/adr/0003-error-model.md).
 */
public sealed interface CallbackResult {

    /** The code was exchanged and the tokens stored under {@code account}. */
    record Authorized(AccountKey account, ScopeSet grantedScopes, ScopeSet requestedScopes, Optional<String> returnTo)
            implements CallbackResult {
        public Authorized {
            Objects.requireNonNull(account, "account == null");
            Objects.requireNonNull(grantedScopes, "grantedScopes == null");
            Objects.requireNonNull(requestedScopes, "requestedScopes == null");
            Objects.requireNonNull(returnTo, "returnTo == null");
        }

        /** Scopes asked for but not granted (the user or server narrowed the request). */
        public ScopeSet missingScopes() {
            return requestedScopes.minus(grantedScopes);
        }
    }

    /** The authorization server redirected with an error, e.g. {@code access_denied} (RFC 6749 section 4.1.2.1). */
    record Denied(AccountKey account, OAuthError error, Optional<String> returnTo) implements CallbackResult {
        public Denied {
            Objects.requireNonNull(account, "account == null");
            Objects.requireNonNull(error, "error == null");
            Objects.requireNonNull(returnTo, "returnTo == null");
        }
    }

    /** The callback itself was not acceptable; nothing was exchanged or stored. */
    record Rejected(RejectionReason reason) implements CallbackResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason == null");
        }
    }

    /** The token endpoint refused the code (e.g. {@code invalid_grant}: expired or replayed). Nothing was stored. */
    record ExchangeRefused(AccountKey account, OAuthError error) implements CallbackResult {
        public ExchangeRefused {
            Objects.requireNonNull(account, "account == null");
            Objects.requireNonNull(error, "error == null");
        }
    }
}
