package dev.neonoauth.core.memory;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TokenStore} for <b>one process</b>: a map, and a lock per account that exists only while somebody holds
 * or waits for it. Nothing survives a restart and nothing is shared with another process, so it suits tests, demos
 * and single-instance tools that accept signing in again after a restart; a service with more than one instance needs
 * a shared store (storage-jdbc). Tokens are held in memory unencrypted, like any token an application is using.
 *
 * <p>Passes the core's {@code TokenStoreContract} (test-jar).
 */
public class InMemoryTokenStore implements TokenStore {
    private final ConcurrentMap<AccountKey, TokenSet> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<AccountKey, LockEntry> locks = new ConcurrentHashMap<>();

    /** An account's lock and how many callers hold or wait for it (changed only inside {@code compute}). */
    private static final class LockEntry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    @Override
    public Optional<TokenSet> load(AccountKey account) {
        return Optional.ofNullable(tokens.get(Objects.requireNonNull(account, "account == null")));
    }

    @Override
    public void save(AccountKey account, TokenSet tokenSet) {
        tokens.put(Objects.requireNonNull(account, "account == null"), Objects.requireNonNull(tokenSet, "tokens == null"));
    }

    @Override
    public boolean delete(AccountKey account) {
        return tokens.remove(Objects.requireNonNull(account, "account == null")) != null;
    }

    /** How many accounts have tokens. */
    public int size() {
        return tokens.size();
    }

    @Override
    public RefreshLock lock(AccountKey account, Duration timeout) {
        Objects.requireNonNull(account, "account == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        LockEntry entry = locks.compute(account, (k, e) -> {
            LockEntry result = e == null ? new LockEntry() : e;
            result.users++;
            return result;
        });
        boolean acquired = false;
        try {
            acquired = entry.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for the refresh lock of " + account, true, e);
        } finally {
            if (!acquired) {
                release(account, entry);
            }
        }
        if (!acquired) {
            throw new StoreUnavailableException("timed out waiting for the refresh lock of " + account, true, null);
        }
        return new RefreshLock() {
            private boolean open = true;

            @Override
            public Optional<TokenSet> current() {
                return load(account);
            }

            @Override
            public void save(TokenSet tokenSet) {
                InMemoryTokenStore.this.save(account, tokenSet);
            }

            @Override
            public void delete() {
                InMemoryTokenStore.this.delete(account);
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    entry.lock.unlock();
                    release(account, entry);
                }
            }
        };
    }

    private void release(AccountKey account, LockEntry entry) {
        locks.compute(account, (k, e) -> {
            if (e != entry) {
                return e;
            }
            e.users--;
            return e.users == 0 ? null : e;
        });
    }
}
