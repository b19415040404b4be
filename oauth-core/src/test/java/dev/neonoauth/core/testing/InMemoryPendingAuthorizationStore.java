package dev.neonoauth.core.testing;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reference {@link PendingAuthorizationStore}: a concurrent map; {@code remove} makes consume atomic. */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {
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

    public int size() {
        return pending.size();
    }
}
