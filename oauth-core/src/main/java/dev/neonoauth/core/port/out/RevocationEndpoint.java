package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.ClientRegistration;
import dev.neonoauth.core.domain.OAuthError;
import java.util.Objects;

/** Out-port: the token revocation endpoint (RFC 7009). */
public interface RevocationEndpoint {

    /** The {@code token_type_hint} values of RFC 7009 section 2.1. */
    enum TokenTypeHint {
        ACCESS_TOKEN("access_token"),
        REFRESH_TOKEN("refresh_token");

        private final String parameterValue;

        TokenTypeHint(String parameterValue) {
            this.parameterValue = parameterValue;
        }

        public String parameterValue() {
            return parameterValue;
        }
    }

    /** The request: which token, its type hint, and the client that authenticates. */
    record Revocation(ClientRegistration client, String token, TokenTypeHint hint) {
        public Revocation {
            Objects.requireNonNull(client, "client == null");
            Objects.requireNonNull(token, "token == null");
            Objects.requireNonNull(hint, "hint == null");
        }

        @Override
        public String toString() {
            return "Revocation{client=" + client.clientId() + ", token=[redacted], hint=" + hint.parameterValue() + "}";
        }
    }

    /** What the server answered. RFC 7009 section 2.2: 200 also for tokens that were already invalid. */
    sealed interface Outcome {
        record Revoked() implements Outcome {}

        record Refused(OAuthError error, int httpStatus) implements Outcome {
            public Refused {
                Objects.requireNonNull(error, "error == null");
            }
        }
    }

    /**
     * @throws TokenEndpointUnavailableException when no answer could be obtained, or (not retryable) when the server
     *     has no revocation endpoint
     */
    Outcome revoke(Revocation request);
}
