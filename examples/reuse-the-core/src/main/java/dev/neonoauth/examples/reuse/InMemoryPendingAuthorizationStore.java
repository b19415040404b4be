package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending authorizations for one process: a map whose {@code remove} makes {@link #consume} atomic and once-only.
 * Passes the core's {@code PendingAuthorizationStoreContract}.
 */
final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {
    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();

    @Override
    public void save(PendingAuthorization authorization) {
        if (pending.putIfAbsent(authorization.state().value(), authorization) != null) {
            throw new IllegalStateException("a pending authorization with this state exists already");
        }
    }

    @Override
    public Optional<PendingAuthorization> consume(State state) {
        return Optional.ofNullable(pending.remove(state.value()));
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = pending.size();
        pending.values().removeIf(p -> p.isExpiredAt(now));
        return before - pending.size();
    }

    @Override
    public String toString() {
        return "InMemoryPendingAuthorizationStore{pending=" + pending.size() + "}";
    }
}
