package dev.neonoauth.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.neonoauth.core.domain.AccountKey;
import dev.neonoauth.core.domain.TokenSet;
import dev.neonoauth.core.port.out.PendingAuthorizationStore;
import dev.neonoauth.core.port.out.TokenStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStorageModuleTest {
    @TempDir
    Path dataDirectory;

    @Test
    void injectorWhenModuleIsInstalledThenBindsSingletonStoresWithoutTouchingTheDisk() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new JdbcStorageModule(JdbcStorageConfig.builder().dataDirectory(dataDirectory.resolve("data")).build()));
        try (JdbcStorage storage = injector.getInstance(JdbcStorage.class)) {
            TokenStore tokens = injector.getInstance(TokenStore.class);
            PendingAuthorizationStore pending = injector.getInstance(PendingAuthorizationStore.class);

            assertThat(tokens).isSameAs(injector.getInstance(TokenStore.class)).isSameAs(storage.tokenStore());
            assertThat(pending).isSameAs(storage.pendingAuthorizationStore());
            assertThat(injector.getInstance(JdbcWebSessions.class)).isSameAs(storage.webSessions())
                    .isSameAs(injector.getInstance(JdbcWebSessions.class));
            assertThat(dataDirectory.resolve("data")).as("no I/O before the first operation").doesNotExist();

            AccountKey account = AccountKey.of("guice");
            TokenSet set = Fixtures.tokens("guice");
            tokens.save(account, set);
            assertThat(tokens.load(account)).map(TokenSet::accessToken).contains(set.accessToken());
        }
    }
}
