package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import java.time.Instant;
import java.util.Optional;

/**
 * Out-port: authorizations in flight, stored under their state until the callback consumes them. Implementations
 * store the state only as a hash and encrypt the PKCE verifier.
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

    /** Deletes entries that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
