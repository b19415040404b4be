package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.domain.PendingAuthorization;
import dev.neonoauth.core.domain.State;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC storage: the two stores and the web sessions on one pool, plus the operations the core's ports do not
 * have.
 *
 * <p>Public because applications need, besides the port bindings, (1) a way to close the pool at shutdown,
 * (2) the key-rotation step that re-encrypts every row ({@link #reencryptAll()}, {@link #rowsByKeyId()}), and
 * (3) erasure of every grant of one user at the server ({@link #deleteGrantsOf(String)}); the ports cover deleting per
 * account only.
 *
 * <p>{@link #open} does no I/O: the key set is read, the pool opened and the migrations run on first use.
 */
public final class JdbcStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final Backend backend;
    private final JdbcTokenStore tokenStore;
    private final PendingAuthorizationStore pendingStore;
    private final JdbcPendingAuthorizationStore pendingDelegate;
    private final JdbcWebSessions webSessions;
    private final Duration purgeInterval;
    private final Clock clock;
    private final AtomicBoolean purgeScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService purger;
    private volatile boolean closed;

    private JdbcStorage(JdbcStorageConfig config, Clock clock) {
        Optional<Path> dataDirectory = config.isEmbeddedDefault()
                ? Optional.of(config.dataDirectory().orElseGet(
                        () -> DataDirectory.resolve(System.getenv(), System.getProperty("user.home"))))
                : Optional.empty();
        this.backend = new Backend(config, dataDirectory);
        this.tokenStore = new JdbcTokenStore(backend);
        this.pendingDelegate = new JdbcPendingAuthorizationStore(backend);
        this.pendingStore = new PurgeSchedulingStore();
        this.webSessions = new JdbcWebSessions(backend);
        this.purgeInterval = config.purgeInterval();
        this.clock = clock;
    }

    /** Opens the storage lazily; nothing is read or connected until the first store operation. */
    public static JdbcStorage open(JdbcStorageConfig config) {
        return new JdbcStorage(Objects.requireNonNull(config, "config == null"), Clock.systemUTC());
    }

    static JdbcStorage open(JdbcStorageConfig config, Clock clock) {
        return new JdbcStorage(config, clock);
    }

    public TokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * The pending-authorization store. Its first save starts the scheduled purge of expired entries (every
     * {@link JdbcStorageConfig#purgeInterval()}, first run at once), on a daemon thread stopped by {@link #close()}.
     */
    public PendingAuthorizationStore pendingAuthorizationStore() {
        return pendingStore;
    }

    /**
     * Server-side web sessions on the same pool and key set (table {@code neon_oauth_web_session}). Nothing purges them
     * on a schedule here: the web application decides the timeouts and calls {@link JdbcWebSessions#purgeExpired}.
     */
    public JdbcWebSessions webSessions() {
        return webSessions;
    }

    /**
     * Deletes every grant whose subject is the given user at the server, in one statement (for example when the user
     * disconnects the application everywhere or asks for erasure). Returns how many were deleted. It does not wait for
     * refresh locks: a refresh already in flight for one of the accounts may still save its result afterwards.
     */
    public int deleteGrantsOf(String subject) {
        return tokenStore.deleteAllOf(subject);
    }

    /**
     * Re-encrypts every row not yet under the key set's primary key (step 3 of the rotation runbook in
     * docs/storage-jdbc.md). Safe while the application runs. Returns the number of rows rewritten.
     *
     * @throws dev.neonoauth.core.port.out.StoreUnavailableException (not retryable) if a row cannot be decrypted
     *     with the current key set
     */
    public int reencryptAll() {
        int rows = Reencryption.all(backend);
        LOG.info("re-encrypted {} rows under key id {}", rows, backend.cipher().primaryKeyId());
        return rows;
    }

    /**
     * How many rows each key id encrypts (grants, pending authorizations and web sessions); a key may be removed at
     * zero.
     */
    public Map<Long, Long> rowsByKeyId() {
        return Reencryption.rowsByKeyId(backend);
    }

    /** The id of the key new rows are encrypted with. */
    public long primaryKeyId() {
        return backend.cipher().primaryKeyId();
    }

    /** Stops the purge and closes the pool; open refresh locks lose their connections. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService p = purger;
        if (p != null) {
            p.shutdownNow();
        }
        backend.close();
    }

    private void schedulePurge() {
        if (purgeInterval.isZero() || closed || !purgeScheduled.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "neon-oauth-pending-purge");
            t.setDaemon(true);
            return t;
        });
        purger = p;
        p.scheduleWithFixedDelay(this::purgeOnce, 0, purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (closed) {
            p.shutdownNow();
        }
    }

    private void purgeOnce() {
        try {
            int purged = pendingDelegate.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.debug("purged {} expired pending authorizations", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging expired pending authorizations failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage{" + backend + "}";
    }

    /** Starts the scheduled purge on the first save, so that opening the storage stays free of threads and I/O. */
    private final class PurgeSchedulingStore implements PendingAuthorizationStore {
        @Override
        public void save(PendingAuthorization pending) {
            pendingDelegate.save(pending);
            schedulePurge();
        }

        @Override
        public Optional<PendingAuthorization> consume(State state) {
            return pendingDelegate.consume(state);
        }

        /** Deletes the entries whose expiry is before {@code now}. */
        public int purgeExpired(Instant now) {
            return pendingDelegate.purgeExpired(now);
        }

        @Override
        public String toString() {
            return pendingDelegate.toString();
        }
    }
}
