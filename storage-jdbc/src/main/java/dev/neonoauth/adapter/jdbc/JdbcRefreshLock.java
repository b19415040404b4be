package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refresh lock: an open transaction on a dedicated connection holding the write lock of its update of the
 * account's row of {@code neon_oauth_refresh_lock}.
 *
 * <ul>
 *   <li>Exclusive across processes: every instance sharing the database queues on the same row.
 *   <li>Bounded wait: the database's lock wait limit ({@code lock_timeout} / H2 {@code LOCK_TIMEOUT}) is set to what
 *       is left of the caller's timeout; running out is a retryable {@link StoreUnavailableException}.
 *   <li>Crash-safe: if the holder dies, its connection closes, the database aborts the transaction and the row lock
 *       goes with it. On PostgreSQL a hung holder is cut off too: {@code idle_in_transaction_session_timeout} is set
 *       for the lock's transaction to {@link #MAX_IDLE_HOLD_MILLIS}.
 *   <li>{@link #save} and {@link #delete} run on another pooled connection and commit before they return, so they are
 *       durable while the lock is still held; {@link #current()} reads the latest committed row.
 *   <li>{@link #close()} rolls the (read-only) lock transaction back, which releases the row lock.
 * </ul>
 */
final class JdbcRefreshLock implements TokenStore.RefreshLock {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRefreshLock.class);
    static final long MAX_IDLE_HOLD_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final JdbcTokenStore store;
    private final Backend backend;
    private final AccountKey account;
    private final Connection connection;
    private final Runnable onRelease;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcRefreshLock(JdbcTokenStore store, Backend backend, AccountKey account, Connection connection,
            Runnable onRelease) {
        this.store = store;
        this.backend = backend;
        this.account = account;
        this.connection = connection;
        this.onRelease = onRelease;
    }

    static JdbcRefreshLock acquire(JdbcTokenStore store, Backend backend, AccountKey account, long deadlineNanos,
            String what, Runnable onRelease) {
        Connection c;
        try {
            c = backend.connection(remainingMillis(deadlineNanos));
        } catch (SQLException e) {
            throw new StoreUnavailableException(what + ": no database connection became free (SQLState "
                    + e.getSQLState() + ")", true, e);
        }
        try {
            ensureLockRow(backend, c, account);
            c.setAutoCommit(false);
            backend.dialect().limitLockWait(c, remainingMillis(deadlineNanos));
            if (backend.dialect() == Dialect.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT set_config('idle_in_transaction_session_timeout', ?, true)")) {
                    ps.setString(1, MAX_IDLE_HOLD_MILLIS + "ms");
                    ps.execute();
                }
            }
            // A write to the lock row, not SELECT ... FOR UPDATE: H2 (2.3) let two transactions hold FOR UPDATE on the
            // same row now and then (2 in 40 runs of six threads), while a row update is exclusive on H2 and
            // PostgreSQL alike until the transaction ends.
            takeRowLock(backend, c, account, deadlineNanos);
            return new JdbcRefreshLock(store, backend, account, c, onRelease);
        } catch (SQLException e) {
            release(backend, c);
            throw StoreErrors.isLockTimeout(e) ? StoreErrors.lockTimeout(what, e) : StoreErrors.unavailable(what, e);
        } catch (RuntimeException e) {
            release(backend, c);
            throw e;
        }
    }

    /**
     * Updates the lock row in the open transaction. A serialization failure or deadlock report on that one statement
     * (SQLState 40001, 40P01: H2 reports 40001 now and then while several transactions queue on the row) is not
     * the caller's problem: the statement is rolled back and tried again until the deadline. On H2 the same goes for
     * a unique violation (23505) of the row's own key: H2 2.3 executes the key update as a delete and an insert in
     * the primary index and, rarely, reports that insert as a duplicate while another transaction holds the row
     * (seen about once in several runs of {@code RefreshLockExclusionTest} on a loaded machine). The row exists and
     * nothing was changed, so it is the same conflict.
     */
    private static void takeRowLock(Backend backend, Connection c, AccountKey account, long deadlineNanos)
            throws SQLException {
        String sql = "UPDATE " + backend.table(Backend.LOCK) + " SET account_key = account_key WHERE account_key = ?";
        while (true) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, account.value());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("the lock row of the account vanished", "55000");
                }
                return;
            } catch (SQLException e) {
                boolean conflict = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())
                        || (backend.dialect() == Dialect.H2 && StoreErrors.isUniqueViolation(e));
                if (!conflict || System.nanoTime() >= deadlineNanos) {
                    throw e;
                }
                c.rollback();
                backend.dialect().limitLockWait(c, remainingMillis(deadlineNanos));
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 30));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Creates the account's lock row if it is missing, committed on its own (auto-commit). */
    private static void ensureLockRow(Backend backend, Connection c, AccountKey account) throws SQLException {
        String table = backend.table(Backend.LOCK);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (account_key) "
                + "SELECT CAST(? AS VARCHAR(200)) WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE account_key = ?)")) {
            ps.setString(1, account.value());
            ps.setString(2, account.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!StoreErrors.isUniqueViolation(e)) {
                throw e;
            }
            // another process created it at the same moment: fine
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /**
     * Reads on a pooled auto-commit connection, like {@link #save}, not in the lock's own transaction: on H2 a read in
     * the transaction that waited for the row lock could miss a save that the previous holder committed while it
     * waited (a lost update 4 times in 40 runs of the contract's read-modify-write test); a fresh statement on its
     * own connection always sees every committed save.
     */
    @Override
    public Optional<TokenSet> current() {
        requireOpen();
        return store.load(account);
    }

    @Override
    public void save(TokenSet tokens) {
        requireOpen();
        store.save(account, tokens);
    }

    @Override
    public void delete() {
        requireOpen();
        store.delete(account);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the refresh lock of account '" + account + "' was released");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                release(backend, connection);
            } finally {
                onRelease.run();
            }
        }
    }

    /** Rolls back (releasing the row lock) and returns the connection; evicts it if its state is unknown. */
    private static void release(Backend backend, Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                backend.dialect().restoreLockWait(c, backend.defaultLockWaitMillis());
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("releasing a refresh lock failed (SQLState {}); the connection is discarded, which ends its "
                    + "transaction", e.getSQLState());
            backend.evict(c);
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a lock connection failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcRefreshLock{account=" + account + ", released=" + closed.get() + "}";
    }
}
