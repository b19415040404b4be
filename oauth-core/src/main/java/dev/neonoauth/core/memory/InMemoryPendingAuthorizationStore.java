package dev.neonoauth.core.memory;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link PendingAuthorizationStore} for <b>one process</b>: a concurrent map keyed by state, whose atomic
 * {@code remove} makes {@link #consume} one-time. A callback must reach the process that started the authorization,
 * so it suits CLIs, desktop apps and single-instance services; behind a load balancer use a shared store.
 *
 * <p>Memory is bounded: a save drops the entries that expired before the new entry was created (by the flow's clock),
 * at most once every {@link #SWEEP_INTERVAL} of that clock so that a save stays O(1), and at most {@code capacity}
 * entries are held; past it a save sweeps at once and, if still full, fails with a retryable
 * {@link StoreUnavailableException} instead of growing without limit.
 */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {
    /** The default capacity: far more logins in flight than one process serves within a state's lifetime. */
    public static final int DEFAULT_CAPACITY = 100_000;
    /** How often, at most, a save sweeps expired entries. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    private final ConcurrentMap<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicReference<Instant> nextSweep =
            new AtomicReference<>(Instant.MIN);

    public InMemoryPendingAuthorizationStore() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryPendingAuthorizationStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public void save(PendingAuthorization authorization) {
        Objects.requireNonNull(authorization, "authorization == null");
        Instant now = authorization.createdAt();
        Instant due = nextSweep.get();
        if ((!now.isBefore(due) || pending.size() >= capacity) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            pending.values().removeIf(p -> p.isExpiredAt(now));
        }
        if (pending.size() >= capacity) {
            throw new StoreUnavailableException(
                    "too many authorizations in flight (" + capacity + "); try again later", true, null);
        }
        if (pending.putIfAbsent(authorization.state().value(), authorization) != null) {
            throw new IllegalStateException("a pending authorization with this state exists already");
        }
    }

    @Override
    public Optional<PendingAuthorization> consume(State state) {
        return Optional.ofNullable(pending.remove(Objects.requireNonNull(state, "state == null").value()));
    }

    /** How many authorizations are stored, expired ones included until the next save. */
    public int size() {
        return pending.size();
    }
}
