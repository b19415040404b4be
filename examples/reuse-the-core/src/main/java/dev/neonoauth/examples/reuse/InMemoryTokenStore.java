package dev.neonoauth.examples.reuse;

import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.StoreUnavailableException;
import dev.neonoauth.core.port.out.TokenStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TokenStore} for one process that forgets everything when it ends: enough for this example, which logs in
 * and uses the token in one run. A service that must survive restarts plugs in a persistent store instead (storage-jdbc,
 * or the file store of docs/guides/add-an-adapter.md). Passes the core's {@code TokenStoreContract}.
 */
final class InMemoryTokenStore implements TokenStore {
    private final Map<AccountKey, TokenSet> tokens = new ConcurrentHashMap<>();
    private final Map<AccountKey, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public Optional<TokenSet> load(AccountKey account) {
        return Optional.ofNullable(tokens.get(account));
    }

    @Override
    public void save(AccountKey account, TokenSet tokenSet) {
        tokens.put(account, tokenSet);
    }

    @Override
    public boolean delete(AccountKey account) {
        return tokens.remove(account) != null;
    }

    @Override
    public List<AccountKey> accountsOf(String subject) {
        return tokens.entrySet().stream()
                .filter(e -> e.getValue().subject().map(subject::equals).orElse(false))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(AccountKey::value))
                .toList();
    }

    @Override
    public RefreshLock lock(AccountKey account, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        ReentrantLock lock = locks.computeIfAbsent(account, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreUnavailableException("timed out waiting for the refresh lock of " + account, true, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for the refresh lock of " + account, true, e);
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
                    lock.unlock();
                }
            }
        };
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore{accounts=" + tokens.size() + "}";
    }
}
