package dev.neonoauth.core.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * What a disconnect did, told honestly: whether the server revoked the grant, and whether local tokens were deleted.
 *
 * @param revocation the revocation outcome
 * @param detail why revocation failed, when it did (an OAuth error code or a transport problem; never a token)
 * @param deletedLocally true when stored tokens were deleted
 */
public record DisconnectResult(Revocation revocation, Optional<String> detail, boolean deletedLocally) {

    public enum Revocation {
        /** The server confirmed the revocation. */
        REVOKED,
        /** There was nothing to revoke: no tokens were stored. */
        NOT_CONNECTED,
        /** The server has no revocation endpoint; tokens stay valid until they expire. */
        NOT_SUPPORTED,
        /** Revocation failed; the grant may still be valid at the server. */
        FAILED
    }

    public DisconnectResult {
        Objects.requireNonNull(revocation, "revocation == null");
        Objects.requireNonNull(detail, "detail == null");
    }
}
