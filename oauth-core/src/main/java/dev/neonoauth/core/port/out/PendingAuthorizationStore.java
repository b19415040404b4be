package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import java.util.Optional;

/**
 * Out-port: authorizations in flight, stored under their state until the callback consumes them. Implementations
 * store the state only as a hash, encrypt the PKCE verifier, and remove expired entries on their own schedule
 * (an entry past {@link PendingAuthorization#expiresAt()} is refused by the flow whether or not it is still stored).
 */
public interface PendingAuthorizationStore {

    /** @throws IllegalStateException if a pending authorization with the same state exists already */
    void save(PendingAuthorization pending);

    /**
     * Removes and returns the pending authorization stored under {@code state}, atomically: of any number of
     * concurrent callers with the same state, exactly one gets it. Expired entries are returned too (the caller
     * decides, with its clock); absent ones give empty.
     */
    Optional<PendingAuthorization> consume(State state);
}
