package dev.neonoauth.adapter.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.TokenStore;
import java.util.Objects;

/**
 * Guice wiring of the JDBC storage. Public because composition roots install it.
 *
 * <p>Public bindings, all singletons created on first injection (no I/O in {@link #configure()}; the database is
 * first touched by the first store operation):
 * <ul>
 *   <li>{@link TokenStore} - the {@code JdbcTokenStore};
 *   <li>{@link PendingAuthorizationStore} - the {@code JdbcPendingAuthorizationStore};
 *   <li>{@link JdbcStorage} - both stores' owner: close it at shutdown; key rotation and per-user erasure;
 *   <li>{@link JdbcWebSessions} - server-side web sessions on the same database ({@link JdbcStorage#webSessions()}).
 * </ul>
 */
public final class JdbcStorageModule extends AbstractModule {
    private final JdbcStorageConfig config;

    public JdbcStorageModule(JdbcStorageConfig config) {
        this.config = Objects.requireNonNull(config, "config == null");
    }

    @Provides
    @Singleton
    JdbcStorage storage() {
        return JdbcStorage.open(config);
    }

    @Provides
    @Singleton
    TokenStore tokenStore(JdbcStorage storage) {
        return storage.tokenStore();
    }

    @Provides
    @Singleton
    PendingAuthorizationStore pendingAuthorizationStore(JdbcStorage storage) {
        return storage.pendingAuthorizationStore();
    }

    @Provides
    @Singleton
    JdbcWebSessions webSessions(JdbcStorage storage) {
        return storage.webSessions();
    }
}
