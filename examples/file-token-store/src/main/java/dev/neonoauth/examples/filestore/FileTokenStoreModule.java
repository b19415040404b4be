package dev.neonoauth.examples.filestore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.neonoauth.core.port.out.TokenStore;
import java.util.Objects;

/**
 * Guice wiring of the file token store. Public because composition roots install it, alone or over another storage
 * module with {@code Modules.override(storage).with(new FileTokenStoreModule(config))}.
 *
 * <p>Public bindings:
 * <ul>
 *   <li>{@link TokenStore} - the {@code FileTokenStore}, a singleton created on first injection (no I/O in
 *       {@link #configure()}: the directory and the key file are made then).
 * </ul>
 * It binds no {@code PendingAuthorizationStore}: pending authorizations live minutes, and an app keeps them where its
 * callback runs (in memory for a CLI, in its database for a web app).
 */
public final class FileTokenStoreModule extends AbstractModule {
    private final FileTokenStoreConfig config;

    public FileTokenStoreModule(FileTokenStoreConfig config) {
        this.config = Objects.requireNonNull(config, "config == null");
    }

    @Provides
    @Singleton
    TokenStore tokenStore() {
        return FileTokenStore.open(config);
    }
}
