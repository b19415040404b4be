package dev.neonoauth.examples.filestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.TokenStore;
import dev.neonoauth.core.memory.InMemoryPendingAuthorizationStore;
import dev.neonoauth.core.memory.InMemoryTokenStore;
import dev.neonoauth.core.testing.TestTokenSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Guice module: what it binds, that it does no I/O until asked, and that it overrides another storage module. */
class FileTokenStoreModuleTest {
    @TempDir
    Path tmp;

    /** Stands in for an app's storage module (JdbcStorageModule binds the same two keys). */
    static final class AppStorageModule extends AbstractModule {
        @Override
        protected void configure() {
            bind(TokenStore.class).to(InMemoryTokenStore.class);
            bind(PendingAuthorizationStore.class).to(InMemoryPendingAuthorizationStore.class);
        }
    }

    @Test
    void injectorWhenCreatedThenTouchesNoFileUntilTheStoreIsNeeded() {
        Path dir = tmp.resolve("tokens");
        Injector injector = Guice.createInjector(new FileTokenStoreModule(FileTokenStoreConfig.inDirectory(dir)));
        assertThat(Files.exists(dir)).isFalse();

        TokenStore store = injector.getInstance(TokenStore.class);

        assertThat(store).isInstanceOf(FileTokenStore.class).isSameAs(injector.getInstance(TokenStore.class));
        assertThat(Files.isDirectory(dir)).isTrue();
    }

    @Test
    void overrideWhenInstalledOverAnotherStorageModuleThenReplacesOnlyTheTokenStore() {
        Path dir = tmp.resolve("tokens");
        Injector injector = Guice.createInjector(
                Modules.override(new AppStorageModule()).with(new FileTokenStoreModule(FileTokenStoreConfig.inDirectory(dir))));

        TokenStore tokens = injector.getInstance(TokenStore.class);
        tokens.save(AccountKey.of("alice"), TestTokenSets.issued(Instant.parse("2026-11-27T10:00:00Z")));

        assertThat(tokens).isInstanceOf(FileTokenStore.class);
        assertThat(injector.getInstance(PendingAuthorizationStore.class)).isInstanceOf(InMemoryPendingAuthorizationStore.class);
        assertThat(FileTokenStore.open(FileTokenStoreConfig.inDirectory(dir)).load(AccountKey.of("alice"))).isPresent();
    }
}
