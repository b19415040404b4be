package dev.neonoauth.core.port.out;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import java.time.Duration;
import java.util.Optional;

/**
 * Out-port: where grants live, one {@link TokenSet} per {@link AccountKey}. Implementations encrypt token material
 * at rest and never put it in a message or a log.
 *
 * <p>The locking contract: {@link #lock(AccountKey, Duration)} gives one caller at a time, across every process that
 * shares the store, the right to refresh the account's tokens. Inside the lock the caller re-reads the tokens (another
 * process may have refreshed them already), and a {@link RefreshLock#save} is durable when it returns. A holder that
 * crashes must not block the account forever. The contract tests in the test-jar ({@code TokenStoreContract}) pin
 * this behaviour down.
 */
public interface TokenStore {

    /** @throws StoreUnavailableException on storage failure or when stored tokens cannot be decrypted */
    Optional<TokenSet> load(AccountKey account);

    /** Saves (inserts or replaces) atomically: a reader sees the old set or the new one, never a mix. */
    void save(AccountKey account, TokenSet tokens);

    /** Deletes the account's tokens; deleting an absent account is not an error. Returns true if a row was deleted. */
    boolean delete(AccountKey account);

    /**
     * Takes the account's exclusive refresh lock, waiting at most {@code timeout}.
     *
     * @throws StoreUnavailableException (retryable) when the lock was not obtained in time
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    RefreshLock lock(AccountKey account, Duration timeout);

    /** An exclusive, per-account lock. Close it in a finally block or try-with-resources. */
    interface RefreshLock extends AutoCloseable {

        /** The account's tokens as stored now, read inside the lock. */
        Optional<TokenSet> current();

        /** Saves durably (committed when this returns) while still holding the lock. */
        void save(TokenSet tokens);

        /** Deletes the account's tokens while holding the lock. */
        void delete();

        /** Releases the lock. Idempotent. */
        @Override
        void close();
    }
}
