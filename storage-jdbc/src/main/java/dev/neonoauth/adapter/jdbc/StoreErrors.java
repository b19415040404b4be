package dev.neonoauth.adapter.jdbc;

import dev.neonoauth.core.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Translates {@link SQLException}s into the core's {@link StoreUnavailableException}, deciding whether a retry can
 * help. Messages are written here and name the operation and the SQLState only. Plaintext secrets cannot reach a
 * driver message at all: only ciphertexts and hashes are ever bound to a statement.
 */
final class StoreErrors {
    static final String UNIQUE_VIOLATION = "23505";

    private StoreErrors() {}

    static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException(operation + " failed (SQLState " + e.getSQLState() + ")", isRetryable(e), e);
    }

    static StoreUnavailableException lockTimeout(String operation, SQLException e) {
        return new StoreUnavailableException(operation + ": the lock was not obtained in time (SQLState "
                + e.getSQLState() + ")", true, e);
    }

    static boolean isRetryable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08")          // connection exception
                || state.startsWith("40")      // serialization failure, deadlock
                || state.startsWith("53")      // PostgreSQL: insufficient resources (too many connections)
                || state.startsWith("57P")     // PostgreSQL: admin shutdown, cannot connect now
                || isLockTimeout(e);
    }

    /** PostgreSQL {@code lock_not_available} / {@code query_canceled}, H2 {@code LOCK_TIMEOUT_1} (HYT00). */
    static boolean isLockTimeout(SQLException e) {
        String state = e.getSQLState();
        return "55P03".equals(state) || "57014".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 50200;
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
